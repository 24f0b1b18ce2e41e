import type { SiteConfig } from '../config.js';
import type { Article } from '../content/article.js';
import { digest } from '../incremental/hash.js';
import type { Site } from '../site/assemble.js';
import { outputFile } from '../site/paths.js';
import { FeedMemory, feedFiles } from './feeds.js';
import { listPages } from './list-pages.js';
import type { PageView, SiteView, StoryView } from './views.js';

/**
 * One output file of the site and the signature of everything it is made from. Two builds
 * that give a file the same signature give it the same bytes, so an incremental build renders
 * only files whose signature changed, and the result equals a full build.
 */
export type PagePlan =
  | { kind: 'article'; path: string; sig: string; index: number }
  | { kind: 'page'; path: string; sig: string; template: string; page?: PageView }
  | { kind: 'data'; path: string; sig: string; data: string }
  | { kind: 'copy'; path: string; sig: string; from: string };

/** What planning needs besides the site. */
export interface PlanInput {
  site: Site;
  config: SiteConfig;
  view: SiteView;
  /** How each published article is listed, by index. */
  stories: readonly StoryView[];
  /** Digest of each story, by index. */
  storySigs: readonly string[];
  /** Related articles of each published article, by index. */
  related: readonly number[][];
  /** Size and modification time of each article file, by content path. */
  stamps: ReadonlyMap<string, string>;
  /** Digest of a template and everything it includes, by name. */
  template: (name: string) => string;
  /** Files copied as they are: content statics and theme assets. */
  copies: readonly { path: string; abs: string; stamp: string }[];
}

/**
 * What planning keeps for the next build in one process (`warta dev`): articles kept from the
 * cache are the same objects build after build, so their pages are signed again only when
 * what they are made from changed; likewise feeds, and data files' digests (sitemaps run to
 * megabytes).
 */
export class PlanMemory {
  readonly articles = new WeakMap<Article, ArticleSigned>();
  readonly data = new Map<string, { data: string; sig: string }>();
  readonly feeds = new FeedMemory();
}

/** Every output file of the site, with its signature. */
export function planPages(input: PlanInput, memory?: PlanMemory): PagePlan[] {
  const { site, view, stories, storySigs } = input;
  const viewSig = digest(JSON.stringify(view));
  const articleTemplate = input.template('article.njk');
  const plan: PagePlan[] = site.articles.map((article, index) => articlePlan(article, index, articleTemplate, viewSig, input, memory));
  const storySig = new Map<StoryView, string>(stories.map((story, i) => [story, storySigs[i]!]));
  const sigOf = (story: StoryView) => storySig.get(story) ?? digest(JSON.stringify(story));
  for (const p of listPages(site, input.config, stories)) {
    plan.push({ kind: 'page', ...p, sig: digest('page', input.template(p.template), viewSig, pageText(p.page, sigOf)) });
  }
  for (const f of feedFiles(site, input.config, memory?.feeds)) plan.push({ kind: 'data', ...f, sig: dataSig(f.path, f.data, memory) });
  for (const c of input.copies) plan.push({ kind: 'copy', path: c.path, from: c.abs, sig: digest('copy', c.abs, c.stamp) });
  return plan;
}

/** A listed page's text for its signature: each story it lists by its digest, not spelled out again on every page that lists it. */
function pageText(page: PageView | undefined, sigOf: (story: StoryView) => string): string {
  if (!page || page.kind === 'redirect' || page.kind === 'article') return JSON.stringify(page ?? null);
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
interface ArticleSigned { template: string; view: string; related: string[]; plan: PagePlan }

/** An article page's plan: its signature covers the file's stamp (every field and the body), the template, the site's navigation, and how the page and its related stories are listed. */
function articlePlan(article: Article, index: number, template: string, view: string, input: PlanInput, memory: PlanMemory | undefined): PagePlan {
  const related = input.related[index]!;
  const sigs = input.storySigs;
  // An article object is parsed from one version of its file (a new stamp means a new object), so its stamp need not be compared.
  const known = memory?.articles.get(article);
  if (known && known.plan.kind === 'article' && known.plan.index === index && known.template === template && known.view === view && known.related.length === related.length + 1 && known.related[0] === sigs[index] && related.every((j, k) => sigs[j] === known.related[k + 1])) {
    return known.plan;
  }
  const story = [sigs[index]!, ...related.map((j) => sigs[j]!)];
  const plan: PagePlan = { kind: 'article', path: outputFile(article.url), index, sig: digest('article', template, view, article.path, input.stamps.get(article.path) ?? '', ...story) };
  memory?.articles.set(article, { template, view, related: story, plan });
  return plan;
}
