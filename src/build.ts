import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { SiteConfig } from './config.js';
import type { Article } from './content/article.js';
import type { ParsedArticle } from './content/parse.js';
import { listContent, listContentOnThread, updateListing, type ContentFile, type ContentListing } from './content/read.js';
import { error, hasErrors, sortProblems, type Problem } from './errors.js';
import { collectGarbage } from './heap.js';
import { cacheBytes, cacheFile, dropCache, loadCache, saveCache, type BuildCache, type BuildSummary, type CachedOutput } from './incremental/cache.js';
import { digestCopies, type KnownCopies } from './incremental/copies.js';
import { digest } from './incremental/hash.js';
import { ByPlace } from './incremental/memo.js';
import { nextOutputs, OutputMemory } from './incremental/outputs.js';
import { lockOutput, type OutputLock } from './output/lock.js';
import { dropSpare, readySpare, updateThroughSpare } from './output/spare.js';
import { FolderWriter, openStaging, repairOutput, type Staging } from './output/staging.js';
import type { OutputWriter } from './output/writer.js';
import { batches, WorkerPool } from './pool.js';
import { produce, type RenderedPage } from './produce.js';
import { quickBuild, summarize } from './quick.js';
import { articleTask, type ArticleTask } from './render/article-page.js';
import { LinkChecker } from './render/links.js';
import { articleFrame, planPages, PlanMemory, type ArticleFrame, type PagePlan, type PlanInput } from './render/plan.js';
import { loadTheme, templateDigests, themeAssets, type Theme } from './render/templates.js';
import { siteView, storyView } from './render/viewmodel.js';
import type { SiteView, StoryView } from './render/views.js';
import { reassemble, type Assembly, type Clock, type Site } from './site/assemble.js';
import { outputFile } from './site/paths.js';
import { relateArticles, RelatedMemory } from './site/related.js';
import { restoreRelated, saveRelated, type RelatedState } from './site/related-state.js';
import { formatLong } from './time.js';
import { PageRenderer, parseBatch, type TaskSetup } from './tasks.js';

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
interface ParsedFiles { files: readonly ContentFile[]; parsed: readonly ParsedArticle[] }

/** An article file read by this build, and its parse: new, or the cached one when its bytes had not changed. */
interface FreshParse { file: ContentFile; parsed: ParsedArticle }

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

const PARSE_BATCH = 64;
const MIN_ARTICLES_FOR_WORKERS = 100;
/** A cache this large (about 4,000 articles) takes longer to read than a thread takes to start (see `readListing`). */
const WALK_ON_THREAD_BYTES = 8 * 2 ** 20;
/** Rendering this many pages takes seconds: long enough to hold the garbage of the stages before at the build's peak, unless collected first (see `collectGarbage`). */
const COLLECT_BEFORE_PAGES = 5000;
/** Bump with any change to what warta writes, so caches of other versions are not trusted. */
const OUTPUT_VERSION = '1';

/**
 * Builds the site: read → parse → model → related → render → write. A build into a folder
 * holds its lock throughout (see output/lock.ts; an engine holds it for all its builds, which
 * carry its `memory`); one that finds another build holding it fails at once, changing nothing.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  if (options.writer || options.memory) return buildSite(options);
  const lock = lockBuilds(options.out);
  if (!('release' in lock)) return lock;
  try {
    return await buildSite(options);
  } finally {
    lock.release();
  }
}

/** Takes the lock of an output folder for builds into it, or gives the result of a build refused because another holds it. */
export function lockBuilds(out: string): OutputLock | BuildResult {
  const taken = lockOutput(out);
  if ('lock' in taken) return taken.lock;
  const what = taken.holder ? `another warta (process ${taken.holder.pid}, since ${formatLong(taken.holder.since)}) is writing ${out}/` : `another warta is taking the lock of ${out}/ this moment, or this file cannot be replaced`;
  const problem = error({ code: 'output-locked', file: relative(process.cwd(), taken.file), message: `${what}: wait for it to finish or stop it; if no warta is running, delete this file` });
  return { problems: [problem], ok: false, published: 0, heldBack: 0, drafts: 0, files: 0, written: 0, removed: 0, parsed: 0, rendered: 0, incremental: false, quick: false, stages: stageTimer().stages };
}

async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const timer = stageTimer();
  const setup: TaskSetup = { config: options.config, templates: options.templates };
  // A build killed mid-commit may have left the last good output aside: put it back first.
  if (!options.writer) await repairOutput(options.out);
  const listed = readListing(options);
  // Awaited below: a failed listing must not count as unhandled while the cache is read.
  listed.catch(() => undefined);
  if (triesQuick(options)) {
    const quick = await quickBuild({ options, env: cacheEnv(options), listed, lap: timer.lap, stages: timer.stages });
    if (quick) return quick;
  }
  const cache = await previousCache(options);
  const listing = await listed;
  timer.lap('read');
  const again = new Set(options.rehearse);
  const known = knownParses(listing.articles, cache, cache && options.memory?.parsed, again);
  const toRead = listing.articles.filter((_, i) => !known[i]);
  // A file the cache holds at another stamp is parsed only if its bytes changed: a fresh clone gives every file a new time.
  const expected = toRead.map((f) => (again.has(f.path) ? null : (cache?.sources.get(f.path)?.parsed.digest ?? null)));
  const pool = workerPool(options, setup, toRead.length);
  try {
    // Starting workers, or sending them a few files, costs more than parsing a few files here.
    const read = await parseAll(toRead, expected, setup, toRead.length >= MIN_ARTICLES_FOR_WORKERS ? pool : undefined, options);
    const fresh = toRead.map((f) => ({ file: f, parsed: read.get(f.path) ?? cache!.sources.get(f.path)!.parsed }));
    const parsedNow = toRead.filter((f) => read.get(f.path));
    // The files read are the listing's without a known parse, in order.
    let k = 0;
    const parsed = listing.articles.map((_, i) => known[i] ?? fresh[k++]!.parsed);
    timer.lap('parse');
    const problems = [...listing.problems];
    const articles: Article[] = [];
    for (const p of parsed) {
      if (p.problems.length) problems.push(...p.problems);
      if (p.article) articles.push(p.article);
    }
    const assembly = reassemble(options.memory?.assembly, articles, options.config, options.clock, listing.statics);
    if (options.memory) options.memory.assembly = assembly;
    const { site } = assembly;
    problems.push(...assembly.problems);
    timer.lap('model');
    const result = (files: number, written: number, removed: number, rendered: number, ok: boolean): BuildResult => ({
      problems: sortProblems(problems), ok, files, written, removed, parsed: parsedNow.length, rendered, incremental: !!cache, quick: false, published: site.articles.length, heldBack: site.heldBack, drafts: site.drafts, nextDue: site.nextDue, stages: timer.stages,
    });
    if (hasErrors(problems) && !options.keepGoing) return result(0, 0, 0, 0, false);
    const { related, state, cachedRelated } = relateStories(site.articles, cache, parsedNow, options);
    timer.lap('related');
    const digestOf = sourceDigests(read, cache);
    const render = await renderSite({ site, related, cachedRelated, listing, digestOf, valid: articles, cache, setup, pool, options });
    // A build's own workers are done: stopped now, their heaps are not held while the cache is written, where memory peaks.
    if (pool !== options.memory?.pool) await pool?.close();
    problems.push(...render.problems);
    timer.lap('render');
    const ok = !hasErrors(problems) && !options.writer;
    const sources = { files: listing.articles, parsed, fresh };
    // For the next build's quick path, which reports these problems again (warnings: the build is ok).
    const summary = ok && options.cache && !options.memory ? summarize(site, listing.articles, listing.statics, sortProblems(problems), options.clock, render.theme, render.view, render.plan.length) : undefined;
    const counts = ok ? await commit(render, sources, state, cache, options, summary) : (await render.staging?.abort(), { written: 0, removed: 0 });
    timer.lap('write');
    return result(ok ? render.plan.length : 0, counts.written, counts.removed, render.produced.size, !hasErrors(problems));
  } finally {
    if (pool !== options.memory?.pool) await pool?.close();
  }
}

/**
 * The worker threads of a build, when the archive is worth starting them for. In one process
 * (`warta dev`) they are kept for the next builds (see `createEngine`'s close), which render
 * edits that touch several pages on them.
 */
function workerPool(options: BuildOptions, setup: TaskSetup, toParse: number): WorkerPool | undefined {
  // Starting workers costs more than a small archive takes to build on one thread.
  const make = () => (options.jobs > 1 && toParse >= MIN_ARTICLES_FOR_WORKERS ? new WorkerPool(options.jobs, setup) : undefined);
  return options.memory ? (options.memory.pool ??= make()) : make();
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
function triesQuick(options: BuildOptions): boolean {
  return options.cache === 'use' && !options.writer && !options.memory && !options.keepGoing && !options.rehearse?.length && existsSync(options.out);
}

/** The cache of the last build, when this build may use it and it is sound. */
async function previousCache(options: BuildOptions): Promise<BuildCache | undefined> {
  if (options.cache !== 'use' || options.writer || !existsSync(options.out)) return undefined;
  const env = cacheEnv(options);
  if (options.memory?.cache?.env === env) return options.memory.cache;
  return loadCache(cacheFile(options.out), env);
}

/**
 * Everything that, changed, makes every cached page suspect: warta's output version, the
 * config, the folders, and the working folder (cached parses and warnings name their files
 * relative to it).
 */
function cacheEnv(options: BuildOptions): string {
  const templates = options.templates ? resolve(options.templates) : '';
  return digest(OUTPUT_VERSION, JSON.stringify(options.config), resolve(options.content), templates, process.cwd());
}

/**
 * Each article file's parse when it needs none: from the cache when the file's stamp is the
 * cached one, or, in one process, from the last build when the same file object (the listing
 * keeps one per unchanged file) stands at the same place.
 */
function knownParses(files: readonly ContentFile[], cache: BuildCache | undefined, last: ParsedFiles | undefined, again: ReadonlySet<string>): (ParsedArticle | undefined)[] {
  return files.map((f, i) => {
    if (again.has(f.path)) return undefined;
    if (last?.files[i] === f) return last.parsed[i];
    const cached = cache?.sources.get(f.path);
    return cached?.stamp === f.stamp ? cached.parsed : undefined;
  });
}

/**
 * Related stories of every published article. In one process (`warta dev`) the stage's memory
 * lives on in `options.memory`; a build in a fresh process starts from the cached computation
 * (in which an article whose file was not parsed again stands for the one it was computed
 * from) and returns the state for the cache it will write, letting the memory go before the
 * render stage, where the build's memory peaks.
 */
function relateStories(articles: readonly Article[], cache: BuildCache | undefined, parsedNow: readonly ContentFile[], options: BuildOptions): { related: number[][]; state?: RelatedState; cachedRelated?: readonly number[][] } {
  const count = options.config.relatedCount;
  if (options.memory) return { related: relateArticles(articles, { count }, (options.memory.related ??= new RelatedMemory())) };
  const fresh = new Set(parsedNow.map((f) => f.path));
  const memory = restoreRelated(cache?.related, articles, (a) => !fresh.has(a.path));
  // The cached lists: a list still the very same array afterwards is unchanged, at the same places.
  const cachedRelated = memory.last?.related;
  const related = relateArticles(articles, { count }, memory);
  return { related, state: options.cache ? saveRelated(memory) : undefined, cachedRelated };
}

/**
 * Parses article files, on the workers when there are some; results by content path, null
 * for a file whose bytes still have the digest expected of it (see `parseBatch`).
 */
async function parseAll(files: readonly ContentFile[], expected: readonly (string | null)[], setup: TaskSetup, pool: WorkerPool | undefined, options: BuildOptions): Promise<Map<string, ParsedArticle | null>> {
  let done = 0;
  const report = (batch: readonly number[]) => options.progress?.('parse', (done += batch.length), files.length);
  const groups = batches([...files.keys()], PARSE_BATCH);
  const results: (ParsedArticle | null)[][] = [];
  const pick = <T>(list: readonly T[], batch: readonly number[]) => batch.map((i) => list[i] as T);
  if (pool) results.push(...(await pool.map<number[], (ParsedArticle | null)[]>(groups, (b) => ({ kind: 'parse', files: pick(files, b), expected: pick(expected, b) }), report)));
  else for (const group of groups) results.push(await parseBatch(pick(files, group), setup, pick(expected, group))), report(group);
  return new Map(results.flat().map((p, i) => [files[i]!.path, p]));
}

/**
 * The digest of each article file's bytes, by content path, which its page signs. A file read
 * now has its parse's (new, or the cached one it still matches); any other was not read because
 * a cache holds its parse (in one process, one agreeing with the last build's), with its digest.
 */
function sourceDigests(read: ReadonlyMap<string, ParsedArticle | null>, cache: BuildCache | undefined): (path: string) => string | undefined {
  return (path) => read.get(path)?.digest ?? cache?.sources.get(path)?.parsed.digest;
}

interface RenderInput {
  site: Site;
  related: number[][];
  /** The cached build's related lists, as restored (a fresh process's incremental build). */
  cachedRelated?: readonly number[][];
  listing: ContentListing;
  /** The digest of an article file's bytes, by content path. */
  digestOf: (path: string) => string | undefined;
  /** Every valid article, published or not. */
  valid: readonly Article[];
  cache: BuildCache | undefined;
  setup: TaskSetup;
  pool: WorkerPool | undefined;
  options: BuildOptions;
}

/** What rendering leaves for the commit: the plan, what changed, and where it was written. */
interface Rendered {
  plan: PagePlan[];
  /** The cache entry of every planned file as it stands after this build, by place in the plan. */
  entries: (CachedOutput | undefined)[];
  /** Places in the plan whose entry may differ from the cached build's. */
  updated: number[];
  /** Places in the plan of the files written into the staging folder by this build. */
  produced: Set<number>;
  problems: Problem[];
  staging?: Staging;
  /** How many files of the plan the cached build had. */
  kept: number;
  /** How each published article is listed (its category's name and its story's digest), by content path, for a cache written to disk. */
  stories?: Map<string, { category: string; sig: string }>;
  /** The copied files' digests, for the next build. */
  copies: KnownCopies;
  /** What the article pages were signed in, for the next build. */
  frame: ArticleFrame;
  /** The theme's stamp, and the site as its templates saw it. */
  theme: string;
  view: SiteView;
}

/** Plans every output file and renders those whose signature changed since the cached build (all, without a cache). */
async function renderSite(input: RenderInput): Promise<Rendered> {
  const { site, options, cache } = input;
  const staging = options.writer ? undefined : await openStaging(options.out);
  try {
    const writer = options.writer ?? new FolderWriter(staging!.folder);
    const names = new Map(site.categories.map((c) => [c.slug, c.name]));
    const { listed, sigOf } = listStories(site.articles, names, options.memory && (options.memory.stories ??= new StoryMemory()), cachedStory(cache));
    const stories = listed.map((l) => l.story);
    const view = siteView(options.config, site.categories);
    const root = resolve(options.content);
    const task = (i: number): ArticleTask => {
      const article = site.articles[i]!;
      return articleTask(article, join(root, article.path), stories[i]!, input.related[i]!.map((j) => stories[j]!));
    };
    const theme = loadTheme(options.templates, options.memory?.theme);
    if (options.memory) options.memory.theme = theme;
    const found = [...input.listing.statics, ...(await themeAssets(theme))];
    // Without a cache no later build compares signatures with this one: no file is read for a digest, its stamp signs it.
    const copied = options.cache ? digestCopies(found, cache?.copies) : { copies: found.map(({ path, abs, stamp }) => ({ path, abs, digest: stamp })), known: new Map() };
    const planInput: PlanInput = { site, config: options.config, view, stories, storySigs: listed.map((l) => l.sig), sigOf, related: input.related, source: input.digestOf, template: templateDigests(theme, digest), copies: copied.copies };
    const unchanged = cache?.frame && input.cachedRelated ? { frame: cache.frame, plan: keptPlans(site, cache, input.related, input.cachedRelated, listed) } : undefined;
    const plan = planPages(planInput, options.memory && (options.memory.plan ??= new PlanMemory()), unchanged);
    // Each file's entry in the cached build, looked up once.
    const { entries: before, stale } = cache ? (options.memory?.outputs ?? new OutputMemory()).entriesOf(plan, cache.outputs) : { entries: new Array<undefined>(plan.length), stale: [...plan.keys()] };
    const todo = [...new Set([...stale, ...rehearsed(plan, site, options.rehearse)])].sort((a, b) => a - b);
    const workers = input.pool && staging ? { pool: input.pool, folder: staging.folder } : undefined;
    if (todo.length >= COLLECT_BEFORE_PAGES) collectGarbage();
    const made = await produce({ todo: todo.map((i) => plan[i]!), task, view, theme, setup: input.setup, writer, workers, progress: (d, t) => options.progress?.('render', d, t) });
    const entries = before.slice();
    const produced = new Set<number>();
    for (const i of todo) {
      const p = plan[i]!;
      const rendered = p.kind === 'article' ? made.articles.get(p.index) : undefined;
      if (p.kind === 'article') entries[i] = articleEntry(p, rendered, before[i]);
      else if (made.files.has(p.path)) entries[i] = { sig: p.sig, hash: made.files.get(p.path)! };
      if (p.kind === 'article' ? rendered?.hash : made.files.has(p.path)) produced.add(i);
    }
    const problems = [...made.problems];
    // Article pages come first in the plan, by index: their entries, for the link checks.
    const pages = entries.slice(0, site.articles.length);
    for (let i = 0; i < pages.length; i++) {
      const found = made.articles.get(i)?.problems ?? pages[i]?.problems;
      if (found?.length) problems.push(...found);
    }
    problems.push(...(await relink(plan, pages, task, entries, produced, writer, view, theme, input)));
    // For a cache written to disk (in one process, the stories' memory serves).
    const listings = options.cache && !options.memory ? new Map(site.articles.map((a, i) => [a.path, { category: listed[i]!.category, sig: listed[i]!.sig }])) : undefined;
    return { plan, entries, updated: [...todo, ...produced], produced, problems, staging, kept: before.reduce((n, e) => (e ? n + 1 : n), 0), stories: listings, copies: copied.known, frame: articleFrame(planInput), theme: theme.stamp, view };
  } catch (e) {
    await staging?.abort();
    throw e;
  }
}

/** Places in the plan of the pages a rehearsal renders again: those of the rehearsed articles, and the home page. */
function rehearsed(plan: readonly PagePlan[], site: Site, articles: readonly string[] = []): Set<number> {
  const again = new Set<number>();
  if (!articles.length) return again;
  plan.forEach((p, i) => (p.kind === 'article' ? articles.includes(site.articles[p.index]!.path) : p.path === outputFile('/')) && again.add(i));
  return again;
}

/** How an article is listed, and its digest (which signs every page listing it). */
interface Listed { category: string; story: StoryView; sig: string }

/**
 * What listing the stories keeps for the next build in one process: articles kept from the
 * cache are the same objects build after build, so their stories and digests are made once.
 */
export class StoryMemory {
  readonly byPlace = new ByPlace<Article, Listed>();
  readonly sigs = new WeakMap<StoryView, string>();
  /** The category names of the last build, as JSON. */
  names = '';
}

/**
 * The digest of an article's story as the cached build listed it, for an article parsed then
 * (the very object the cache holds, so its fields are those it had) under the same category
 * name: spares a fresh process a digest of every story in the archive.
 */
function cachedStory(cache: BuildCache | undefined): ((article: Article, category: string) => string | undefined) | undefined {
  if (!cache) return undefined;
  return (article, category) => {
    const source = cache.sources.get(article.path);
    return source?.parsed.article === article && source.story?.category === category ? source.story.sig : undefined;
  };
}

/**
 * The article pages whose plans the cached build's stand for, in a fresh process: the article
 * is the very parse the cache holds (its file's bytes unchanged), its related list the very
 * list of the cached computation (so the same articles at the same places, see
 * `relateArticles`), and neither its story nor a related one is listed otherwise than the cache
 * says. Such a page signs what it signed then, and its cached output's signature is its plan's:
 * no digest of every page of the archive.
 */
function keptPlans(site: Site, cache: BuildCache, related: readonly number[][], cachedRelated: readonly number[][], listed: readonly Listed[]): (index: number) => PagePlan | undefined {
  const sources = site.articles.map((a) => cache.sources.get(a.path));
  const sameStory = sources.map((source, i) => source?.story?.sig === listed[i]!.sig);
  return (i) => {
    if (!sameStory[i] || sources[i]!.parsed.article !== site.articles[i] || related[i] !== cachedRelated[i] || !related[i]!.every((j) => sameStory[j])) return undefined;
    const path = outputFile(site.articles[i]!.url);
    const sig = cache.outputs.get(path)?.sig;
    return sig === undefined ? undefined : { kind: 'article', path, index: i, sig };
  };
}

/** How each published article is listed. */
function listStories(articles: readonly Article[], names: ReadonlyMap<string, string>, memory = new StoryMemory(), known?: (article: Article, category: string) => string | undefined): { listed: Listed[]; sigOf: (story: StoryView) => string } {
  const make = (article: Article): Listed => {
    const category = names.get(article.categorySlug)!;
    const story = storyView(article, category);
    const made = { category, story, sig: known?.(article, category) ?? digest(JSON.stringify(story)) };
    memory.sigs.set(story, made.sig);
    return made;
  };
  // While no category was renamed, an unchanged article keeps its story without a lookup.
  const key = JSON.stringify([...names]);
  const renamed = memory.names !== key;
  memory.names = key;
  const listed = memory.byPlace.map(articles, make, renamed ? (known, i) => known.category === names.get(articles[i]!.categorySlug) : undefined);
  return { listed, sigOf: (story) => memory.sigs.get(story)! };
}

/** The cache entry of an article page: rendered now, or kept from the cached build when its signature is unchanged. */
function articleEntry(p: PagePlan, rendered: RenderedPage | undefined, before: CachedOutput | undefined): CachedOutput | undefined {
  if (!rendered) return before;
  if (rendered.hash === null) return undefined;
  return { sig: p.sig, hash: rendered.hash, links: rendered.links, problems: rendered.problems.filter((x) => x.severity === 'warning'), rewrites: '' };
}

/**
 * Checks every article's body links once every output file is known, and renders again, on
 * this thread, the pages whose links to `.md` files now resolve differently from what their
 * current bytes hold (rewritten to the linked article's URL, or back).
 */
async function relink(plan: PagePlan[], pages: readonly (CachedOutput | undefined)[], task: (index: number) => ArticleTask, entries: (CachedOutput | undefined)[], produced: Set<number>, writer: OutputWriter, view: ReturnType<typeof siteView>, theme: Theme, input: RenderInput): Promise<Problem[]> {
  const { site, listing, valid, options } = input;
  const links = options.memory ? (options.memory.links ??= new LinkChecker()) : new LinkChecker();
  links.index(plan, listing.articles, valid, site.articles, options.config.baseUrl);
  const { problems, again } = links.checkPages(pages, site.articles);
  if (again.length) {
    const rendered = await new PageRenderer(input.setup, theme).renderBatch(again.map((a) => ({ ...task(a.index), rewrites: a.rewrites })), view, writer);
    // Article pages come first in the plan: an article's index is its page's place.
    again.forEach(({ index, rewritten }, k) => {
      entries[index] = { ...entries[index]!, hash: rendered.hashes[k] ?? '', rewrites: rewritten };
      produced.add(index);
    });
  }
  return problems;
}

/** Puts a successful build's output in place and remembers it; returns how many files changed. */
async function commit(render: Rendered, sources: ParsedFiles & { fresh: FreshParse[] }, related: RelatedState | undefined, cache: BuildCache | undefined, options: BuildOptions, summary: BuildSummary | undefined): Promise<{ written: number; removed: number }> {
  const staging = render.staging!;
  let written = render.produced.size;
  let removed = 0;
  let differing: string[] | undefined;
  const file = cacheFile(options.out);
  const { plan, entries } = render;
  if (cache) {
    // The spare changes now: a build killed from here on must not find a cache that describes it.
    await dropCache(file);
    const changed = [...render.produced].filter((i) => cache.outputs.get(plan[i]!.path)?.hash !== entries[i]?.hash).map((i) => plan[i]!.path);
    const gone = goneSince(cache, plan, render.kept);
    differing = updateThroughSpare(options.out, staging.folder, cache.differing, changed, gone);
    await staging.abort();
    [written, removed] = [changed.length, gone.length];
  } else {
    await staging.commit();
    await dropSpare(options.out);
    if (options.memory) {
      // In `warta dev` the spare is made now, with the first build, not on the editor's first save.
      readySpare(options.out, undefined);
      differing = [];
    }
  }
  // In one process the last cache is replaced by this one: its maps are brought up to date in place.
  const last = options.memory ? cache : undefined;
  const outputs = nextOutputs(plan, entries, render.updated, last?.outputs, render.kept);
  // A fresh process's cache keeps the chunk files whose entries are unchanged since it read them.
  const next: BuildCache = { env: cacheEnv(options), sources: nextSources(sources, last, render.stories), outputs, copies: render.copies, differing, related, frame: render.frame, stored: options.memory ? undefined : cache?.stored, summary };
  if (options.memory) {
    options.memory.cache = next;
    (options.memory.outputs ??= new OutputMemory()).keep(outputs, plan, entries);
    // Kept with the cache it agrees with: a failed build leaves both as they were.
    options.memory.parsed = { files: sources.files, parsed: sources.parsed };
  } else if (options.cache) await saveCache(file, next);
  return { written, removed };
}

/**
 * The parsed article files for the next build's cache. In one process the last cache's map is
 * brought up to date in place (it is replaced by this one): every file not parsed now was
 * taken from it, or from the last build by place, which agrees with it, so only the files
 * parsed now are set, sparing a new map of every file.
 */
function nextSources({ files, parsed, fresh }: ParsedFiles & { fresh: FreshParse[] }, last: BuildCache | undefined, stories: Rendered['stories']): BuildCache['sources'] {
  if (last) {
    const sources = last.sources;
    for (const f of fresh) sources.set(f.file.path, { stamp: f.file.stamp, parsed: f.parsed });
    // Every file is in the map now: more entries than files means some were deleted, and only a fresh map drops them.
    if (sources.size === files.length) return sources;
  }
  return new Map(files.map((f, i) => [f.path, { stamp: f.stamp, parsed: parsed[i]!, story: stories?.get(f.path) }]));
}

/** Output files of the cached build that this build's plan no longer has. */
function goneSince(cache: BuildCache, plan: readonly PagePlan[], kept: number): string[] {
  // Plan paths are distinct: when the plan holds as many cached paths as the cache has, none is gone (the usual case, spared a set of every path).
  if (kept === cache.outputs.size) return [];
  const planned = new Set(plan.map((p) => p.path));
  return [...cache.outputs.keys()].filter((path) => !planned.has(path));
}

/** Times stages: each lap closes the stage that just ran. */
function stageTimer() {
  const stages = { read: 0, parse: 0, model: 0, related: 0, render: 0, write: 0 } as Record<Stage, number>;
  let last = performance.now();
  return {
    stages,
    lap(stage: Stage) {
      const now = performance.now();
      stages[stage] = (now - last) / 1000;
      last = now;
    },
  };
}
