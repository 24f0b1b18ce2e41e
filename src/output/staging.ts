import { copyFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { markOutput } from './ownership.js';
import { checkOutputPath, type OutputWriter } from './writer.js';

/**
 * Writes into a folder, creating subfolders once each. Writes are synchronous: a build writes
 * one file after another anyway, and on a worker thread an await per file only adds a round
 * trip through libuv's thread pool (shared by all workers) and leaves the thread idle.
 */
export class FolderWriter implements OutputWriter {
  private readonly made = new Set<string>();

  constructor(readonly root: string) {}

  async write(path: string, data: string | Uint8Array): Promise<void> {
    const target = join(this.root, checkOutputPath(path));
    this.ensureFolder(dirname(target));
    writeFileSync(target, data);
  }

  async copy(path: string, from: string): Promise<void> {
    const target = join(this.root, checkOutputPath(path));
    this.ensureFolder(dirname(target));
    copyFileSync(from, target);
  }

  private ensureFolder(folder: string): void {
    if (this.made.has(folder)) return;
    mkdirSync(folder, { recursive: true });
    this.made.add(folder);
  }
}

/**
 * A build's output goes to a staging folder beside the output folder, and only a complete,
 * error-free build is swapped in. Readers and deploy scripts never see a half-built site,
 * and a failed or killed build leaves the last good output where it was.
 */
export interface Staging {
  /** The staging folder to write into. */
  folder: string;
  /** Swaps the staging folder in as the output. */
  commit(): Promise<void>;
  /** Throws the staging folder away. */
  abort(): Promise<void>;
}

/** Names used beside an output folder `dist`: `.dist.staging-<pid>` and `.dist.old-<pid>` (and `.dist.spare`, see spare.ts, `.dist.lock`, `.dist.lock-new-<pid>` and `.dist.lock-stale-<pid>`, see lock.ts). */
export function siblings(out: string): { parent: string; staging: string; old: string; prefix: string } {
  const parent = dirname(resolve(out));
  const prefix = `.${basename(resolve(out))}.`;
  return {
    parent,
    prefix,
    staging: join(parent, `${prefix}staging-${process.pid}`),
    old: join(parent, `${prefix}old-${process.pid}`),
  };
}

/**
 * Repairs what interrupted builds left beside `out` (see `recover`). Every build does this
 * first, even one that then fails on its content, so a failed build after a killed one still
 * leaves the last good output in place.
 */
export async function repairOutput(out: string): Promise<void> {
  const names = siblings(out);
  await recover(resolve(out), names.parent, names.prefix);
}

/** Opens a fresh staging folder for `out`, after repairing what an interrupted build left. */
export async function openStaging(out: string): Promise<Staging> {
  const names = siblings(out);
  await repairOutput(out);
  await rm(names.staging, { recursive: true, force: true });
  await mkdir(names.staging, { recursive: true });
  // Every output warta builds carries the marker that lets the next build replace it.
  markOutput(names.staging);
  return {
    folder: names.staging,
    async commit() {
      const hadOutput = await exists(out);
      // Both renames in one synchronous step: nothing else runs between them, so the output
      // folder is missing only for the time of two system calls. A build killed right there
      // leaves the last good output whole in `.old-<pid>`, and the next build puts it back.
      if (hadOutput) renameSync(out, names.old);
      try {
        renameSync(names.staging, out);
      } catch (e) {
        if (hadOutput) renameSync(names.old, out);
        throw e;
      }
      if (hadOutput) await rm(names.old, { recursive: true, force: true });
    },
    async abort() {
      await rm(names.staging, { recursive: true, force: true });
    },
  };
}

/**
 * A build killed between the two renames of a commit leaves no output but a complete
 * `.old-<pid>` folder: put it back. Staging and old folders, and locks being made or set aside (see lock.ts),
 * of builds no longer running are removed: these exact names only, never anything else that
 * starts with the output's name.
 */
async function recover(out: string, parent: string, prefix: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(parent);
  } catch {
    return;
  }
  const leftovers = entries.filter((e) => {
    const pid = leftoverPid(e, prefix);
    return pid !== undefined && !isAlive(pid);
  });
  const old = leftovers.filter((e) => e.startsWith(`${prefix}old-`));
  if (old.length && !(await exists(out))) await rename(join(parent, old[0]!), out);
  for (const entry of leftovers) await rm(join(parent, entry), { recursive: true, force: true });
}

/** The process that made a sibling left by a build (`.dist.staging-<pid>`, `.dist.old-<pid>`, `.dist.lock-new-<pid>`, `.dist.lock-stale-<pid>`); undefined for any other name. */
function leftoverPid(name: string, prefix: string): number | undefined {
  if (!name.startsWith(prefix)) return undefined;
  const match = /^(?:staging|old|lock-new|lock-stale)-([1-9]\d{0,9})$/.exec(name.slice(prefix.length));
  return match ? Number(match[1]) : undefined;
}

/** Whether another process with this id is running. */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
