import type { CategoryConfig } from '../config.js';
import type { Article } from '../content/article.js';

/** A category of the published site. */
export interface Category {
  /** URL segment. */
  slug: string;
  /** Display name. */
  name: string;
  /** Site-relative URL of its front page. */
  url: string;
  /** Indices into the site's articles, newest first. */
  articles: number[];
}

/**
 * Groups articles (already ordered newest first) by category slug. The display name is the
 * configured one, else the archive's most frequent spelling, ties broken alphabetically.
 * Declared categories come first in their configured order, the rest by name.
 */
export function groupCategories(articles: readonly Article[], declared: readonly CategoryConfig[]): Category[] {
  const bySlug = new Map<string, { indices: number[]; spellings: Map<string, number> }>();
  articles.forEach((article, index) => {
    let group = bySlug.get(article.categorySlug);
    if (!group) bySlug.set(article.categorySlug, (group = { indices: [], spellings: new Map() }));
    group.indices.push(index);
    group.spellings.set(article.category, (group.spellings.get(article.category) ?? 0) + 1);
  });
  const names = new Map(declared.map((c) => [c.slug, c.name]));
  const order = new Map(declared.map((c, i) => [c.slug, i]));
  const categories = [...bySlug].map(([slug, group]) => ({
    slug,
    name: names.get(slug) ?? mostFrequent(group.spellings),
    url: `/${slug}/`,
    articles: group.indices,
  }));
  return categories.sort(
    (a, b) =>
      (order.get(a.slug) ?? Infinity) - (order.get(b.slug) ?? Infinity) ||
      compare(a.name.toLowerCase(), b.name.toLowerCase()) ||
      compare(a.slug, b.slug),
  );
}

/** The most frequent spelling, ties broken by code-unit order. */
export function mostFrequent(spellings: Map<string, number>): string {
  let best = '';
  let bestCount = 0;
  for (const [name, count] of spellings) {
    if (count > bestCount || (count === bestCount && name < best)) [best, bestCount] = [name, count];
  }
  return best;
}

/** Plain code-unit order: the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
