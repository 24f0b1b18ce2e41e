import { createHash, hash } from 'node:crypto';

/** A short, stable digest of some text or bytes, for signatures and output comparison. */
export function digest(...parts: (string | Uint8Array)[]): string {
  // Each part is followed by a separator, which keeps ("ab", "c") and ("a", "bc") apart. Text
  // goes through the one-shot hash: the same digest as hashing part by part, at half the cost,
  // and builds sign every page.
  if (parts.every((p) => typeof p === 'string')) return hash('sha1', `${parts.join('\u0000')}\u0000`, 'base64url');
  const hasher = createHash('sha1');
  for (const part of parts) hasher.update(part).update('\u0000');
  return hasher.digest('base64url');
}
