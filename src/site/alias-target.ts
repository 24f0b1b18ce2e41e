import type { Article } from '../content/article.js';

/**
 * The article or static page an alias points to: its index counts the site's published
 * articles, then its withdrawn ones, whose notice pages keep their old addresses working, then
 * its static pages.
 */
export function aliasTarget(
  site: { articles: readonly Article[]; withdrawn: readonly Article[]; pages: readonly Article[] },
  alias: { article: number },
): Article {
  const { articles, withdrawn, pages } = site;
  const at = alias.article;
  if (at < articles.length) return articles[at]!;
  return at < articles.length + withdrawn.length
    ? withdrawn[at - articles.length]!
    : pages[at - articles.length - withdrawn.length]!;
}
