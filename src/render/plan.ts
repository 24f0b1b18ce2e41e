import type { SiteConfig } from '../config.js';
import type { Article } from '../content/article.js';
import { digest } from '../util/digest.js';
import { ByPlace, sameItems } from '../util/memo.js';
import type { Site } from '../site/assemble.js';
import { outputFile } from '../site/paths.js';
import { ArchiveMemory } from './archive-pages.js';
import type { FeedBody } from './feeds.js';
import { FeedMemory, feedFiles } from './feeds.js';
import { listPages } from './list-pages.js';
import type { PageView, SiteView, StaticPageView, StoryView, TemplatePage } from './views.js';

/** A file copied into the output as it is, with the digest of its bytes, which its copy signs. */
export interface DigestedCopy {
  /** Its path in the output. */
  path: string;
  abs: string;
  digest: string;
}

/**
 * One output file of the site and the signature of everything it is made from. Two builds
 * that give a file the same signature give it the same bytes, so an incremental build renders
 * only files whose signature changed, and the result equals a full build.
 */
export type PagePlan =
  | { kind: 'article'; path: string; sig: string; index: number }
  | { kind: 'page'; path: string; sig: string; template: string; page?: PageView }
  | { kind: 'data'; path: string; sig: string; data: string }
  | { kind: 'copy'; path: string; sig: string; from: string }
  // A file of the search index, already written when Pagefind made it (see build/search.ts), with the digest of its bytes.
  | { kind: 'search'; path: string; sig: string; hash: string };

/** What planning needs besides the site. */
export interface PlanInput {
  site: Site;
  config: SiteConfig;
  view: SiteView;
  /** How each published article is listed, by index. */
  stories: readonly StoryView[];
  /** The static pages, rendered. */
  statics?: readonly StaticPageView[];
  /** Digest of each story, by index. */
  storySigs: readonly string[];
  /** Digest of a story of `stories`. */
  sigOf: (story: StoryView) => string;
  /** Related articles of each published article, by index. */
  related: readonly number[][];
  /** Digest of an article file's bytes, by content path. */
  source: (path: string) => string | undefined;
  /** Digest of a template and everything it includes, by name. */
  template: (name: string) => string;
  /** Files copied as they are (content statics and theme assets), with the digest of their bytes. */
  copies: readonly DigestedCopy[];
  /** Feed items' content, when the config asks for whole bodies in feeds. */
  feedBody?: FeedBody;
}

/**
 * What planning keeps for the next build in one process (`warta dev`): articles kept from the
 * cache are the same objects build after build, so their pages are signed again only when
 * what they are made from changed; likewise feeds, and data files' digests (sitemaps run to
 * megabytes).
 */
export class PlanMemory {
  readonly articles = new ByPlace<Article, ArticleSigned>();
  readonly data = new Map<string, { data: string; sig: string }>();
  readonly pages = new Map<
    string,
    { template: string; view: string; rest: string; listed: readonly StoryView[]; sig: string }
  >();
  /** The categories and config of the last planning. */
  frame?: { categories: Site['categories']; config: SiteConfig };
  /** What the last planning's article pages were made from. */
  sources?: { template: string; view: string; related: readonly number[][]; storySigs: readonly string[] };
  readonly feeds = new FeedMemory();
  readonly listers = new Listers();
  readonly archive = new ArchiveMemory();
}

/** What every article page signs besides its own sources: its template (with what that includes) and the site's view. */
export interface ArticleFrame {
  template: string;
  view: string;
}

export function articleFrame(input: Pick<PlanInput, 'template' | 'view'>): ArticleFrame {
  return { template: input.template('article.njk'), view: digest(JSON.stringify(input.view)) };
}

/** Article pages whose plans stand from the last build, told by a fresh process from its cache, with the frame they were signed in. */
export interface KeptPlans {
  frame: ArticleFrame;
  plan: (index: number) => PagePlan | undefined;
}

/**
 * Every output file of the site, with its signature: the article pages first, in the order of
 * `site.articles`. An article page is signed again unless `memory` (one process) or `kept`
 * (a fresh process, while the frame is the same) holds its plan.
 */
export function planPages(input: PlanInput, memory?: PlanMemory, kept?: KeptPlans): PagePlan[] {
  const { site, stories } = input;
  const { template: articleTemplate, view: viewSig } = articleFrame(input);
  const signed = (article: Article, index: number, last?: ArticleSigned) =>
    signArticle(article, index, articleTemplate, viewSig, input, last?.source);
  const keep = kept && kept.frame.template === articleTemplate && kept.frame.view === viewSig ? kept.plan : undefined;
  const plan: PagePlan[] = memory
    ? memory.articles
        .map(site.articles, signed, unchangedSources(articleTemplate, viewSig, input, memory))
        .map((s) => s.plan)
    : site.articles.map((article, index) => keep?.(index) ?? signed(article, index).plan);
  // The categories and config of the last planning: while both are the same objects, a listed page says the same besides its stories.
  const sameFrame = memory?.frame?.categories === site.categories && memory.frame.config === input.config;
  if (memory) memory.frame = { categories: site.categories, config: input.config };
  for (const p of listPages(site, input.config, stories, input.statics, memory?.archive))
    plan.push({ kind: 'page', ...p, sig: pageSig(p, viewSig, input, memory, sameFrame) });
  for (const f of feedFiles(site, input.config, memory?.feeds, input.feedBody))
    plan.push({ kind: 'data', ...f, sig: dataSig(f.path, f.data, memory) });
  for (const c of input.copies)
    plan.push({ kind: 'copy', path: c.path, from: c.abs, sig: digest('copy', c.abs, c.digest) });
  return plan;
}

/** The signature of a page that lists no stories, as `planPages` signs one: its template, the site's view and the page. */
export function signPage(input: Pick<PlanInput, 'template' | 'view'>, template: string, page: PageView): string {
  return digest('page', input.template(template), articleFrame(input).view, JSON.stringify(page));
}

/** A template page's signature; in one process, the last one again while the page lists the same story objects and says the same otherwise. */
function pageSig(
  p: TemplatePage,
  viewSig: string,
  input: PlanInput,
  memory: PlanMemory | undefined,
  sameFrame: boolean,
): string {
  const template = input.template(p.template);
  const list = p.page && 'stories' in p.page ? p.page : undefined;
  const listed = list
    ? list.sections
      ? [...list.stories, ...list.sections.flatMap((s) => s.stories)]
      : list.stories
    : [];
  const known = memory?.pages.get(p.path);
  const same = known && known.template === template && known.view === viewSig && sameItems(known.listed, listed);
  // A listed page's text besides its stories comes from the categories and the config alone.
  if (same && list && sameFrame) return known.sig;
  // Everything but the stories themselves, with how many each list has (so the flat list above is unambiguous).
  const rest = JSON.stringify(
    list
      ? { ...list, stories: list.stories.length, sections: list.sections?.map((s) => [s.category, s.stories.length]) }
      : (p.page ?? null),
  );
  if (same && known.rest === rest) return known.sig;
  const sig = digest('page', template, viewSig, pageText(p.page, input.sigOf));
  memory?.pages.set(p.path, { template, view: viewSig, rest, listed, sig });
  return sig;
}

/** A listed page's text for its signature: each story it lists by its digest, not spelled out again on every page that lists it. */
function pageText(page: PageView | undefined, sigOf: (story: StoryView) => string): string {
  if (!page || !('stories' in page)) return JSON.stringify(page ?? null);
  const sections = page.sections?.map((s) => ({ category: s.category, stories: s.stories.map(sigOf) }));
  return JSON.stringify({ ...page, stories: page.stories.map(sigOf), sections });
}

/** A data file's digest, the last one again while its text is the same string. */
function dataSig(path: string, data: string, memory: PlanMemory | undefined): string {
  const known = memory?.data.get(path);
  if (known?.data === data) return known.sig;
  const sig = digest('data', data);
  memory?.data.set(path, { data, sig });
  return sig;
}

/** What an article page is made from, and its plan. */
interface ArticleSigned {
  source: string;
  plan: PagePlan;
}

/**
 * Whether an article page kept from the last planning (the same article object at the same
 * place) is still made from the same sources: the same template and navigation, the same
 * related list (the related-story stage hands unchanged lists on as the same arrays), and the
 * same stories, its own and its related ones. Told with comparisons of references across the
 * last and this planning's arrays, not by reading every page's record: at 10,000 articles
 * that reading alone costs milliseconds. An article object is parsed from one version of its
 * file (new bytes mean a new object), so its file's digest need not be compared.
 */
function unchangedSources(
  template: string,
  view: string,
  input: PlanInput,
  memory: PlanMemory,
): (known: ArticleSigned, index: number) => boolean {
  const last = memory.sources;
  memory.sources = { template, view, related: input.related, storySigs: input.storySigs };
  const listers = memory.listers.update(input.related);
  if (!last || last.template !== template || last.view !== view) return () => false;
  const { related, storySigs: sigs } = input;
  const stale = new Uint8Array(sigs.length);
  for (let i = 0; i < sigs.length; i++) {
    if (related[i] !== last.related[i]) stale[i] = 1;
    if (sigs[i] === last.storySigs[i]) continue;
    // A story listed otherwise: its page, and every page listing it among related stories.
    stale[i] = 1;
    for (const k of listers[i]!) stale[k] = 1;
  }
  return (_, index) => stale[index] === 0;
}

/**
 * For each article (by index), the articles listing it among their related stories, kept up to
 * date build after build from the lists that changed (the related-story stage hands unchanged
 * lists on as the same arrays), so finding the pages that list a story costs what it lists.
 */
export class Listers {
  private related: readonly number[][] = [];
  private by: number[][] = [];

  /** The listers for these related lists. */
  update(related: readonly number[][]): readonly number[][] {
    const changed: number[] = [];
    if (related.length === this.related.length)
      for (let i = 0; i < related.length; i++) if (related[i] !== this.related[i]) changed.push(i);
    // Beyond a few changed lists (articles added or removed shift every index), counting afresh is cheaper.
    if (related.length !== this.related.length || changed.length > related.length / 8) {
      this.by = related.map(() => []);
      related.forEach((list, i) => list.forEach((j) => this.by[j]!.push(i)));
    } else {
      for (const i of changed) {
        for (const j of this.related[i]!) this.by[j]!.splice(this.by[j]!.indexOf(i), 1);
        for (const j of related[i]!) this.by[j]!.push(i);
      }
    }
    this.related = related;
    return this.by;
  }
}

/** An article page's plan (`source`: its file's digest, when known): its signature covers the file's bytes (every field and the body), the template, the site's navigation, and how the page and its related stories are listed. */
function signArticle(
  article: Article,
  index: number,
  template: string,
  view: string,
  input: PlanInput,
  source = input.source(article.path) ?? '',
): ArticleSigned {
  const stories = [input.storySigs[index]!, ...input.related[index]!.map((j) => input.storySigs[j]!)];
  return { source, plan: planArticle(article, index, { template, view }, source, stories) };
}

/**
 * An article page's plan (the article at `index` of the published ones). Its signature covers
 * its frame, its file's path and digest (`source`), and the digests of its story and its related
 * ones, in order (`stories`). The one place an article page is signed: the full path plans every
 * page with it, the quick path the few around an edit.
 */
export function planArticle(
  article: Pick<Article, 'path' | 'url'>,
  index: number,
  frame: ArticleFrame,
  source: string,
  stories: readonly string[],
): PagePlan & { kind: 'article' } {
  const sig = digest('article', frame.template, frame.view, article.path, source, ...stories);
  return { kind: 'article', path: outputFile(article.url), index, sig };
}
