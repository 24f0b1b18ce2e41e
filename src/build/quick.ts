import { join, resolve } from 'node:path';
import { classifyEdit, clockStands, listingDigest } from './classify.js';
import { commitThroughSpare } from './commit.js';
import { buildResult, type BuildOptions, type BuildResult, type Stage } from './options.js';
import type { Article } from '../content/article.js';
import type { ParsedArticle } from '../content/parse.js';
import { contentFileAt, type ContentFile, type ContentListing } from '../content/read.js';
import type { CachedOutput, CachedSource } from '../incremental/cache.js';
import type { OpenedCache } from '../incremental/opened.js';
import type { StoredRelated } from '../incremental/stored-related.js';
import { digest } from '../util/digest.js';
import { fieldsAt } from '../util/joined.js';
import { FolderWriter, openStaging } from '../output/staging.js';
import { planArticles, type ArticleFrame, type PagePlan } from '../render/plan.js';
import { loadTheme, type Theme } from '../render/templates.js';
import { storyView } from '../render/viewmodel.js';
import type { Clock } from '../site/assemble.js';
import type { RelatedState } from '../incremental/related-state.js';
import { produce } from '../exec/produce.js';
import { articleTask, parseBatch, type ArticleTask } from '../exec/tasks.js';
import { SiteImages } from './images.js';
import { searchAfterEdit } from './search-edit.js';
import { articleEntry, bodySource, lastPage } from './full-render.js';
import type { Previous } from './previous.js';

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

/** What the quick path needs of the build that tries it. */
export interface QuickInput {
  options: BuildOptions;
  /** What the build goes on from: the quick path asks it for the few entries it needs (see `Previous.opened`). */
  previous: Previous;
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
  // The summary as it stands when asked: after the cache's save, with the search index's files counted again.
  const result = (written: number, rendered: number, reused: number): BuildResult => {
    const { problems, counts, clock } = cache.summary;
    const { published, heldBack, drafts, files } = counts;
    const done = { written, removed: 0, parsed: reparsed.parsed, rendered, reused, incremental: true, quick: true };
    return buildResult(
      { problems, published, heldBack, drafts, nextDue: clock.nextDue },
      { ok: true, files, ...done },
      input.stages,
    );
  };
  if (!reparsed.sources.size) return result(0, 0, 0);
  const staging = await openStaging(options.out);
  // Produced as the full path produces: the planned pages, rendered and written (on this thread: they are few).
  const byIndex = new Map(tasks.map((t) => [t.plan.index, t.task]));
  const made = await produce({
    todo: tasks.map((t) => t.plan),
    task: (i) => byIndex.get(i)!,
    view: cache.summary.view,
    theme: edit.theme,
    setup: { config: options.config, templates: options.templates },
    writer: new FolderWriter(staging.folder),
  });
  const outputs = new Map<number, CachedOutput>();
  const changed: string[] = [];
  for (const { plan, before, body } of tasks) {
    const rendered = made.articles.get(plan.index)!;
    const { hash, problems, links } = rendered;
    // Its warnings would be new, and its links would be checked again: the full path does both.
    if (!hash || problems.length || JSON.stringify(links) !== JSON.stringify(before.links ?? []))
      return (await staging.abort(), undefined);
    outputs.set(plan.index, articleEntry(plan, rendered, before, body)!);
    if (hash !== before.hash) changed.push(plan.path);
  }
  lap('render');
  const writer = new FolderWriter(staging.folder);
  const search = await searchAfterEdit({ cache, edited: reparsed, options, writer });
  if (!search) return (await staging.abort(), undefined);
  lap('search');
  changed.push(...search.changed);
  const { previous } = input;
  const differing = await commitThroughSpare(
    options.out,
    previous.file,
    staging,
    cache.differing,
    changed,
    search.gone,
  );
  // Only the chunks holding a changed entry: the whole cache takes 2–3 s to read and write at 100,000 articles.
  await previous.keep({
    edit: {
      sources: reparsed.sources,
      outputs,
      runs: search.runs,
      related: edit.related,
      differing,
      search: search.layout,
    },
  });
  lap('write');
  return { ...result(changed.length, tasks.length, made.reused), indexed: search.runs.length };
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
  const { options, lap, previous } = input;
  const cache = previous.opened();
  // The listing's classification checks the clock too; checked first, a clock past an embargo spares reading the related state.
  if (!cache || !clockStands(cache.summary, options.clock)) return undefined;
  const theme = loadTheme(options.templates);
  const { frame } = cache;
  if (theme.stamp !== cache.summary.theme || !frame || frame.view !== digest(JSON.stringify(cache.summary.view)))
    return undefined;
  // While the archive is walked: every published article stands for itself as the cache holds it.
  const stored = previous.storedRelated();
  if (!stored) return undefined;
  const listing = await input.listed;
  const edited = editedFiles(listing, cache, options.clock, options.content);
  lap('read');
  if (!edited) return undefined;
  const reparsed = await reparse(edited, options, cache);
  lap('parse');
  if (!reparsed) return undefined;
  if (!reparsed.articles.size) return { cache, theme, reparsed, tasks: [] };
  // Words and tags as before (a typo fixed outside an article's strongest words): the related stories are the cached computation's.
  const sameWords = [...reparsed.articles].every(([i, article]) => sameTerms(cache.article(i), article));
  const related = sameWords ? stored.cached : stored.relate(reparsed.articles, options.config.relatedCount);
  lap('related');
  const pages = [...reparsed.articles.keys()];
  for (let i = 0; i < related.length; i++)
    if (related[i] !== stored.cached[i] && !reparsed.articles.has(i)) pages.push(i);
  const images = SiteImages.stored(options.out, listing);
  const tasks = pageTasks(
    pages,
    stored,
    cache,
    reparsed,
    frame,
    { content: resolve(options.content), out: resolve(options.out) },
    images,
  );
  return tasks && { cache, theme, reparsed, tasks, related: sameWords ? undefined : stored.save() };
}

/** Whether two parses of an article give the related stage the same words with the same weights (its tags are the same: see `sameListing`). */
function sameTerms(a: Article, b: Article): boolean {
  return (
    a.terms.words === b.terms.words &&
    a.terms.weights.length === b.terms.weights.length &&
    a.terms.weights.every((w, k) => w === b.terms.weights[k])
  );
}

/** An article file whose stamp changed, and its place in the cache's sources (the listing's order). */
interface EditedFile {
  place: number;
  file: ContentFile;
}

/** The article files an edit changed, when the change allows the quick path (see `classifyEdit`). */
function editedFiles(
  listing: ContentListing,
  cache: OpenedCache,
  clock: Clock,
  root: string,
): EditedFile[] | undefined {
  const now = listing.joined();
  const sketch = { articles: now, copied: listingDigest(listing) };
  const edit = classifyEdit(sketch, { sources: cache.index.sources, summary: cache.summary }, clock);
  if (edit.kind === 'full') return undefined;
  const [paths, stamps] = [fieldsAt(now.paths, edit.places), fieldsAt(now.stamps, edit.places)];
  return edit.places.map((place, k) => ({ place, file: contentFileAt(root, paths[k]!, stamps[k]!) }));
}

/** The edited files parsed: their new cache entries by place, the published ones' articles by index, and how many were parsed (not only touched). */
interface Reparsed {
  sources: Map<number, CachedSource>;
  articles: Map<number, Article>;
  parsed: number;
}

/** Parses the edited files; undefined when one is not listed exactly as before. */
async function reparse(
  edited: readonly EditedFile[],
  options: BuildOptions,
  cache: OpenedCache,
): Promise<Reparsed | undefined> {
  const before = edited.map(({ place }) => cache.source(place)[1]);
  // On this thread, as the full path parses a few files: at most MOST_EDITED, not worth starting workers for.
  const parses = await parseBatch(
    edited.map((e) => e.file),
    { config: options.config, templates: options.templates },
    before.map((b) => b.parsed.digest),
  );
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
    const index = cache.indexOf(place);
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
  /** Its plan, as the planner makes it. */
  plan: PagePlan & { kind: 'article' };
  before: CachedOutput;
  task: ArticleTask;
  /** What its body is rendered from (see `bodySource`). */
  body: string;
}

/** The pages to render again, signed as the full path signs them; undefined when one is not as the quick path expects (warnings, rewritten links, an entry elsewhere). */
function pageTasks(
  pages: readonly number[],
  related: Pick<StoredRelated, 'list'>,
  cache: OpenedCache,
  edited: { sources: ReadonlyMap<number, CachedSource>; articles: ReadonlyMap<number, Article> },
  frame: ArticleFrame,
  folders: { content: string; out: string },
  images: SiteImages,
): PageTask[] | undefined {
  const articleOf = (i: number) => edited.articles.get(i) ?? cache.article(i);
  // Each article file as it stands now: parsed again, or as cached.
  const source = (i: number) => edited.sources.get(cache.placeOf(i)) ?? cache.source(cache.placeOf(i))[1];
  // Each page's list, as computed or (when the stage was skipped) as cached, read from the cache when it was not.
  for (const index of pages) {
    const before = cache.output(index)[1];
    const shown = [index, ...related.list(index)];
    if (before.problems?.length || (before.rewrites || '[]') !== '[]' || shown.some((i) => !source(i).story))
      return undefined;
    // Its images, and its related stories' lead photos (their stories carry their size).
    if (!shown.every((i) => images.knows(articleOf(i)))) return undefined;
  }
  const plans = planArticles(pages, {
    frame,
    article: articleOf,
    source: (i) => source(i).parsed.digest,
    related: (i) => related.list(i),
    storySig: (i) => source(i).story!.sig,
    images: (i) => images.sig(articleOf(i)),
  });
  const tasks: PageTask[] = [];
  for (const plan of plans) {
    const { index } = plan;
    const [path, before] = cache.output(index);
    if (plan.path !== path) return undefined;
    if (plan.sig === before.sig) continue;
    const article = articleOf(index);
    const view = (i: number) => storyView(articleOf(i), source(i).story!.category, images.lead(articleOf(i)));
    const body = bodySource(source(index).parsed.digest, images.sig(article));
    tasks.push({
      plan,
      before,
      body,
      // As the full path makes it: a page whose body is made from the same bytes takes its body from the page on disk.
      task: articleTask(
        article,
        join(folders.content, article.path),
        source(index).parsed.digest,
        view(index),
        related.list(index).map(view),
        images.pageImages(article),
        lastPage(before, body, join(folders.out, path)),
      ),
    });
  }
  return tasks;
}
