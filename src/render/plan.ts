import type { SiteConfig } from '../config.js';
import type { Article } from '../content/article.js';
import { digest } from '../util/digest.js';
import { ByPlace } from '../util/memo.js';
import type { Site } from '../site/assemble.js';
import { outputFile } from '../site/paths.js';
import type { FeedBody } from './feeds.js';
import { FeedMemory, feedFiles, type DataFile } from './feeds.js';
import type { PageView, SiteView } from './views.js';
import { freshTemplatePlans, ListMemory, templatePlans, type ListInput } from './list-plans.js';
import type { DigestedCopy, PagePlan } from './page-plan.js';

export type { DigestedCopy, PagePlan } from './page-plan.js';

/** What planning needs besides the site. */
export interface PlanInput extends ListInput {
  view: SiteView;
  /** Related articles of each published article, by index. */
  related: readonly number[][];
  /** Digest of an article file's bytes, by content path. */
  source: (path: string) => string | undefined;
  /** Files copied as they are (content statics and theme assets), with the digest of their bytes. */
  copies: readonly DigestedCopy[];
  /** Feed items' content, when the config asks for whole bodies in feeds. */
  feedBody?: FeedBody;
  /** What an article page signs of the local images it shows ('' for none: see build/images.ts). */
  imageSig?: (article: Article) => string;
}

/**
 * What planning keeps for the next build in one process (`warta dev`): articles kept from the
 * cache are the same objects build after build, so their pages are signed again only when
 * what they are made from changed; likewise feeds, and data files' digests (sitemaps run to
 * megabytes).
 */
export class PlanMemory {
  readonly articles = new ByPlace<Article, ArticleSigned>();
  readonly data = new Map<string, { data: string; plan: PagePlan }>();
  readonly copies = new Map<string, { digest: string; plan: PagePlan }>();
  /** The categories and config of the last planning. */
  frame?: { categories: Site['categories']; config: SiteConfig };
  /** What the last planning's article pages were made from. */
  sources?: { template: string; view: string; related: readonly number[][]; storySigs: readonly string[] };
  readonly feeds = new FeedMemory();
  readonly listers = new Listers();
  readonly lists = new ListMemory();
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
 * `site.articles`, then the template pages, the data files (feeds, sitemaps) and the copies.
 * An article page is signed again unless `memory` (one process) or `kept` (a fresh process,
 * while the frame is the same) holds its plan. Without `memory`, each data file is made only
 * once the last one's plan was taken: a caller that writes it then and keeps less than its text
 * holds one feed at a time.
 */
export function* planPages(input: PlanInput, memory?: PlanMemory, kept?: KeptPlans): Generator<PagePlan> {
  const { site } = input;
  const { template: articleTemplate, view: viewSig } = articleFrame(input);
  const signed = (article: Article, index: number, last?: ArticleSigned) =>
    signArticle(article, index, articleTemplate, viewSig, input, last?.source);
  const standing =
    kept && kept.frame.template === articleTemplate && kept.frame.view === viewSig ? kept.plan : undefined;
  // A page showing images of the site is signed again: they may have changed while its article did not.
  const keep = standing && ((index: number) => (imagesOf(input, site.articles[index]!) ? undefined : standing(index)));
  const articles: PagePlan[] = memory
    ? memory.articles
        .map(site.articles, signed, unchangedSources(articleTemplate, viewSig, input, memory))
        .map((s) => s.plan)
    : site.articles.map((article, index) => keep?.(index) ?? signed(article, index).plan);
  // The categories and config of the last planning: while both are the same objects, a listed page says the same besides its stories.
  const sameFrame = memory?.frame?.categories === site.categories && memory.frame.config === input.config;
  if (memory) memory.frame = { categories: site.categories, config: input.config };
  // In one process an unchanged file keeps its last plan object, which tells later stages it is unchanged without a lookup.
  yield* articles;
  yield* memory ? templatePlans(input, viewSig, memory.lists, sameFrame) : freshTemplatePlans(input, viewSig);
  for (const f of feedFiles(site, input.config, memory?.feeds, input.feedBody)) yield planData(f, memory);
  for (const c of input.copies) yield planCopy(c, memory);
}

/** The signature of a page that lists no stories, as `planPages` signs one: its template, the site's view and the page. */
export function signPage(input: Pick<PlanInput, 'template' | 'view'>, template: string, page: PageView): string {
  return digest('page', input.template(template), articleFrame(input).view, JSON.stringify(page));
}

/** A data file's plan, the last one again while its text is the same string. */
function planData({ path, data }: DataFile, memory: PlanMemory | undefined): PagePlan {
  const known = memory?.data.get(path);
  if (known?.data === data) return known.plan;
  const plan: PagePlan = { kind: 'data', path, data, sig: digest('data', data) };
  memory?.data.set(path, { data, plan });
  return plan;
}

/** A copied file's plan, the last one again while it is copied from the same file with the same digest. */
function planCopy(c: DigestedCopy, memory: PlanMemory | undefined): PagePlan {
  const known = memory?.copies.get(c.path);
  if (known?.digest === c.digest && known.plan.kind === 'copy' && known.plan.from === c.abs) return known.plan;
  const plan: PagePlan = { kind: 'copy', path: c.path, from: c.abs, sig: digest('copy', c.abs, c.digest) };
  memory?.copies.set(c.path, { digest: c.digest, plan });
  return plan;
}

/** What an article page is made from, and its plan. */
interface ArticleSigned {
  source: string;
  /** What it signed of its images. */
  images: string;
  plan: PagePlan;
}

/** What an article page signs of the images it shows. */
function imagesOf(input: PlanInput, article: Article): string {
  return input.imageSig?.(article) ?? '';
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
  return (known, index) => stale[index] === 0 && known.images === imagesOf(input, input.site.articles[index]!);
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
  const stories = storySigs(index, input.related[index]!, (j) => input.storySigs[j]!);
  const images = imagesOf(input, article);
  return { source, images, plan: planArticle(article, index, { template, view }, source, stories, images) };
}

/**
 * An article page's plan (the article at `index` of the published ones). Its signature covers
 * its frame, its file's path and digest (`source`), the digests of its story and its related
 * ones, in order (`stories`), and what it shows of the site's images (`images`, '' for none).
 * The one place an article page is signed: the full path plans every page with it, the quick
 * path the few around an edit (`planArticles`).
 */
export function planArticle(
  article: Pick<Article, 'path' | 'url'>,
  index: number,
  frame: ArticleFrame,
  source: string,
  stories: readonly string[],
  images = '',
): PagePlan & { kind: 'article' } {
  const parts = [frame.template, frame.view, article.path, source, ...stories];
  const sig = images ? digest('article', ...parts, images) : digest('article', ...parts);
  return { kind: 'article', path: outputFile(article.url), index, sig };
}

/** What article pages are signed from, by index of the published articles (see `planArticles`). */
export interface ArticleSigning {
  frame: ArticleFrame;
  article: (index: number) => Pick<Article, 'path' | 'url'>;
  /** The digest of its file's bytes. */
  source: (index: number) => string;
  related: (index: number) => readonly number[];
  /** The digest of its story as listed. */
  storySig: (index: number) => string;
  /** What it signs of the images it shows ('' for none). */
  images: (index: number) => string;
}

/**
 * The plans of the article pages at `indices` (of the published articles), signed as
 * `planPages` signs them: what a build that knows only these pages may differ plans (the quick
 * path, the pages around an edit), without planning the whole site.
 */
export function planArticles(indices: readonly number[], signing: ArticleSigning): (PagePlan & { kind: 'article' })[] {
  return indices.map((i) =>
    planArticle(
      signing.article(i),
      i,
      signing.frame,
      signing.source(i),
      storySigs(i, signing.related(i), signing.storySig),
      signing.images(i),
    ),
  );
}

/** The digests of the stories an article page shows, as its signature covers them: its own, then its related ones, in order. */
function storySigs(index: number, related: readonly number[], sig: (index: number) => string): string[] {
  return [sig(index), ...related.map(sig)];
}
