import type { SiteConfig } from '../config.js';
import { digest } from '../incremental/hash.js';
import type { Site } from '../site/assemble.js';
import { outputFile } from '../site/paths.js';
import { feedFiles } from './feeds.js';
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

/** Every output file of the site, with its signature. */
export function planPages(input: PlanInput): PagePlan[] {
  const { site, view, stories, storySigs } = input;
  const viewSig = digest(JSON.stringify(view));
  const articleTemplate = input.template('article.njk');
  const plan: PagePlan[] = site.articles.map((article, index) => ({
    kind: 'article',
    path: outputFile(article.url),
    index,
    // The file's stamp stands for every field and the body; stories carry what other articles show of themselves.
    sig: signed(article, ['article', articleTemplate, viewSig, article.path, input.stamps.get(article.path) ?? '', storySigs[index]!, ...input.related[index]!.map((j) => storySigs[j]!)]),
  }));
  // A listed story is signed by its digest, not spelled out again on every page that lists it.
  const storySig = new Map<object, string>(stories.map((story, i) => [story, storySigs[i]!]));
  const sign = (_: string, value: unknown) => (typeof value === 'object' && value !== null && storySig.get(value)) || value;
  for (const p of listPages(site, input.config, stories)) {
    plan.push({ kind: 'page', ...p, sig: digest('page', input.template(p.template), viewSig, JSON.stringify(p.page ?? null, sign)) });
  }
  for (const f of feedFiles(site, input.config)) plan.push({ kind: 'data', ...f, sig: digest('data', f.data) });
  for (const c of input.copies) plan.push({ kind: 'copy', path: c.path, from: c.abs, sig: digest('copy', c.abs, c.stamp) });
  return plan;
}

// Articles kept from the cache are the same objects build after build in one process (`warta
// dev`): their pages' signatures are made again only when what they are made from changed.
const signatures = new WeakMap<object, { key: string; sig: string }>();

/** The digest of `parts`, remembered for `owner` while the parts stay the same. */
function signed(owner: object, parts: string[]): string {
  const key = parts.join('\u0000');
  const known = signatures.get(owner);
  if (known?.key === key) return known.sig;
  const sig = digest(...parts);
  signatures.set(owner, { key, sig });
  return sig;
}
