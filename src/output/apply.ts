import { mkdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { checkOutputPath } from './writer.js';

/**
 * Brings a folder (the output's spare, see spare.ts) up to a new build: moves each changed file
 * in from the staging folder, and removes files no longer produced with folders they leave empty.
 */
export function applyChanges(
  staging: string,
  folder: string,
  changed: readonly string[],
  removed: readonly string[],
): void {
  for (const path of changed) {
    const target = join(folder, checkOutputPath(path));
    mkdirSync(dirname(target), { recursive: true });
    renameSync(join(staging, path), target);
  }
  const root = resolve(folder);
  for (const path of removed) {
    const target = join(folder, checkOutputPath(path));
    rmSync(target, { force: true });
    pruneEmpty(dirname(resolve(target)), root);
  }
}

/** Removes empty folders from `folder` up to (not including) `root`. */
export function pruneEmpty(folder: string, root: string): void {
  for (let dir = folder; dir !== root && dir.startsWith(root); dir = dirname(dir)) {
    try {
      rmdirSync(dir);
    } catch {
      return;
    }
  }
}
