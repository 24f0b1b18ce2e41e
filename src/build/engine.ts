import { join } from 'node:path';
import { build, lockBuilds, type BuildOptions, type BuildResult } from './build.js';
import type { OutputLock } from '../output/lock.js';
import type { BuildMemory } from './options.js';

/** A build that can be repeated, each time doing only what the changes since the last one need. */
export interface Engine {
  /**
   * Builds the site, redoing only what changed since the last call (everything on the
   * first). `changed` names the files known to have changed; every file is still checked,
   * so the hint can only make a build faster, never wrong.
   */
  rebuild(changed?: readonly string[]): Promise<BuildResult>;
  /** Stops the worker threads it keeps between builds and gives up the output folder's lock. */
  close(): Promise<void>;
}

/**
 * Creates an engine for one site configuration; it keeps the build cache in memory between
 * rebuilds. A config change needs a new engine. From its first build until closed it holds the
 * output folder's lock: its memory describes the output, which no other build may change.
 */
export function createEngine(options: BuildOptions): Engine {
  const memory: BuildMemory = {};
  const run = (changed?: readonly string[], rehearse?: readonly string[]) =>
    build({ ...options, cache: options.cache ?? 'use', memory, changed, rehearse });
  let first = true;
  let lock: OutputLock | undefined;
  return {
    async rebuild(changed) {
      if (!lock && !options.writer) {
        const taken = lockBuilds(options.out);
        if (!('release' in taken)) return taken;
        lock = taken;
      }
      const result = await run(changed);
      // The first build ran the archive through code that a rebuild mostly skips, and parsed
      // and rendered on the worker threads. Rehearsing a rebuild in which one article is
      // parsed and rendered again on this thread (it writes nothing) has V8 compile the code
      // of rebuilds now, not on the editor's first save.
      const article = memory.listing?.articles()[0];
      if (first && result.ok && article) await run([join(options.content, article.path)], [article.path]);
      first = false;
      return result;
    },
    close: async () => {
      await memory.pool?.close();
      memory.pool = undefined;
      lock?.release();
      lock = undefined;
    },
  };
}
