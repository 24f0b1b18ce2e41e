import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, uptime } from 'node:os';
import { join } from 'node:path';
import { isAlive, siblings } from './staging.js';

/**
 * One build at a time per output folder. Two builds writing one output (a scheduled build
 * overlapping an editor's, two terminals) would each bring the spare up to date and write the
 * cache from what it alone read, and the second could pair a cache with output it does not
 * describe: a wrong incremental build later. So a build holds `.dist.lock` beside the output
 * (for `--out dist`) from before it reads the cache until it has written it.
 *
 * The lock names the process holding it. One left by a build that is gone (killed, or the
 * machine restarted since) is taken over at once; one of another machine (a cache restored
 * on a CI runner with its folder) counts as gone too, so builds of two machines sharing one
 * network folder are not kept apart.
 */

/** Who holds a lock. */
export interface LockHolder {
  pid: number;
  host: string;
  /** When it was taken, epoch milliseconds. */
  since: number;
}

/** A lock this process holds. */
export interface OutputLock {
  file: string;
  /** Gives the lock up (only if it is still this process's). */
  release(): void;
}

/** The lock file of an output folder: `.dist.lock` beside `dist`. */
export function lockFile(out: string): string {
  const names = siblings(out);
  return join(names.parent, `${names.prefix}lock`);
}

/**
 * Takes the lock of `out`, or says who holds it (no holder: a file that could not be replaced).
 */
export function lockOutput(out: string): { lock: OutputLock } | { holder?: LockHolder; file: string } {
  const file = lockFile(out);
  const me: LockHolder = { pid: process.pid, host: hostname(), since: Date.now() };
  mkdirSync(join(file, '..'), { recursive: true });
  // A lock found stale is set aside, then taken; another build may take it first.
  for (let attempt = 0; attempt < 3; attempt++) {
    if (create(file, me)) return { lock: { file, release: () => releaseLock(file, me) } };
    const holder = readHolder(file);
    if (holder && holds(holder)) return { holder, file };
    setAside(file, holder);
  }
  return { file };
}

/**
 * Creates the lock, unless the name is taken: another build then holds it, or held it. The
 * holder is written to a file of this process first and linked into place, so the lock never
 * exists without its holder, even when the build is killed while taking it: an unreadable lock
 * is one warta did not write, and is taken over.
 */
function create(file: string, me: LockHolder): boolean {
  const mine = `${file}-new-${process.pid}`;
  writeFileSync(mine, JSON.stringify(me));
  try {
    linkSync(mine, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    rmSync(mine, { force: true });
  }
}

/** The holder a lock file names; undefined when it is missing or not a lock warta wrote (then it is stale). */
function readHolder(file: string): LockHolder | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.since === 'number')
      return { pid: value.pid, host: value.host, since: value.since };
  } catch {
    // Missing, or not a lock warta wrote.
  }
  return undefined;
}

/** Slack for the wall clock, set right after the machine started (NTP), against its uptime. */
const CLOCK_SLACK = 5 * 60_000;

/** Whether a holder is a process still running on this machine since it took the lock. */
function holds(holder: LockHolder): boolean {
  const booted = Date.now() - uptime() * 1000 - CLOCK_SLACK;
  return holder.host === hostname() && holder.since >= booted && (holder.pid === process.pid || isAlive(holder.pid));
}

/**
 * Moves a stale lock out of the way. If what was moved is not the lock judged stale (another
 * build took it over meanwhile), it is put back; `create` then fails and that build holds it.
 */
function setAside(file: string, stale: LockHolder | undefined): void {
  const aside = `${file}-stale-${process.pid}`;
  try {
    renameSync(file, aside);
  } catch {
    return; // already gone
  }
  const moved = readHolder(aside);
  if (moved && !(stale && sameHolder(moved, stale))) {
    try {
      linkSync(aside, file);
    } catch {
      // A third build took the name meanwhile: it holds the lock.
    }
  }
  rmSync(aside, { force: true });
}

function releaseLock(file: string, me: LockHolder): void {
  const holder = readHolder(file);
  if (holder && sameHolder(holder, me)) rmSync(file, { force: true });
}

function sameHolder(a: LockHolder, b: LockHolder): boolean {
  return a.pid === b.pid && a.host === b.host && a.since === b.since;
}
