import { mkdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { checkOutputPath } from './writer.js';

/**
 * Updates an output folder in place: each changed file is moved in from the staging folder
 * (a rename, so readers see the old file or the new one, never a partial one), and files no
 * longer produced are removed along with folders they leave empty.
 */
export function applyChanges(staging: string, out: string, changed: readonly string[], removed: readonly string[]): void {
  for (const path of changed) {
    const target = join(out, checkOutputPath(path));
    mkdirSync(dirname(target), { recursive: true });
    renameSync(join(staging, path), target);
  }
  const root = resolve(out);
  for (const path of removed) {
    const target = join(out, checkOutputPath(path));
    rmSync(target, { force: true });
    pruneEmpty(dirname(resolve(target)), root);
  }
}

/** Removes empty folders from `folder` up to (not including) `root`. */
function pruneEmpty(folder: string, root: string): void {
  for (let dir = folder; dir !== root && dir.startsWith(root); dir = dirname(dir)) {
    try {
      rmdirSync(dir);
    } catch {
      return;
    }
  }
}
