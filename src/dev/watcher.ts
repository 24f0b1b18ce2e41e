import { Worker } from 'node:worker_threads';
import type { Change } from './batcher.js';
import type { Paths } from './folders.js';
import type { WatcherMessage } from './watcher-thread.js';

/** The watching of `warta dev`'s sources, on a thread of its own (see watcher-thread.ts). */
export interface SourceWatcher {
  /** Resolves once every folder is being watched. */
  ready: Promise<void>;
  /** Stops watching. */
  close(): Promise<void>;
}

/** Starts watching the content and templates folders and the config file; what changes goes to `on` (`at`: when, on this thread's performance clock). */
export function watchSources(
  paths: Paths,
  on: { change(c: Change, at: number): void; stir(paths: string[], at: number): void; fail(message: string): void },
): SourceWatcher {
  const thread = new Worker(new URL('./watcher-thread.js', import.meta.url), { workerData: paths });
  const ready = new Promise<void>((done) => {
    thread.on('message', (m: WatcherMessage) => {
      // Events' times on this thread's clock: rebuilds are timed from the event, and raw events judged by when they came, not by their message's arrival.
      if (m.kind === 'change') on.change(m.change, m.at - performance.timeOrigin);
      else if (m.kind === 'stir') on.stir(m.paths, m.at - performance.timeOrigin);
      else if (m.kind === 'fail') on.fail(m.message);
      else done();
    });
    // A thread that cannot watch lets the server start anyway, and says why.
    thread.on('error', (e) => (on.fail(e.message), done()));
  });
  return { ready, close: async () => void (await thread.terminate()) };
}
