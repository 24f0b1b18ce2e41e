// The stages of a build (parse → model → related → render → write) once `build` (build.ts)
// has started walking the archive: this module, with the Markdown parser, the templates and
// the sanitiser it imports, loads while the archive is walked.

import { join, resolve } from 'node:path';
import type { Article } from '../content/article.js';
import type { ParsedArticle } from '../content/parse.js';
import { copiedFiles, type ContentFile, type ContentListing } from '../content/read.js';
import { checkSvgFiles } from '../content/svg.js';
import { hasErrors, sortProblems, type Problem } from '../errors.js';
import { collectGarbage } from '../util/heap.js';
import { cacheFile, dropCache, type BuildCache, type BuildSummary, type CachedOutput } from '../incremental/cache.js';
import type { KnownCopies } from '../incremental/copies.js';
import { digest } from '../util/digest.js';
import { nextOutputs } from '../incremental/outputs.js';
import { dropSpare, readySpare } from '../output/spare.js';
import { FolderWriter, openStaging, type Staging } from '../output/staging.js';
import type { OutputWriter } from '../output/writer.js';
import { batches, WorkerPool } from '../exec/pool.js';
import { produce, type RenderedPage } from '../exec/produce.js';
import { quickBuild, summarize } from './quick.js';
import { articleFrame, planPages, signPage, type ArticleFrame, type PagePlan, type PlanInput } from '../render/plan.js';
import type { SearchLayout } from '../render/search-parts.js';
import { planSearch } from './search.js';
import { templateDigests, themeAssets, type Theme } from '../render/templates.js';
import { staticPageViews, type StaticPages } from '../exec/static-pages.js';
import { siteView } from '../render/viewmodel.js';
import type { SiteView } from '../render/views.js';
import type { Site } from '../site/assemble.js';
import { outputFile } from '../site/paths.js';
import type { RelatedLists } from '../site/related/relate.js';
import type { RelatedState } from '../incremental/related-state.js';
import { articleTask, PageRenderer, parseBatch, type ArticleTask, type TaskSetup } from '../exec/tasks.js';
import { triesQuick, type BuildOptions, type BuildResult, type ParsedFiles } from './options.js';
import { commitThroughSpare } from './commit.js';
import type { StageTimer } from './progress.js';
import { cacheEnv, Previous } from './previous.js';
import { keptPlans, listStories } from './stories.js';
import { feedBodies } from '../exec/feed-body.js';
import { SiteImages } from './images.js';

/** An article file read by this build, and its parse: new, or the cached one when its bytes had not changed. */
interface FreshParse {
  file: ContentFile;
  parsed: ParsedArticle;
}

const PARSE_BATCH = 64;
const MIN_ARTICLES_FOR_WORKERS = 100;
/** Rendering this many pages takes seconds: long enough to hold the garbage of the stages before at the build's peak, unless collected first (see `collectGarbage`). */
const COLLECT_BEFORE_PAGES = 5000;

/** The stages of a build once its archive is being walked (see `build`). */
export async function runStages(
  options: BuildOptions,
  listed: Promise<ContentListing>,
  timer: StageTimer,
): Promise<BuildResult> {
  const setup: TaskSetup = { config: options.config, templates: options.templates };
  if (triesQuick(options)) {
    const quick = await quickBuild({ options, env: cacheEnv(options), listed, lap: timer.lap, stages: timer.stages });
    if (quick) return quick;
  }
  const previous = await Previous.open(options);
  const { cache } = previous;
  const listing = await listed;
  timer.lap('read');
  const again = new Set(options.rehearse);
  const known = previous.parses(listing.articles(), again);
  const toRead = listing.articles().filter((_, i) => !known[i]);
  // A file the cache holds at another stamp is parsed only if its bytes changed: a fresh clone gives every file a new time.
  const expected = toRead.map((f) => (again.has(f.path) ? null : (previous.digestOf(f.path) ?? null)));
  const pool = workerPool(options, setup, toRead.length, previous);
  let images: SiteImages | undefined;
  try {
    // Starting workers, or sending them a few files, costs more than parsing a few files here.
    const read = await parseAll(
      toRead,
      expected,
      setup,
      toRead.length >= MIN_ARTICLES_FOR_WORKERS ? pool : undefined,
      options,
    );
    const fresh = toRead.map((f) => ({ file: f, parsed: read.get(f.path) ?? cache!.sources.get(f.path)!.parsed }));
    const parsedNow = toRead.filter((f) => read.get(f.path));
    // The files read are the listing's without a known parse, in order.
    let k = 0;
    const parsed = listing.articles().map((_, i) => known[i] ?? fresh[k++]!.parsed);
    timer.lap('parse');
    // An SVG the last committed build copied at the same stamp was found safe then.
    const problems = [
      ...listing.problems,
      ...checkSvgFiles(listing.statics, (f) => cache?.copies.get(f.abs)?.stamp === f.stamp),
    ];
    const articles: Article[] = [];
    for (const p of parsed) {
      if (p.problems.length) problems.push(...p.problems);
      if (p.article) articles.push(p.article);
    }
    const assembly = previous.assemble(articles, options.config, options.clock, copiedFiles(listing));
    const { site } = assembly;
    problems.push(...assembly.problems);
    images = await SiteImages.open(options, listing, site.articles);
    problems.push(...images.problems);
    timer.lap('model');
    const result = (files: number, written: number, removed: number, rendered: number, ok: boolean): BuildResult => ({
      problems: sortProblems(problems),
      ok,
      files,
      written,
      removed,
      parsed: parsedNow.length,
      rendered,
      incremental: !!cache,
      quick: false,
      published: site.articles.length,
      heldBack: site.heldBack,
      drafts: site.drafts,
      nextDue: site.nextDue,
      stages: timer.stages,
    });
    if (hasErrors(problems) && !options.keepGoing) return result(0, 0, 0, 0, false);
    const { related, state, cachedRelated } = previous.relate(site.articles, parsedNow, options.config.relatedCount);
    timer.lap('related');
    const digestOf = sourceDigests(read, cache);
    const render = await renderSite({
      lap: timer.lap,
      site,
      related,
      cachedRelated,
      listing,
      digestOf,
      valid: articles,
      previous,
      setup,
      pool,
      options,
      images,
    });
    // A build's own workers are done: stopped now, their heaps are not held while the cache is written, where memory peaks.
    if (!previous.keepsWorkers(pool)) await pool?.close();
    problems.push(...render.problems);
    timer.lap('render');
    const ok = !hasErrors(problems) && !options.writer;
    const sources = { files: listing.articles(), parsed, fresh };
    // For the next build's quick path, which reports these problems again (warnings: the build is ok).
    const summary =
      ok && previous.saves
        ? {
            ...summarize(
              site,
              listing,
              sortProblems(problems),
              options.clock,
              render.theme,
              render.view,
              render.plan.length,
            ),
            search: render.search,
          }
        : undefined;
    const counts = ok
      ? await commit(render, sources, state, previous, options, summary)
      : (await render.staging?.abort(), { written: 0, removed: 0 });
    if (ok) images.keep();
    timer.lap('write');
    return {
      ...result(
        ok ? render.plan.length : 0,
        counts.written,
        counts.removed,
        render.produced.size,
        !hasErrors(problems),
      ),
      ...(images.made && { images: images.made }),
      indexed: render.indexed,
    };
  } finally {
    images?.close();
    if (!previous.keepsWorkers(pool)) await pool?.close();
  }
}

/**
 * The worker threads of a build, when the archive is worth starting them for. In one process
 * (`warta dev`) they are kept for the next builds (see `createEngine`'s close), which render
 * edits that touch several pages on them.
 */
function workerPool(
  options: BuildOptions,
  setup: TaskSetup,
  toParse: number,
  previous: Previous,
): WorkerPool | undefined {
  // Starting workers costs more than a small archive takes to build on one thread.
  return previous.workers(() =>
    options.jobs > 1 && toParse >= MIN_ARTICLES_FOR_WORKERS ? new WorkerPool(options.jobs, setup) : undefined,
  );
}

/**
 * Parses article files, on the workers when there are some; results by content path, null
 * for a file whose bytes still have the digest expected of it (see `parseBatch`).
 */
async function parseAll(
  files: readonly ContentFile[],
  expected: readonly (string | null)[],
  setup: TaskSetup,
  pool: WorkerPool | undefined,
  options: BuildOptions,
): Promise<Map<string, ParsedArticle | null>> {
  let done = 0;
  const report = (batch: readonly number[]) => options.progress?.('parse', (done += batch.length), files.length);
  const groups = batches([...files.keys()], PARSE_BATCH);
  const results: (ParsedArticle | null)[][] = [];
  const pick = <T>(list: readonly T[], batch: readonly number[]) => batch.map((i) => list[i] as T);
  if (pool)
    results.push(
      ...(await pool.map<number[], (ParsedArticle | null)[]>(
        groups,
        (b) => ({ kind: 'parse', files: pick(files, b), expected: pick(expected, b) }),
        report,
      )),
    );
  else
    for (const group of groups)
      (results.push(await parseBatch(pick(files, group), setup, pick(expected, group))), report(group));
  return new Map(results.flat().map((p, i) => [files[i]!.path, p]));
}

/**
 * The digest of each article file's bytes, by content path, which its page signs. A file read
 * now has its parse's (new, or the cached one it still matches); any other was not read because
 * a cache holds its parse (in one process, one agreeing with the last build's), with its digest.
 */
function sourceDigests(
  read: ReadonlyMap<string, ParsedArticle | null>,
  cache: BuildCache | undefined,
): (path: string) => string | undefined {
  return (path) => read.get(path)?.digest ?? cache?.sources.get(path)?.parsed.digest;
}

interface RenderInput {
  /** Closes the stage that just ran (see `stageTimer`). */
  lap: StageTimer['lap'];
  site: Site;
  related: number[][];
  /** The cached build's related lists, as restored (a fresh process's incremental build). */
  cachedRelated?: RelatedLists;
  listing: ContentListing;
  /** The digest of an article file's bytes, by content path. */
  digestOf: (path: string) => string | undefined;
  /** Every valid article, published or not. */
  valid: readonly Article[];
  previous: Previous;
  setup: TaskSetup;
  pool: WorkerPool | undefined;
  options: BuildOptions;
  images: SiteImages;
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
  /** Where the search index's files stand in the plan, when the build made one. */
  search?: SearchLayout;
  /** Parts of the search index made by this build. */
  indexed?: number;
}

/** Plans every output file and renders those whose signature changed since the cached build (all, without a cache). */
async function renderSite(input: RenderInput): Promise<Rendered> {
  const { site, options, previous } = input;
  const { cache } = previous;
  const staging = options.writer ? undefined : await openStaging(options.out);
  try {
    const writer = options.writer ?? new FolderWriter(staging!.folder);
    const names = new Map(site.categories.map((c) => [c.slug, c.name]));
    const last = previous.stories();
    const { listed, sigOf } = listStories(site.articles, names, last.memory, last.known);
    const stories = listed.map((l) => l.story);
    const view = siteView(options.config, site.categories);
    const root = resolve(options.content);
    const task = (i: number): ArticleTask => {
      const article = site.articles[i]!;
      return articleTask(
        article,
        join(root, article.path),
        input.digestOf(article.path)!,
        stories[i]!,
        input.related[i]!.map((j) => stories[j]!),
        input.images.pageImages(article),
      );
    };
    const theme = previous.theme(options.templates);
    const found = [...copiedFiles(input.listing), ...(await themeAssets(theme))];
    const copied = previous.copies(found);
    const statics = staticPageViews(site.pages, root, options.config, site.articles);
    const planInput: PlanInput = {
      site,
      config: options.config,
      view,
      stories,
      statics: statics.views,
      storySigs: listed.map((l) => l.sig),
      sigOf,
      related: input.related,
      source: input.digestOf,
      template: templateDigests(theme, digest),
      copies: [...copied.copies, ...input.images.copies()],
      imageSig: (article) => input.images.sig(article),
      feedBody:
        options.config.feedContent === 'full'
          ? feedBodies(root, options.config.iframeHosts, options.config.baseUrl)
          : undefined,
    };
    const unchanged =
      cache?.frame && input.cachedRelated
        ? { frame: cache.frame, plan: keptPlans(site, cache, input.related, input.cachedRelated, listed) }
        : undefined;
    const plan = planPages(planInput, previous.plans(), unchanged);
    input.lap('render');
    const search = await planSearch({
      site,
      options,
      root,
      source: input.digestOf,
      cached: cache?.outputs,
      writer,
      sign: (template, page) => signPage(planInput, template, page),
      start: plan.length,
    });
    plan.push(...search.plans);
    input.lap('search');
    // Each file's entry in the cached build, looked up once.
    const { entries: before, stale } = previous.entries(plan);
    const todo = [...new Set([...stale, ...rehearsed(plan, site, options.rehearse)])].sort((a, b) => a - b);
    const workers = input.pool && staging ? { pool: input.pool, folder: staging.folder } : undefined;
    if (todo.length >= COLLECT_BEFORE_PAGES) collectGarbage();
    const made = await produce({
      todo: todo.map((i) => plan[i]!),
      task,
      view,
      theme,
      setup: input.setup,
      writer,
      workers,
      progress: (d, t) => options.progress?.('render', d, t),
    });
    const entries = before.slice();
    const produced = new Set<number>();
    for (const i of todo) {
      const p = plan[i]!;
      const rendered = p.kind === 'article' ? made.articles.get(p.index) : undefined;
      if (p.kind === 'article') entries[i] = articleEntry(p, rendered, before[i]);
      else if (made.files.has(p.path)) entries[i] = { sig: p.sig, hash: made.files.get(p.path)! };
      if (p.kind === 'article' ? rendered?.hash : made.files.has(p.path)) produced.add(i);
    }
    const problems = [...statics.problems, ...search.problems, ...made.problems];
    // Article pages come first in the plan, by index: their entries, for the link checks.
    const pages = entries.slice(0, site.articles.length);
    for (let i = 0; i < pages.length; i++) {
      const found = made.articles.get(i)?.problems ?? pages[i]?.problems;
      if (found?.length) problems.push(...found);
    }
    problems.push(...(await relink(plan, pages, task, entries, produced, writer, view, theme, input, statics.links)));
    const listings = previous.listings(site.articles, listed);
    return {
      plan,
      entries,
      updated: [...todo, ...produced],
      produced,
      problems,
      staging,
      kept: before.reduce((n, e) => (e ? n + 1 : n), 0),
      stories: listings,
      copies: copied.known,
      frame: articleFrame(planInput),
      theme: theme.stamp,
      view,
      search: search.layout,
      indexed: search.indexed,
    };
  } catch (e) {
    await staging?.abort();
    throw e;
  }
}

/** Places in the plan of the pages a rehearsal renders again: those of the rehearsed articles, and the home page. */
function rehearsed(plan: readonly PagePlan[], site: Site, articles: readonly string[] = []): Set<number> {
  const again = new Set<number>();
  if (!articles.length) return again;
  plan.forEach(
    (p, i) =>
      (p.kind === 'article' ? articles.includes(site.articles[p.index]!.path) : p.path === outputFile('/')) &&
      again.add(i),
  );
  return again;
}

/** The cache entry of an article page: rendered now, or kept from the cached build when its signature is unchanged. */
function articleEntry(
  p: PagePlan,
  rendered: RenderedPage | undefined,
  before: CachedOutput | undefined,
): CachedOutput | undefined {
  if (!rendered) return before;
  if (rendered.hash === null) return undefined;
  return {
    sig: p.sig,
    hash: rendered.hash,
    links: rendered.links,
    problems: rendered.problems.filter((x) => x.severity === 'warning'),
    rewrites: '',
  };
}

/**
 * Checks every article's and static page's body links once every output file is known, and
 * renders again, on this thread, the article pages whose links to `.md` files now resolve
 * differently from what their current bytes hold (rewritten to the linked article's URL, or back).
 */
async function relink(
  plan: PagePlan[],
  pages: readonly (CachedOutput | undefined)[],
  task: (index: number) => ArticleTask,
  entries: (CachedOutput | undefined)[],
  produced: Set<number>,
  writer: OutputWriter,
  view: ReturnType<typeof siteView>,
  theme: Theme,
  input: RenderInput,
  statics: StaticPages['links'],
): Promise<Problem[]> {
  const { site, listing, valid, options } = input;
  const links = input.previous.links();
  // A withdrawn article keeps its page: links to it lead somewhere.
  links.index(
    plan,
    listing.articles(),
    valid,
    site.withdrawn.length ? [...site.articles, ...site.withdrawn] : site.articles,
    options.config.baseUrl,
  );
  const { problems, again } = links.checkPages(pages, site.articles);
  problems.push(...links.checkStatic(statics));
  if (again.length) {
    const rendered = await new PageRenderer(input.setup, theme).renderBatch(
      again.map((a) => ({ ...task(a.index), rewrites: a.rewrites })),
      view,
      writer,
    );
    // Article pages come first in the plan: an article's index is its page's place.
    again.forEach(({ index, rewritten }, k) => {
      entries[index] = { ...entries[index]!, hash: rendered.hashes[k] ?? '', rewrites: rewritten };
      produced.add(index);
    });
  }
  return problems;
}

/** Puts a successful build's output in place and remembers it; returns how many files changed. */
async function commit(
  render: Rendered,
  sources: ParsedFiles & { fresh: FreshParse[] },
  related: RelatedState | undefined,
  previous: Previous,
  options: BuildOptions,
  summary: BuildSummary | undefined,
): Promise<{ written: number; removed: number }> {
  const { cache } = previous;
  const staging = render.staging!;
  let written = render.produced.size;
  let removed = 0;
  let differing: string[] | undefined;
  const file = cacheFile(options.out);
  const { plan, entries } = render;
  if (cache) {
    const changed = [...render.produced]
      .filter((i) => cache.outputs.get(plan[i]!.path)?.hash !== entries[i]?.hash)
      .map((i) => plan[i]!.path);
    const gone = goneSince(cache, plan, render.kept);
    differing = await commitThroughSpare(options.out, file, staging, cache.differing, changed, gone);
    [written, removed] = [changed.length, gone.length];
  } else {
    // As above: the output and its spare change now, and a cache of an earlier build left on
    // disk would describe neither, so a build killed from here on must find none.
    await dropCache(file);
    await staging.commit();
    await dropSpare(options.out);
    if (previous.kind !== 'none') {
      // The spare is made now, with the full build, not by the next build (an editor's first
      // save in `warta dev`, the next commit's build on CI): at 100,000 files it takes 3–4 s.
      readySpare(options.out, undefined);
      differing = [];
    }
  }
  // `last`: the cache replaced by this one, in one process, whose maps are brought up to date in place.
  const make = (last: BuildCache | undefined, stored: BuildCache['stored']): BuildCache => {
    const outputs = nextOutputs(plan, entries, render.updated, last?.outputs, render.kept);
    const next = {
      sources: nextSources(sources, last, render.stories),
      outputs,
      copies: render.copies,
      differing,
      related,
    };
    return { env: cacheEnv(options), ...next, frame: render.frame, stored, summary };
  };
  await previous.keep(make, { plan, entries }, { files: sources.files, parsed: sources.parsed });
  return { written, removed };
}

/**
 * The parsed article files for the next build's cache. In one process the last cache's map is
 * brought up to date in place (it is replaced by this one): every file not parsed now was
 * taken from it, or from the last build by place, which agrees with it, so only the files
 * parsed now are set, sparing a new map of every file.
 */
function nextSources(
  { files, parsed, fresh }: ParsedFiles & { fresh: FreshParse[] },
  last: BuildCache | undefined,
  stories: Rendered['stories'],
): BuildCache['sources'] {
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
