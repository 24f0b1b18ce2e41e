import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SiteConfig } from '../config.js';
import type { Article } from '../content/article.js';
import type { ParsedArticle } from '../content/parse.js';
import type { ContentFile } from '../content/read.js';
import type { WorkerPool } from '../exec/pool.js';
import { cacheFile, loadCache, saveCache, type BuildCache, type CachedOutput } from '../incremental/cache.js';
import { digestCopies, type CopySource, type KnownCopies } from '../incremental/copies.js';
import { OpenedCache, type CacheEdit } from '../incremental/opened.js';
import { OutputMemory } from '../incremental/outputs.js';
import { restoreRelated, saveRelated, type RelatedState } from '../incremental/related-state.js';
import { StoredRelated } from '../incremental/stored-related.js';
import { LinkChecker } from '../render/links.js';
import { PlanMemory, type DigestedCopy, type PagePlan } from '../render/plan.js';
import { loadTheme, type Theme } from '../render/templates.js';
import { reassemble, type Assembly, type Clock } from '../site/assemble.js';
import { relateArticles, RelatedMemory, type RelatedLists } from '../site/related/relate.js';
import { digest } from '../util/digest.js';
import type { BuildOptions } from './options.js';
import { cachedStory, StoryMemory, type Listed } from './stories.js';

/** Bump with any change to what warta writes, so caches of other versions are not trusted. */
const OUTPUT_VERSION = '4';

/**
 * What a build goes on from: nothing (no cache), `warta dev`'s memory of the last build in this
 * process, or the cache the last build left on disk, read as far as the stages ask: the full
 * path all of it (`read`), the quick path a few entries (`opened`). The stages ask it what is
 * known (parses, the site model, related stories, stories, plans, outputs, copies) and tell it,
 * once at the end, what this build leaves for the next (`keep`: the whole cache, or after an edit
 * of a few files the entries it changed): where the last build is kept is decided here.
 */
export class Previous {
  /** The last build's cache read whole (see `read`). */
  private whole?: BuildCache;
  /** The cache on disk opened a chunk at a time (see `opened`); null: none to open. */
  private lazily?: OpenedCache | null;
  private stored?: StoredRelated | null;

  private constructor(
    /** Where the last build is kept: nowhere, in memory, or on disk. */
    readonly kind: 'none' | 'memory' | 'disk',
    private readonly options: BuildOptions,
    /** The cache's environment, when this build may use a cache (see `cacheEnv`). */
    private readonly env: string | undefined,
  ) {}

  /** What a build goes on from; nothing of a cache is read until a stage asks (`read` for all of it, `opened` for a few entries). */
  static open(options: BuildOptions): Previous {
    const kind = options.memory ? 'memory' : options.cache ? 'disk' : 'none';
    const usable = options.cache === 'use' && !options.writer && existsSync(options.out);
    return new Previous(kind, options, usable ? cacheEnv(options) : undefined);
  }

  /** The last build's cache, once `read`, when this build may use it and it is sound. */
  get cache(): BuildCache | undefined {
    return this.whole;
  }

  /**
   * Reads the last build's cache whole, as the full path needs it: the memory's while it is for
   * this environment, else the cache on disk. What the quick path opened is let go (at 100,000
   * articles the related state alone is 50 MB): the full path's stages, where memory peaks, ask
   * for none of it.
   */
  async read(): Promise<void> {
    this.lazily = this.stored = null;
    const { env, options } = this;
    if (env === undefined) return;
    this.whole =
      options.memory?.cache?.env === env ? options.memory.cache : await loadCache(cacheFile(options.out), env);
  }

  /**
   * The cache on disk opened a chunk at a time, for an edit of a few files (see quick.ts), when
   * the build that wrote it left what such a build needs: reading it whole takes 2–3 s at
   * 100,000 articles, its index 0.1 s. Undefined in one process, whose memory serves, and once
   * the cache was `read` whole.
   */
  opened(): OpenedCache | undefined {
    if (this.lazily === undefined)
      this.lazily = (this.env !== undefined && !this.options.memory && OpenedCache.open(this.file, this.env)) || null;
    return this.lazily ?? undefined;
  }

  /** The related stage's last computation as the opened cache holds it (see `StoredRelated`), read once. */
  storedRelated(): StoredRelated | undefined {
    if (this.stored === undefined) {
      const cache = this.opened();
      this.stored = (cache && StoredRelated.open(cache)) || null;
    }
    return this.stored ?? undefined;
  }

  /** The cache file beside the output. */
  get file(): string {
    return cacheFile(this.options.out);
  }

  /** Whether this build writes a cache to disk for the next build (a fresh process's build, told to keep one). */
  get saves(): boolean {
    return this.kind === 'disk';
  }

  /**
   * Each article file's parse when it needs none: from the cache when the file's stamp is the
   * cached one, or, in one process, from the last build when the same file object (the listing
   * keeps one per unchanged file) stands at the same place. None for the files in `again`.
   */
  parses(files: readonly ContentFile[], again: ReadonlySet<string>): (ParsedArticle | undefined)[] {
    const { cache } = this;
    const last = cache && this.options.memory?.parsed;
    return files.map((f, i) => {
      if (again.has(f.path)) return undefined;
      if (last?.files[i] === f) return last.parsed[i];
      const cached = cache?.sources.get(f.path);
      return cached?.stamp === f.stamp ? cached.parsed : undefined;
    });
  }

  /** The digest of a file's bytes at its last parse, as the cache holds it. */
  digestOf(path: string): string | undefined {
    return this.cache?.sources.get(path)?.parsed.digest;
  }

  /** The worker threads: in one process, those of the last build (made by `make` the first time). */
  workers(make: () => WorkerPool | undefined): WorkerPool | undefined {
    const memory = this.options.memory;
    return memory ? (memory.pool ??= make()) : make();
  }

  /** Whether the workers outlive this build (kept for the next in one process): else the build stops them. */
  keepsWorkers(pool: WorkerPool | undefined): boolean {
    return pool === this.options.memory?.pool;
  }

  /** The site model, made again from the last one in one process (see `reassemble`). */
  assemble(articles: readonly Article[], config: SiteConfig, clock: Clock, statics: readonly ContentFile[]): Assembly {
    const memory = this.options.memory;
    const assembly = reassemble(memory?.assembly, articles, config, clock, statics);
    if (memory) memory.assembly = assembly;
    return assembly;
  }

  /**
   * Related stories of every published article. In one process the stage's memory lives on; a
   * build in a fresh process starts from the cached computation (in which an article whose file
   * was not parsed again stands for the one it was computed from) and returns the state for the
   * cache it will write, letting the memory go before the render stage, where memory peaks.
   * `cachedRelated`: the cached lists, as restored (a list still the very same array afterwards
   * is unchanged, at the same places).
   */
  relate(
    articles: readonly Article[],
    parsedNow: readonly ContentFile[],
    count: number,
  ): { related: number[][]; state?: RelatedState; cachedRelated?: RelatedLists } {
    const memory = this.options.memory;
    if (memory) return { related: relateArticles(articles, { count }, (memory.related ??= new RelatedMemory())) };
    const fresh = new Set(parsedNow.map((f) => f.path));
    const restored = restoreRelated(this.cache?.related, articles, (a) => !fresh.has(a.path));
    const cachedRelated = restored.last?.related;
    const related = relateArticles(articles, { count }, restored);
    return { related, state: this.saves ? saveRelated(restored, this.cache?.related) : undefined, cachedRelated };
  }

  /** What listing the stories goes on from: the last listing in one process, and the digests the cache knows. */
  stories(): { memory?: StoryMemory; known?: (article: Article, category: string) => string | undefined } {
    const memory = this.options.memory;
    return { memory: memory && (memory.stories ??= new StoryMemory()), known: cachedStory(this.cache) };
  }

  /** The theme, the last build's while none of its files changed. */
  theme(templates: string | undefined): Theme {
    const memory = this.options.memory;
    const theme = loadTheme(templates, memory?.theme);
    if (memory) memory.theme = theme;
    return theme;
  }

  /**
   * Copied files with the digests their copies sign, and what to know of them next time.
   * Without a cache no later build compares signatures with this one: no file is read for a
   * digest, its stamp signs it.
   */
  copies(found: readonly CopySource[]): { copies: DigestedCopy[]; known: KnownCopies } {
    if (!this.options.cache)
      return { copies: found.map(({ path, abs, stamp }) => ({ path, abs, digest: stamp })), known: new Map() };
    return digestCopies(found, this.cache?.copies);
  }

  /** What planning keeps for the next build, in one process. */
  plans(): PlanMemory | undefined {
    const memory = this.options.memory;
    return memory && (memory.plan ??= new PlanMemory());
  }

  /** Each planned file's entry in the last build, and the places of those to produce (see `OutputMemory`), for the part of the plan beginning at `start`. */
  entries(plan: readonly PagePlan[], start = 0): { entries: (CachedOutput | undefined)[]; stale: number[] } {
    if (!this.cache) return { entries: new Array<undefined>(plan.length), stale: [...plan.keys()] };
    return (this.options.memory?.outputs ?? new OutputMemory()).entriesOf(plan, this.cache.outputs, start);
  }

  /** The body link checker, the last build's in one process. */
  links(): LinkChecker {
    const memory = this.options.memory;
    return memory ? (memory.links ??= new LinkChecker()) : new LinkChecker();
  }

  /** How each published article is listed, for a cache written to disk (in one process, the stories' memory serves). */
  listings(
    articles: readonly Article[],
    listed: readonly Listed[],
  ): Map<string, { category: string; sig: string }> | undefined {
    return this.saves
      ? new Map(articles.map((a, i) => [a.path, { category: listed[i]!.category, sig: listed[i]!.sig }]))
      : undefined;
  }

  /**
   * Keeps what this build leaves for the next (see `Kept`): a whole cache in memory with what
   * agrees with it, or saved to disk (the chunks whose entries are unchanged since they were
   * read kept as they are); an edit, in the chunks of the cache on disk holding its entries, every
   * other chunk kept unread. A failed build calls nothing here, and leaves the last as it was.
   */
  async keep(kept: Kept): Promise<void> {
    if ('edit' in kept) {
      const cache = this.opened();
      if (!cache) throw new Error('no opened cache to keep an edit in');
      return cache.save(kept.edit);
    }
    const { make, outputs, parsed } = kept;
    const memory = this.options.memory;
    // A fresh process's cache keeps the chunk files whose entries are unchanged since it read them.
    const next = memory ? make(this.cache, undefined) : make(undefined, this.cache?.stored);
    if (memory) {
      memory.cache = next;
      (memory.outputs ??= new OutputMemory()).keep(next.outputs, outputs.plan, outputs.entries);
      memory.parsed = parsed;
    } else if (this.saves) await saveCache(this.file, next);
  }
}

/**
 * What a build leaves for the next: a whole cache, made by `make` from the last one when that
 * may be brought up to date in place (in one process it is replaced by this one), with the
 * plan's entries and the parses; or, after an edit of a few files (see quick.ts), only the
 * entries it changed, by place in the cache it opened (see `OpenedCache.save`).
 */
export type Kept =
  | {
      make: (last: BuildCache | undefined, stored: BuildCache['stored']) => BuildCache;
      outputs: { plan: readonly PagePlan[]; entries: readonly (CachedOutput | undefined)[] };
      parsed: { files: readonly ContentFile[]; parsed: readonly ParsedArticle[] };
    }
  | { edit: CacheEdit };

/**
 * Everything that, changed, makes every cached page suspect: warta's output version, the
 * config, the folders, and the working folder (cached parses and warnings name their files
 * relative to it).
 */
export function cacheEnv(options: BuildOptions): string {
  const templates = options.templates ? resolve(options.templates) : '';
  return digest(OUTPUT_VERSION, JSON.stringify(options.config), resolve(options.content), templates, process.cwd());
}
