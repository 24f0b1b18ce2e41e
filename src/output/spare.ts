import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { applyChanges, pruneEmpty } from './apply.js';
import { siblings } from './staging.js';
import { checkOutputPath } from './writer.js';

/**
 * An incremental build changes a handful of files, yet must put its output in place at once,
 * like a full build, so that a kill never leaves a mix of two builds. Copying the output for
 * every build would cost as much as the archive is large. Instead the output the build before
 * left is kept beside it (`.dist.spare`, double buffering): a build brings the spare up to date
 * (the files the last build changed, then its own changes) and swaps it with the output. The
 * spare's unchanged files are hard links to the output's, so it costs no disk space, and
 * keeping it up to date costs what the builds change, not what the archive holds.
 *
 * Files in either folder are never changed in place, only replaced by a rename, so the two
 * names of a hard link can never disagree.
 */

/** The spare folder of an output folder. */
export function spareFolder(out: string): string {
  const names = siblings(out);
  return join(names.parent, `${names.prefix}spare`);
}

/**
 * Makes the spare equal to the output and returns it. `differing` lists the paths where they
 * differ (what the last build changed or removed); without it, or without a spare, the spare
 * is made anew by linking every file of the output, once.
 */
export function readySpare(out: string, differing: readonly string[] | undefined): string {
  const spare = spareFolder(out);
  if (differing && existsSync(spare)) {
    const root = resolve(spare);
    for (const path of differing) {
      const target = join(spare, checkOutputPath(path));
      rmSync(target, { force: true });
      if (existsSync(join(out, path))) {
        mkdirSync(dirname(target), { recursive: true });
        share(join(out, path), target);
      } else {
        pruneEmpty(dirname(resolve(target)), root);
      }
    }
    return spare;
  }
  rmSync(spare, { recursive: true, force: true });
  mirror(out, spare);
  return spare;
}

/**
 * Moves a build's changed files from the staging folder into the ready spare, removes what is
 * gone from it, and swaps it with the output: the output folder is missing only between two
 * back-to-back renames, the same window as a full build's commit, repaired the same way.
 */
export function swapInSpare(
  out: string,
  staging: string,
  changed: readonly string[],
  removed: readonly string[],
): void {
  const spare = spareFolder(out);
  applyChanges(staging, spare, changed, removed);
  const { old } = siblings(out);
  renameSync(out, old);
  try {
    renameSync(spare, out);
  } catch (e) {
    renameSync(old, out);
    throw e;
  }
  renameSync(old, spare);
}

/**
 * Puts an incremental build's changed and removed files in place by way of the spare (see
 * `readySpare`, `swapInSpare`); returns where the output and its spare differ now.
 */
export function updateThroughSpare(
  out: string,
  staging: string,
  differing: readonly string[] | undefined,
  changed: readonly string[],
  removed: readonly string[],
): string[] | undefined {
  // Nothing to put in place: the output and the spare stay as they are.
  if (!changed.length && !removed.length) return differing?.slice();
  readySpare(out, differing);
  swapInSpare(out, staging, changed, removed);
  return [...changed, ...removed];
}

/** Removes the spare: after a full build it holds an output nothing describes. */
export async function dropSpare(out: string): Promise<void> {
  await rm(spareFolder(out), { recursive: true, force: true });
}

/** Recreates `from`'s folders in `to`, with every file a hard link. */
function mirror(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const [source, target] = [join(from, entry.name), join(to, entry.name)];
    if (entry.isDirectory()) mirror(source, target);
    else share(source, target);
  }
}

/** A hard link where the file system has them, a copy where it does not. */
function share(source: string, target: string): void {
  try {
    linkSync(source, target);
  } catch {
    copyFileSync(source, target);
  }
}
