import { existsSync } from 'node:fs';
import type { SiteConfig } from '../config.js';
import type { ParsedArticle } from '../content/parse.js';
import type { ContentFile, ContentListing } from '../content/read.js';
import type { Problem } from '../errors.js';
import type { BuildCache } from '../incremental/cache.js';
import type { OutputMemory } from '../incremental/outputs.js';
import type { OutputWriter } from '../output/writer.js';
import type { WorkerPool } from '../exec/pool.js';
import type { LinkChecker } from '../render/links.js';
import type { PlanMemory } from '../render/plan.js';
import type { Theme } from '../render/templates.js';
import type { Assembly, Clock } from '../site/assemble.js';
import type { RelatedMemory } from '../site/related/relate.js';
import type { StoryMemory } from './stories.js';

/** What to build, from where, to where. */
export interface BuildOptions {
  /** The archive folder. */
  content: string;
  /** The output folder (ignored when `writer` is given). */
  out: string;
  /** The site's own templates folder, overriding the default theme. */
  templates?: string;
  /** The static folder, whose files are published at the output's root as they are (CNAME, verification files). */
  static?: string;
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
  memory?: {
    pool?: WorkerPool;
    cache?: BuildCache;
    outputs?: OutputMemory;
    listing?: ContentListing;
    parsed?: ParsedFiles;
    assembly?: Assembly;
    related?: RelatedMemory;
    links?: LinkChecker;
    theme?: Theme;
    plan?: PlanMemory;
    stories?: StoryMemory;
  };
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
export interface ParsedFiles {
  files: readonly ContentFile[];
  parsed: readonly ParsedArticle[];
}

/** The stages of a build, in order. */
export type Stage = 'read' | 'parse' | 'model' | 'related' | 'render' | 'search' | 'write';

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
  /** Images whose smaller copies this build made (absent: none). */
  images?: number;
  /** Article pages of those rendered whose body was taken from the last build's page, not rendered from its Markdown again. */
  reused?: number;
  /** True when this build used the cache and redid only what changed. */
  incremental: boolean;
  /** True when it took the quick path (see quick.ts): only the edited articles' pages and those whose related stories changed were looked at. */
  quick: boolean;
  /** Parts of the search index this build made (the others kept as the last build left them); absent when it made no index. */
  indexed?: number;
  /** Seconds spent in each stage. */
  stages: Record<Stage, number>;
}

/** What a build found of the site: its problems, sorted, and its articles counted (see `BuildResult`). */
export type SiteCounts = Pick<BuildResult, 'problems' | 'published' | 'heldBack' | 'drafts' | 'nextDue'>;

/** What a build did (see `BuildResult`). */
export type BuildWork = Omit<BuildResult, keyof SiteCounts | 'stages'>;

/** The result of a build, full or quick: the site it found, what it did, and each stage's time. */
export function buildResult(site: SiteCounts, work: BuildWork, stages: BuildResult['stages']): BuildResult {
  return { ...site, ...work, stages };
}

/** The memory one build leaves for the next in one process (see `BuildOptions.memory`). */
export type BuildMemory = NonNullable<BuildOptions['memory']>;

/**
 * Whether a build is one of `warta dev`'s, going on from the memory of the last build in this
 * process (see `Previous`, which the stages ask); else a fresh process's, with or without a cache.
 */
export function inProcess(options: BuildOptions): options is BuildOptions & { memory: BuildMemory } {
  return options.memory !== undefined;
}

/** Whether a build may take the quick path (see quick.ts): a fresh process's incremental build of the whole site into a folder. */
export function triesQuick(options: BuildOptions): boolean {
  // Whole bodies in feeds: a body edit changes the feeds, which the quick path keeps as they were.
  return (
    options.config.feedContent !== 'full' &&
    options.cache === 'use' &&
    !options.writer &&
    !inProcess(options) &&
    !options.keepGoing &&
    !options.rehearse?.length &&
    existsSync(options.out)
  );
}
