/**
 * Permission tests need a process that file permissions stop. Root ignores them through its
 * capabilities to override access checks, so as root the CLI runs with those two dropped
 * (util-linux's `setpriv`): still root, owner of what it made, but held to the mode bits. This
 * works wherever the checkout lies, unlike running as another user, who may not reach it.
 */
const DROPPED = '-dac_override,-dac_read_search';

/** The command and arguments that run `node args…` held to file permissions. */
export function heldToPermissions(args: readonly string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [process.execPath, [...args]];
  return ['setpriv', ['--bounding-set', DROPPED, '--inh-caps', DROPPED, process.execPath, ...args]];
}
