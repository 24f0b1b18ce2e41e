import { relative } from 'node:path';
import { listContent, listContentOnThread, updateListing, type ContentListing } from '../content/read.js';
import { error, type Problem } from '../errors.js';
import { cacheBytes, cacheFile } from '../incremental/cache.js';
import { lockOutput, type OutputLock } from '../output/lock.js';
import { deniedProblem } from '../output/ownership.js';
import { repairOutput } from '../output/staging.js';
import { formatLong } from '../time.js';
import { buildResult, inProcess, triesQuick, type BuildOptions, type BuildResult } from './options.js';
import { stageTimer } from './progress.js';

export type { BuildOptions, BuildResult, Stage } from './options.js';

/** A cache this large (about 4,000 articles) takes longer to read than a thread takes to start (see `readListing`). */
const WALK_ON_THREAD_BYTES = 8 * 2 ** 20;

/**
 * Builds the site: read → parse → model → related → render → write. A build into a folder
 * holds its lock throughout (see output/lock.ts; an engine holds it for all its builds, which
 * carry its `memory`); one that finds another build holding it fails at once, changing nothing.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  if (options.writer) return buildSite(options);
  try {
    // An engine holds the lock for all its builds.
    if (inProcess(options)) return await buildSite(options);
    const lock = lockBuilds(options.out);
    if (!('release' in lock)) return lock;
    try {
      return await buildSite(options);
    } finally {
      lock.release();
    }
  } catch (e) {
    return refusedBuild(e, options.out);
  }
}

/** Takes the lock of an output folder for builds into it, or gives the result of a build refused because another holds it (or this user may not write beside it). */
export function lockBuilds(out: string): OutputLock | BuildResult {
  let taken;
  try {
    taken = lockOutput(out);
  } catch (e) {
    return refusedBuild(e, out);
  }
  if ('lock' in taken) return taken.lock;
  const holder = taken.holder ? { pid: taken.holder.pid, since: formatLong(taken.holder.since) } : {};
  return failedBuild(
    error({ code: 'output-locked', file: relative(process.cwd(), taken.file), params: { out, ...holder } }),
  );
}

/** The result of a build that failed on one problem, building nothing. */
function failedBuild(problem: Problem): BuildResult {
  return buildResult(
    { problems: [problem], published: 0, heldBack: 0, drafts: 0 },
    { ok: false, files: 0, written: 0, removed: 0, parsed: 0, rendered: 0, incremental: false, quick: false },
    stageTimer().stages,
  );
}

/** The result of a build the file system refused a change to its output; any other error is a bug, thrown again. */
function refusedBuild(e: unknown, out: string): BuildResult {
  const problem = deniedProblem(e, out);
  if (!problem) throw e;
  return failedBuild(problem);
}

async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const timer = stageTimer();
  // A build killed mid-commit may have left the last good output aside: put it back first.
  if (!options.writer) await repairOutput(options.out);
  const listed = readListing(options);
  // Awaited by the stages: a failed listing must not count as unhandled meanwhile.
  listed.catch(() => undefined);
  // The stages' modules (Markdown, templates, the sanitiser, front matter: a third of a second to load) load while the archive is walked.
  const { runStages } = await import('./full.js');
  return runStages(options, listed, timer);
}

/**
 * The archive's files: walked, or, when a watcher says which files changed, updated from the
 * last build's listing. While a large cache is read from disk, the walk goes on a thread.
 */
async function readListing(options: BuildOptions): Promise<ContentListing> {
  const last = inProcess(options) ? options.memory.listing : undefined;
  // Two threads when the quick path may need nothing else: the walk is then most of the build.
  const listing =
    (last && options.changed && (await updateListing(last, options.content, options.changed))) ||
    (await (readsLargeCache(options)
      ? listContentOnThread(options.content, triesQuick(options) ? 2 : 1, options.static)
      : listContent(options.content, options.static)));
  if (inProcess(options)) options.memory.listing = listing;
  return listing;
}

/** Whether this build (in a fresh process, allowed threads) reads a cache from disk that takes longer to read than a thread takes to start. */
function readsLargeCache(options: BuildOptions): boolean {
  if (options.cache !== 'use' || options.writer || inProcess(options) || options.jobs < 2) return false;
  return cacheBytes(cacheFile(options.out)) >= WALK_ON_THREAD_BYTES;
}
