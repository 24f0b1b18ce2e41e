// The render stage of a full build (see full.ts): every page planned and signed, the stale ones
// produced, body links checked.

import { join, resolve } from 'node:path';
import type { Article } from '../content/article.js';
import { copiedFiles, type ContentListing } from '../content/read.js';
import type { Problem } from '../errors.js';
import { collectGarbage, limitHeapGrowth } from '../util/heap.js';
import type { CachedOutput } from '../incremental/cache.js';
import type { KnownCopies } from '../incremental/copies.js';
import { digest } from '../util/digest.js';
import { FolderWriter, openStaging, type Staging } from '../output/staging.js';
import type { OutputWriter } from '../output/writer.js';
import type { WorkerPool } from '../exec/pool.js';
import { produce, type Produced, type RenderedPage } from '../exec/produce.js';
import { articleFrame, planPages, signPage, type ArticleFrame, type PagePlan, type PlanInput } from '../render/plan.js';
import type { SearchLayout } from '../render/search-parts.js';
import { planSearch } from './search.js';
import { planRest, rehearsed, takeArticles } from './full-plan.js';
import { templateDigests, themeAssets, type Theme } from '../render/templates.js';
import { staticPageViews, type StaticPages } from '../exec/static-pages.js';
import { siteView } from '../render/viewmodel.js';
import type { SiteView } from '../render/views.js';
import type { Site } from '../site/assemble.js';
import type { RelatedLists } from '../site/related/relate.js';
import { articleTask, PageRenderer, type ArticleTask, type LastPage, type TaskSetup } from '../exec/tasks.js';
import type { BuildOptions } from './options.js';
import type { Previous } from './previous.js';
import { keptPlans, listStories } from './stories.js';
import { feedBodies } from '../exec/feed-body.js';
import type { SiteImages } from './images.js';
import type { StageTimer } from './progress.js';

/** Rendering this many pages takes seconds: long enough to hold the garbage of the stages before at the build's peak, unless collected first (see `collectGarbage`). */
const COLLECT_BEFORE_PAGES = 5000;
/** How far the heap may grow past what survives a full collection while pages render, in percent (see `limitHeapGrowth`). */
const HEAP_GROWTH = 50;
/**
 * Rendering this many pages holds a heap large enough for V8's own growing factor to make the
 * build's peak; below, the extra collections cost more than the memory they spare (10,000
 * articles, 17,677 files: 12 % more CPU, peak RSS 366–375 MiB against 463–500).
 */
const LIMIT_GROWTH_PAGES = 50_000;

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
  /** The build's worker threads, started for this many article pages to render when none are running yet. */
  pool: (pages: number) => WorkerPool | undefined;
  options: BuildOptions;
  images: SiteImages;
}

/** What rendering leaves for the commit: the plan, what changed, and where it was written. */
export interface Rendered {
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
  /** How many article pages took their body from the last build's page (see `LastPage`). */
  reused: number;
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
export async function renderSite(input: RenderInput): Promise<Rendered> {
  const { site, options, previous } = input;
  const { cache } = previous;
  const staging = options.writer ? undefined : await openStaging(options.out);
  try {
    const writer = options.writer ?? new FolderWriter(staging!.folder);
    const names = new Map(site.categories.map((c) => [c.slug, c.name]));
    const last = previous.stories();
    const listed = listStories(site.articles, names, last.memory, last.known, (a) => input.images.lead(a));
    const stories = listed.map((l) => l.story);
    const view = siteView(options.config, site.categories);
    const root = resolve(options.content);
    const theme = previous.theme(options.templates);
    const found = [...copiedFiles(input.listing), ...(await themeAssets(theme))];
    const copied = previous.copies(found);
    const statics = staticPageViews(site.pages, root, options.config, site.articles, (p) => input.images.pageImages(p));
    const planInput: PlanInput = {
      site,
      config: options.config,
      view,
      stories,
      statics: statics.views,
      storySigs: listed.map((l) => l.sig),
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
    const planning = planPages(planInput, previous.plans(), unchanged);
    // Article pages come first in the plan, by index.
    const plan = takeArticles(planning, site.articles.length);
    // Each file's entry in the cached build, looked up once.
    const { entries: before, stale } = previous.entries(plan);
    const out = resolve(options.out);
    const bodyKey = (i: number) =>
      bodySource(input.digestOf(site.articles[i]!.path)!, input.images.sig(site.articles[i]!));
    const task = (i: number): ArticleTask => {
      const article = site.articles[i]!;
      const source = input.digestOf(article.path)!;
      const last = lastPage(before[i], bodyKey(i), join(out, plan[i]!.path));
      return articleTask(
        article,
        join(root, article.path),
        source,
        stories[i]!,
        input.related[i]!.map((j) => stories[j]!),
        input.images.pageImages(article),
        last,
      );
    };
    const articlePages = [...new Set([...stale, ...rehearsed(plan, 0, site, options.rehearse)])].sort((a, b) => a - b);
    const pool = staging && input.pool(articlePages.length);
    const workers = pool && staging ? { pool, folder: staging.folder } : undefined;
    // With this many, the stages' garbage held while the rest is planned beside the rendering would make the build's peak (100,000 articles): collected before.
    if (articlePages.length >= LIMIT_GROWTH_PAGES) collectGarbage();
    const common = { task, view, theme, setup: input.setup, writer, workers };
    const progress = (d: number, t: number) => options.progress?.('render', d, t);
    // On workers, the article pages render while this thread plans the rest and writes its data files.
    const early = workers && produce({ ...common, todo: articlePages.map((i) => plan[i]!), progress });
    early?.catch(() => undefined);
    const rest = await planRest(planning, planInput, previous, writer, {
      taken: plan,
      write: !options.memory,
      turns: !!early,
    }).catch(async (e: unknown) => {
      await early?.catch(() => undefined);
      throw e;
    });
    const first = plan.length;
    plan.push(...rest);
    const after = previous.entries(rest, first);
    before.push(...after.entries);
    const others = [
      ...new Set([...after.stale.map((i) => first + i), ...rehearsed(rest, first, site, options.rehearse)]),
    ].sort((a, b) => a - b);
    const todo = [...articlePages, ...others];
    input.lap('render');
    // The planning's garbage, collected while the workers go on rendering.
    if (todo.length >= LIMIT_GROWTH_PAGES) limitHeapGrowth(HEAP_GROWTH);
    if (todo.length >= COLLECT_BEFORE_PAGES) collectGarbage();
    // Pagefind's processes make the index while the pages render: made after them, it left the build as long.
    const held = heldProgress(options);
    const searching = planSearch({
      site,
      options: held.options,
      root,
      source: input.digestOf,
      cached: cache?.outputs,
      writer,
      sign: (template, page) => signPage(planInput, template, page),
      start: plan.length,
    });
    const producing = (
      early
        ? together(early, produce({ ...common, todo: others.map((i) => plan[i]!) }))
        : produce({ ...common, todo: todo.map((i) => plan[i]!), progress })
    ).finally(() => (input.lap('render'), held.release()));
    // Neither is left running when the other fails: the staging folder is removed after.
    const [rendered, planned] = await Promise.allSettled([producing, searching]);
    if (rendered.status === 'rejected') throw rendered.reason;
    if (planned.status === 'rejected') throw planned.reason;
    const search = planned.value;
    input.lap('search');
    // The search page and the index's files follow the pages; the page is rendered now that the index's bundle is known.
    const searchAt = plan.length;
    plan.push(...search.plans);
    const searched = previous.entries(search.plans, searchAt);
    before.push(...searched.entries);
    todo.push(...searched.stale.map((i) => searchAt + i));
    const late = await produce({
      todo: searched.stale.map((i) => search.plans[i]!),
      task,
      view,
      theme,
      setup: input.setup,
      writer,
    });
    const made = {
      ...rendered.value,
      problems: [...rendered.value.problems, ...late.problems],
      files: new Map([...rendered.value.files, ...late.files]),
    };
    const entries = before.slice();
    const produced = new Set<number>();
    for (const i of todo) {
      const p = plan[i]!;
      const rendered = p.kind === 'article' ? made.articles.get(p.index) : undefined;
      if (p.kind === 'article') entries[i] = articleEntry(p, rendered, before[i], bodyKey(p.index));
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
    problems.push(
      ...(await relink(plan, pages, task, entries, produced, writer, view, theme, input, bodyKey, statics.links)),
    );
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
      reused: made.reused,
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

/** The article pages produced on the workers and the rest on this thread, as one: neither is left running when the other fails. */
async function together(articles: Promise<Produced>, rest: Promise<Produced>): Promise<Produced> {
  const [a, o] = await Promise.allSettled([articles, rest]);
  if (a.status === 'rejected') throw a.reason;
  if (o.status === 'rejected') throw o.reason;
  return { ...o.value, articles: a.value.articles, reused: a.value.reused };
}

/**
 * The build's options with the search index's progress held back while pages render (the
 * progress line shows one stage at a time), its last report given when they are done.
 */
function heldProgress(options: BuildOptions): { options: BuildOptions; release: () => void } {
  const progress = options.progress;
  if (!progress) return { options, release: () => undefined };
  let held: Parameters<typeof progress> | undefined;
  let holding = true;
  return {
    options: { ...options, progress: (...report) => (holding ? (held = report) : progress(...report)) },
    release: () => {
      holding = false;
      if (held) progress(...held);
    },
  };
}

/** What an article's body is rendered from: its file's bytes (their digest), and the facts of the images it shows (`imageSig`). */
export function bodySource(file: string, imageSig: string): string {
  return imageSig ? digest(file, imageSig) : file;
}

/** The cache entry of an article page (`source`: what its body is rendered from, see `bodySource`): rendered now, or kept from the cached build when its signature is unchanged. */
export function articleEntry(
  p: PagePlan,
  rendered: RenderedPage | undefined,
  before: CachedOutput | undefined,
  source: string,
): CachedOutput | undefined {
  if (!rendered) return before;
  if (rendered.hash === null) return undefined;
  return {
    sig: p.sig,
    hash: rendered.hash,
    links: rendered.links,
    problems: rendered.problems.filter((x) => x.severity === 'warning'),
    rewrites: '',
    body: rendered.body ? { at: rendered.body, source } : undefined,
  };
}

/**
 * An article page the last build wrote (at `abs`) from what the article's body is made from now
 * (`source`: see `bodySource`), whose body this build may take as it is; not one whose body links
 * were rewritten.
 */
export function lastPage(entry: CachedOutput | undefined, source: string, abs: string): LastPage | undefined {
  if (!entry?.body || entry.body.source !== source || entry.rewrites || !entry.links || !entry.problems)
    return undefined;
  return { abs, hash: entry.hash, body: entry.body.at, links: entry.links, problems: entry.problems };
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
  bodyKey: (index: number) => string,
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
      const body = rendered.bodies[k];
      entries[index] = {
        ...entries[index]!,
        hash: rendered.hashes[k] ?? '',
        rewrites: rewritten,
        body: body ? { at: body, source: bodyKey(index) } : undefined,
      };
      produced.add(index);
    });
  }
  return problems;
}
