import { copyFile, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { checkOutputPath, type OutputWriter } from './writer.js';

/** Writes into a folder, creating subfolders once each. */
export class FolderWriter implements OutputWriter {
  private readonly made = new Set<string>();

  constructor(readonly root: string) {}

  async write(path: string, data: string | Uint8Array): Promise<void> {
    const target = join(this.root, checkOutputPath(path));
    await this.ensureFolder(dirname(target));
    await writeFile(target, data);
  }

  async copy(path: string, from: string): Promise<void> {
    const target = join(this.root, checkOutputPath(path));
    await this.ensureFolder(dirname(target));
    await copyFile(from, target);
  }

  private async ensureFolder(folder: string): Promise<void> {
    if (this.made.has(folder)) return;
    await mkdir(folder, { recursive: true });
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

/** Names used beside an output folder `dist`: `.dist.staging-<pid>` and `.dist.old-<pid>`. */
function siblings(out: string): { parent: string; staging: string; old: string; prefix: string } {
  const parent = dirname(resolve(out));
  const prefix = `.${basename(resolve(out))}.`;
  return { parent, prefix, staging: join(parent, `${prefix}staging-${process.pid}`), old: join(parent, `${prefix}old-${process.pid}`) };
}

/** Opens a fresh staging folder for `out`, after repairing what an interrupted build left. */
export async function openStaging(out: string): Promise<Staging> {
  const names = siblings(out);
  await recover(resolve(out), names.parent, names.prefix);
  await rm(names.staging, { recursive: true, force: true });
  await mkdir(names.staging, { recursive: true });
  return {
    folder: names.staging,
    async commit() {
      const hadOutput = await exists(out);
      if (hadOutput) await rename(out, names.old);
      await rename(names.staging, out);
      if (hadOutput) await rm(names.old, { recursive: true, force: true });
    },
    async abort() {
      await rm(names.staging, { recursive: true, force: true });
    },
  };
}

/**
 * A build killed between the two renames of a commit leaves no output but a complete
 * `.old-*` folder: put it back. Staging folders of dead builds are removed.
 */
async function recover(out: string, parent: string, prefix: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(parent);
  } catch {
    return;
  }
  const leftovers = entries.filter((e) => e.startsWith(prefix) && !isAlive(Number(e.slice(e.lastIndexOf('-') + 1))));
  const old = leftovers.filter((e) => e.startsWith(`${prefix}old-`));
  if (old.length && !(await exists(out))) await rename(join(parent, old[0]!), out);
  for (const entry of leftovers) await rm(join(parent, entry), { recursive: true, force: true });
}

function isAlive(pid: number): boolean {
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
