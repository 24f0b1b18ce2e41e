// The watching thread of `warta dev`: chokidar's events, turned into changes for the batcher and
// posted to the main thread. On a thread of its own because chokidar reads a folder again
// (every entry, with a stat each) whenever a file in it changes: on the main thread that work
// would interleave with the rebuild the change starts. The only module importing chokidar.

import { watch, type FSWatcher } from 'chokidar';
import { existsSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { Change } from './batcher.js';
import { inside, type Paths } from './folders.js';

/** What the watching thread tells the main thread. */
export type WatcherMessage =
  // `at`: when the event came, in epoch milliseconds with the fraction (threads' performance clocks differ in origin).
  | { kind: 'change'; change: Change; at: number }
  | { kind: 'stir'; paths: string[]; at: number }
  | { kind: 'fail'; message: string }
  | { kind: 'ready' };

const post = (message: WatcherMessage) => parentPort!.postMessage(message);

/**
 * Watches the content, templates and static folders (hidden files, but the static folder's, and
 * the output folder skipped, as the build skips them) and the config file (through its folder, so editors that save by renaming
 * are seen too). chokidar v4 has no globs: whole folders are watched and filtered here.
 */
function startWatchers(
  paths: Paths,
  on: { change(c: Change): void; stir(paths: string[]): void; fail(e: Error): void },
): FSWatcher[] {
  const watchers: FSWatcher[] = [];
  const trees = [paths.content, paths.templates, paths.static].filter((p): p is string => !!p && existsSync(p));
  const skip = (p: string) => {
    if (inside(p, paths.out)) return true;
    const root = trees.find((t) => inside(p, t));
    return (
      !!root &&
      root !== paths.static &&
      relative(root, p)
        .split(sep)
        .some((s) => s.startsWith('.'))
    );
  };
  const tree = watch(trees, { ignoreInitial: true, ignored: skip });
  tree.on('all', (event, path) => {
    if (event === 'add' || event === 'change' || event === 'unlink') on.change({ kind: 'file', path: resolve(path) });
    else if (event === 'unlinkDir') on.change({ kind: 'tree' });
  });
  // Raw events name the entry only, and the folder or file watched; hidden ones (editors' swap files) are not the site's.
  tree.on('raw', (_event, name, details) => {
    const entry = String(name ?? '');
    if (!basename(entry).startsWith('.')) on.stir(rawPaths(entry, details));
  });
  watchers.push(tree);
  if (paths.config) {
    const file = paths.config;
    const folder = dirname(file);
    const config = watch(folder, {
      ignoreInitial: true,
      depth: 0,
      ignored: (p) => resolve(p) !== folder && resolve(p) !== file,
    });
    config.on('all', (_event, path) => {
      if (resolve(path) === file) on.change({ kind: 'renew' });
    });
    config.on('raw', (_event, name) => {
      if (basename(String(name ?? '')) === basename(file)) on.stir([]);
    });
    watchers.push(config);
  }
  for (const w of watchers) w.on('error', (e) => on.fail(e as Error));
  return watchers;
}

/** The paths a raw event may be about: the file watched, or the entry in the folder watched. */
function rawPaths(entry: string, details: unknown): string[] {
  const watched = (details as { watchedPath?: unknown } | undefined)?.watchedPath;
  return typeof watched === 'string' ? [resolve(watched), resolve(watched, entry)] : [];
}

const watchers = startWatchers(workerData as Paths, {
  change: (change) => post({ kind: 'change', change, at: performance.timeOrigin + performance.now() }),
  stir: (paths) => post({ kind: 'stir', paths, at: performance.timeOrigin + performance.now() }),
  fail: (e) => post({ kind: 'fail', message: e.message }),
});
void Promise.all(watchers.map((w) => new Promise<void>((done) => w.once('ready', () => done())))).then(() =>
  post({ kind: 'ready' }),
);
