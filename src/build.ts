import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import type { SiteConfig } from './config.js';
import type { ParsedArticle } from './content/parse.js';
import { listContent, listContentOnThread, updateListing, type ContentFile, type ContentListing } from './content/read.js';
import { error, type Problem } from './errors.js';
import { cacheBytes, cacheFile, type BuildCache } from './incremental/cache.js';
import type { OutputMemory } from './incremental/outputs.js';
import { lockOutput, type OutputLock } from './output/lock.js';
import { deniedProblem } from './output/ownership.js';
import { repairOutput } from './output/staging.js';
import type { OutputWriter } from './output/writer.js';
import type { StoryMemory } from './pipeline.js';
import type { WorkerPool } from './pool.js';
import type { LinkChecker } from './render/links.js';
import type { PlanMemory } from './render/plan.js';
import type { Theme } from './render/templates.js';
import type { Assembly, Clock } from './site/assemble.js';
import type { RelatedMemory } from './site/related.js';
import { formatLong } from './time.js';

/** What to build, from where, to where. */
export interface BuildOptions {
  /** The archive folder. */
  content: string;
  /** The output folder (ignored when `writer` is given). */
  out: string;
  /** The site's own templates folder, overriding the default theme. */
  templates?: string;
  config: SiteConfig;
  clock: Clock;
  /** Threads for parsing and rendering; 1 runs everything on the main thread. */
  jobs: number;
  /** Write here instead of into the output folder (tests; `warta check`). */
  writer?: OutputWriter;
  /** Render every valid article even when others have errors, so every problem is found (`warta check`); nothing is committed. */
  keepGoing?: boolean;
  /**
   * `use`: read the cache beside the output and redo only what changed since the last build;
   * `clean`: ignore it (a full build, which writes a fresh cache). Absent: no cache at all.
   */
  cache?: 'use' | 'clean';
  /**
   * Holds what one build leaves for the next in one process (`warta dev`): the cache, sparing
   * a read from disk (the cache on disk is then dropped rather than rewritten after each
   * build), the listing, the site model, what related stories, link checks and page plans
   * were computed from, and the compiled theme.
   */
  memory?: { pool?: WorkerPool; cache?: BuildCache; outputs?: OutputMemory; listing?: ContentListing; parsed?: ParsedFiles; assembly?: Assembly; related?: RelatedMemory; links?: LinkChecker; theme?: Theme; plan?: PlanMemory; stories?: StoryMemory };
  /** Files known to have changed since the last build of this `memory` (a watcher's events): spares walking the archive. */
  changed?: readonly string[];
  /**
   * Article files (content paths) to parse again, and whose pages and the home page to render
   * again, as if they had changed, though nothing in the output changes: the engine's
   * rehearsal, which has V8 compile the code an editor's first save runs.
   */
  rehearse?: readonly string[];
  /** Told about progress, for a progress display. */
  progress?: (stage: Stage, done: number, total: number) => void;
}

/** The article files of a build and what parsing each gave, by place. */
export interface ParsedFiles { files: readonly ContentFile[]; parsed: readonly ParsedArticle[] }


/** The stages of a build, in order. */
export type Stage = 'read' | 'parse' | 'model' | 'related' | 'render' | 'write';

/** What a build did. */
export interface BuildResult {
  /** Every problem, errors and warnings, sorted by file and line. */
  problems: Problem[];
  /** True when the build had no errors and its output is in place. */
  ok: boolean;
  published: number;
  heldBack: number;
  drafts: number;
  /** When the next held-back article falls due, epoch milliseconds. */
  nextDue?: number;
  /** Files the site has (pages, feeds, copies). */
  files: number;
  /** Files written or replaced in the output by this build. */
  written: number;
  /** Files removed from the output because nothing produces them any more. */
  removed: number;
  /** Article files parsed by this build (the others' parses came from the cache or the last build). */
  parsed: number;
  /** Output files rendered or copied by this build (the others were kept, their signatures unchanged). */
  rendered: number;
  /** True when this build used the cache and redid only what changed. */
  incremental: boolean;
  /** True when it took the quick path (see quick.ts): only the edited articles' pages and those whose related stories changed were looked at. */
  quick: boolean;
  /** Seconds spent in each stage. */
  stages: Record<Stage, number>;
}

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
    if (options.memory) return await buildSite(options);
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
  return failedBuild(error({ code: 'output-locked', file: relative(process.cwd(), taken.file), params: { out, ...holder } }));
}

/** The result of a build that failed on one problem, building nothing. */
function failedBuild(problem: Problem): BuildResult {
  return { problems: [problem], ok: false, published: 0, heldBack: 0, drafts: 0, files: 0, written: 0, removed: 0, parsed: 0, rendered: 0, incremental: false, quick: false, stages: stageTimer().stages };
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
  const { runStages } = await import('./pipeline.js');
  return runStages(options, listed, timer);
}

/**
 * The archive's files: walked, or, when a watcher says which files changed, updated from the
 * last build's listing. While a large cache is read from disk, the walk goes on a thread.
 */
async function readListing(options: BuildOptions): Promise<ContentListing> {
  const last = options.memory?.listing;
  // Two threads when the quick path may need nothing else: the walk is then most of the build.
  const listing = (last && options.changed && (await updateListing(last, options.content, options.changed))) || (await (readsLargeCache(options) ? listContentOnThread(options.content, triesQuick(options) ? 2 : 1) : listContent(options.content)));
  if (options.memory) options.memory.listing = listing;
  return listing;
}

/** Whether this build (in a fresh process, allowed threads) reads a cache from disk that takes longer to read than a thread takes to start. */
function readsLargeCache(options: BuildOptions): boolean {
  if (options.cache !== 'use' || options.writer || options.memory || options.jobs < 2) return false;
  return cacheBytes(cacheFile(options.out)) >= WALK_ON_THREAD_BYTES;
}

/** Whether a build may take the quick path (see quick.ts): a fresh process's incremental build of the whole site into a folder. */
export function triesQuick(options: BuildOptions): boolean {
  return options.cache === 'use' && !options.writer && !options.memory && !options.keepGoing && !options.rehearse?.length && existsSync(options.out);
}

/** Times stages: each lap closes the stage that just ran, adding to its time (a quick path given up on, then the full path, both read and parse). */
export function stageTimer() {
  const stages = { read: 0, parse: 0, model: 0, related: 0, render: 0, write: 0 } as Record<Stage, number>;
  let last = performance.now();
  return {
    stages,
    lap(stage: Stage) {
      const now = performance.now();
      stages[stage] += (now - last) / 1000;
      last = now;
    },
  };
}

export type StageTimer = ReturnType<typeof stageTimer>;
