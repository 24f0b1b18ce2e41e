import { join, resolve } from 'node:path';
import type { BuildOptions, BuildResult, Stage } from './build.js';
import type { Article, Terms } from './content/article.js';
import type { ParsedArticle } from './content/parse.js';
import { contentFileAt, joinedArticles, type ContentFile, type ContentListing } from './content/read.js';
import type { Problem } from './errors.js';
import { cacheFile, dropCache, type BuildSummary, type CachedOutput, type CachedSource } from './incremental/cache.js';
import { OpenedCache } from './incremental/cache-patch.js';
import { digest } from './incremental/hash.js';
import { differingFields, fieldsAt } from './incremental/joined.js';
import { updateThroughSpare } from './output/spare.js';
import { FolderWriter, openStaging } from './output/staging.js';
import { articleTask, type ArticleTask } from './render/article-page.js';
import { articleSig } from './render/plan.js';
import { loadTheme, type Theme } from './render/templates.js';
import { storyView } from './render/viewmodel.js';
import type { SiteView } from './render/views.js';
import type { Clock, Site } from './site/assemble.js';
import { outputFile } from './site/paths.js';
import { relateArticles, type RelatedInput } from './site/related.js';
import { relatedList } from './site/related-rescore.js';
import { keysOf, restoreStandIns, saveRelated, type RelatedState } from './site/related-state.js';
import { PageRenderer, parseBatch } from './tasks.js';

/**
 * The quick path of a cold incremental build, for the edit editors make most: the body of an
 * article or a few, each still listed exactly as before (every field but the body the same).
 * Then the site model, the category pages, the home page, the feeds and the sitemaps are those
 * of the last build, and the pages that can differ are the edited articles' own and those whose
 * related stories changed. The quick path compares the archive's files with the cache's index,
 * parses the edited files, brings the related stories up to date from the cached computation,
 * and renders those pages, reading only the cache's chunks that hold them: at 100,000 articles
 * it reads a few megabytes of the cache instead of all of it, and looks at a few pages instead
 * of planning every page.
 *
 * Anything else returns undefined before anything is written, and the full incremental path
 * builds: a file added, removed or renamed, a listed field changed, a problem found or
 * reported before, a static file or a template changed, the clock passing an embargo, or more
 * than `MOST_EDITED` files changed.
 */

/** Beyond this many changed files, the full incremental path (whose work does not grow with them) is as quick. */
const MOST_EDITED = 32;

/** What the quick path needs of the build that tries it. */
export interface QuickInput {
  options: BuildOptions;
  /** The cache's environment (see `cacheEnv`). */
  env: string;
  /** The archive's listing, being walked. */
  listed: Promise<ContentListing>;
  /** Closes the stage that just ran; `stages` holds their times. */
  lap: (stage: Stage) => void;
  stages: Record<Stage, number>;
}

/** Builds the quick way when the change since the last build allows it (see above); undefined when it does not. */
export async function quickBuild(input: QuickInput): Promise<BuildResult | undefined> {
  let edit: QuickEdit | undefined;
  try {
    edit = await prepare(input);
  } catch {
    // A cache that cannot be read, a file gone since the walk, a walk that failed: the full path decides, and reports.
    return undefined;
  }
  if (!edit) return undefined;
  const { options, lap } = input;
  const { cache, reparsed, tasks } = edit;
  const result = (written: number, rendered: number): BuildResult => ({ ...counted(cache.summary), written, removed: 0, parsed: reparsed.parsed, rendered, incremental: true, quick: true, stages: input.stages });
  if (!reparsed.sources.size) return result(0, 0);
  const staging = await openStaging(options.out);
  const rendered = await new PageRenderer({ config: options.config, templates: options.templates }, edit.theme).renderBatch(tasks.map((t) => t.task), cache.summary.view, new FolderWriter(staging.folder));
  const outputs = new Map<number, CachedOutput>();
  const changed: string[] = [];
  for (const [k, { index, path, sig, before }] of tasks.entries()) {
    const hash = rendered.hashes[k];
    // Its warnings would be new, and its links would be checked again: the full path does both.
    if (!hash || rendered.each[k]!.length || JSON.stringify(rendered.links[k]) !== JSON.stringify(before.links ?? [])) return await staging.abort(), undefined;
    outputs.set(index, { sig, hash, links: rendered.links[k], problems: [], rewrites: '' });
    if (hash !== before.hash) changed.push(path);
  }
  lap('render');
  // The spare changes now: a build killed from here on must not find a cache that describes it.
  await dropCache(cache.file);
  const differing = updateThroughSpare(options.out, staging.folder, cache.differing, changed, []);
  await staging.abort();
  cache.save({ sources: reparsed.sources, outputs, related: edit.related, differing });
  lap('write');
  return result(changed.length, tasks.length);
}

/** What the quick path found to do. */
interface QuickEdit {
  cache: OpenedCache;
  theme: Theme;
  reparsed: Reparsed;
  /** The pages to render again. */
  tasks: PageTask[];
  /** The related stage's new state, when it ran. */
  related?: RelatedState;
}

/** Finds what changed and what to render again, reading what it needs of the cache; undefined when the quick path does not hold. */
async function prepare(input: QuickInput): Promise<QuickEdit | undefined> {
  const { options, lap } = input;
  const cache = OpenedCache.open(cacheFile(options.out), input.env);
  if (!cache || !standsFor(cache.summary, options.clock)) return undefined;
  const theme = loadTheme(options.templates);
  const { frame } = cache;
  const state = cache.related();
  if (theme.stamp !== cache.summary.theme || !state || !frame || frame.view !== digest(JSON.stringify(cache.summary.view))) return undefined;
  const archive = new StoredArchive(cache);
  // While the archive is walked: every published article stands for itself as the cache holds it.
  const { memory, articles: stored } = restoreStandIns(state, (i) => new StoredInput(i, state, archive));
  // This process ends after the build, and the state is saved from the new computation.
  memory.inPlace = true;
  const cachedRelated = memory.last?.related;
  const listing = await input.listed;
  const edited = editedFiles(listing, cache, options.content);
  lap('read');
  if (!edited || !cachedRelated) return undefined;
  const reparsed = await reparse(edited, options, archive);
  lap('parse');
  if (!reparsed) return undefined;
  if (!reparsed.articles.size) return { cache, theme, reparsed, tasks: [] };
  // Words and tags as before (a typo fixed outside an article's strongest words): the related stories are the cached computation's.
  const sameWords = [...reparsed.articles].every(([i, article]) => sameTerms(archive.article(i), article));
  const inputs = stored.slice();
  for (const [i, article] of reparsed.articles) inputs[i] = article;
  const related = sameWords ? cachedRelated : relateArticles(inputs, { count: options.config.relatedCount }, memory);
  lap('related');
  const pages = [...reparsed.articles.keys()];
  for (let i = 0; i < related.length; i++) if (related[i] !== cachedRelated[i] && !reparsed.articles.has(i)) pages.push(i);
  // The memory's lists, as computed or (when the stage was skipped) as cached, read from the cache when they were not.
  const tasks = pageTasks(pages, (i) => relatedList(memory, i), archive, reparsed, frame, resolve(options.content));
  return tasks && { cache, theme, reparsed, tasks, related: sameWords ? undefined : saveRelated(memory, state) };
}

/** Whether two parses of an article give the related stage the same words with the same weights (its tags are the same: see `sameListing`). */
function sameTerms(a: Article, b: Article): boolean {
  return a.terms.words === b.terms.words && a.terms.weights.length === b.terms.weights.length && a.terms.weights.every((w, k) => w === b.terms.weights[k]);
}

/** Whether the clock publishes what it published at the last build: the same setting, not before the newest article, not past an embargo. */
function standsFor(summary: BuildSummary, clock: Clock): boolean {
  const { future, newest, nextDue } = summary.clock;
  if (future !== clock.future) return false;
  return future || ((newest === undefined || clock.now >= newest) && (nextDue === undefined || clock.now < nextDue));
}

/** An article file whose stamp changed, and its place in the cache's sources (the listing's order). */
interface EditedFile {
  place: number;
  file: ContentFile;
}

/** The article files whose stamps changed; undefined when the files are not those the cache knows, or too many changed. */
function editedFiles(listing: ContentListing, cache: OpenedCache, root: string): EditedFile[] | undefined {
  if (listing.problems.length || staticsDigest(listing.statics) !== cache.summary.statics) return undefined;
  // Compared whole: at 100,000 files, one comparison of two strings instead of 100,000 objects made and compared.
  const now = joinedArticles(listing);
  const known = cache.index.sources;
  if (now.paths !== known.paths) return undefined;
  const places = differingFields(now.stamps, known.stamps, MOST_EDITED);
  if (!places) return undefined;
  const [paths, stamps] = [fieldsAt(now.paths, places), fieldsAt(now.stamps, places)];
  return places.map((place, k) => ({ place, file: contentFileAt(root, paths[k]!, stamps[k]!) }));
}

/** What the quick path compares static files on: their paths and stamps. */
export function staticsDigest(statics: readonly ContentFile[]): string {
  return digest(JSON.stringify(statics.map((f) => [f.path, f.stamp])));
}

/** The edited files parsed: their new cache entries by place, the published ones' articles by index, and how many were parsed (not only touched). */
interface Reparsed {
  sources: Map<number, CachedSource>;
  articles: Map<number, Article>;
  parsed: number;
}

/** Parses the edited files; undefined when one is not listed exactly as before. */
async function reparse(edited: readonly EditedFile[], options: BuildOptions, archive: StoredArchive): Promise<Reparsed | undefined> {
  const before = edited.map(({ place }) => archive.source(place));
  const parses = await parseBatch(edited.map((e) => e.file), { config: options.config, templates: options.templates }, before.map((b) => b.parsed.digest));
  const sources = new Map<number, CachedSource>();
  const articles = new Map<number, Article>();
  for (const [k, { place, file }] of edited.entries()) {
    const [was, now] = [before[k]!, parses[k]];
    // The same bytes under a new stamp: only the stamp is new.
    if (now === null) {
      sources.set(place, { ...was, stamp: file.stamp });
      continue;
    }
    // A static page is rendered by the full path.
    if (!now || !sameListing(was.parsed, now) || now.article!.page) return undefined;
    sources.set(place, { stamp: file.stamp, parsed: now, story: was.story });
    const index = archive.indexOf(place);
    if (index >= 0) articles.set(index, now.article!);
  }
  return { sources, articles, parsed: parses.filter((p) => p !== null).length };
}

/** Whether an article is valid before and after without a problem, and every field but its words and where its body starts is the same. */
function sameListing(before: ParsedArticle, after: ParsedArticle): boolean {
  if (!before.article || !after.article || before.problems.length || after.problems.length) return false;
  const listed = (a: Article) => JSON.stringify({ ...a, terms: null, bodyOffset: null, bodyLine: null });
  return listed(before.article) === listed(after.article);
}

/** A page to render again: its task, and what the cache holds of it. */
interface PageTask {
  index: number;
  path: string;
  sig: string;
  before: CachedOutput;
  task: ArticleTask;
}

/** The pages to render again, signed as the full path signs them; undefined when one is not as the quick path expects (warnings, rewritten links, an entry elsewhere). */
function pageTasks(pages: readonly number[], relatedOf: (index: number) => number[], archive: StoredArchive, edited: { sources: ReadonlyMap<number, CachedSource>; articles: ReadonlyMap<number, Article> }, frame: { template: string; view: string }, root: string): PageTask[] | undefined {
  const tasks: PageTask[] = [];
  const articleOf = (i: number) => edited.articles.get(i) ?? archive.article(i);
  // Each article file as it stands now: parsed again, or as cached.
  const source = (i: number) => edited.sources.get(archive.placeOf(i)) ?? archive.source(archive.placeOf(i));
  for (const index of pages) {
    const article = articleOf(index);
    const [path, before] = archive.output(index);
    const related = relatedOf(index);
    const stories = [index, ...related].map((i) => source(i).story);
    if (path !== outputFile(article.url) || before.problems?.length || (before.rewrites || '[]') !== '[]' || stories.some((s) => !s)) return undefined;
    const sig = articleSig(frame, article.path, source(index).parsed.digest, stories.map((s) => s!.sig));
    if (sig === before.sig) continue;
    const view = (i: number) => storyView(articleOf(i), source(i).story!.category);
    tasks.push({ index, path, sig, before, task: articleTask(article, join(root, article.path), view(index), related.map(view)) });
  }
  return tasks;
}

/** A published article as the related stage sees it, read when asked for: its URL, date and category from the related state, its terms and tags from the cache (only when its profile is picked again). */
class StoredInput implements RelatedInput {
  constructor(
    private readonly index: number,
    private readonly state: RelatedState,
    private readonly archive: StoredArchive,
  ) {}

  get url(): string {
    return keysOf(this.state).urls.at(this.index);
  }

  get date(): number {
    return this.state.dates[this.index]!;
  }

  get categorySlug(): string {
    return keysOf(this.state).categories.at(this.index);
  }

  get terms(): Terms {
    return this.archive.article(this.index).terms;
  }

  get tags(): string[] {
    return this.archive.article(this.index).tags;
  }
}

/** The published articles as the cache holds them, read from its chunks when asked for. */
class StoredArchive {
  /** The place in the sources of each published article (by index), and back. */
  private readonly places: Int32Array;
  private indices?: Int32Array;

  constructor(private readonly cache: OpenedCache) {
    this.places = cache.summary.published;
  }

  placeOf(index: number): number {
    return this.places[index]!;
  }

  /** The index of the article at a place of the sources, -1 when it is not published. */
  indexOf(place: number): number {
    if (!this.indices) {
      this.indices = new Int32Array(this.cache.head.sources).fill(-1);
      this.places.forEach((p, i) => (this.indices![p] = i));
    }
    return this.indices[place]!;
  }

  source(place: number): CachedSource {
    return this.cache.source(place)[1];
  }

  article(index: number): Article {
    const article = this.source(this.placeOf(index)).parsed.article;
    if (!article) throw new Error(`the cache holds no article for published article ${index}`);
    return article;
  }

  output(index: number): [string, CachedOutput] {
    return this.cache.output(index);
  }
}

function counted(summary: BuildSummary): Omit<BuildResult, 'written' | 'removed' | 'parsed' | 'rendered' | 'incremental' | 'quick' | 'stages'> {
  const { published, heldBack, drafts, files } = summary.counts;
  return { problems: summary.problems, ok: true, published, heldBack, drafts, nextDue: summary.clock.nextDue, files };
}

/** What the next build's quick path needs of a full build (see `BuildSummary`). */
export function summarize(site: Site, files: readonly ContentFile[], statics: readonly ContentFile[], problems: Problem[], clock: Clock, theme: string, view: SiteView, planned: number): BuildSummary {
  const place = new Map(files.map((f, i) => [f.path, i]));
  return {
    problems,
    counts: { published: site.articles.length, heldBack: site.heldBack, drafts: site.drafts, files: planned },
    clock: { future: clock.future, newest: site.articles[0]?.date, nextDue: site.nextDue },
    theme,
    statics: staticsDigest(statics),
    view,
    published: Int32Array.from(site.articles, (a) => place.get(a.path)!),
  };
}
