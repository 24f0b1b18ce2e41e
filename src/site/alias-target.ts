import type { Article } from '../content/article.js';

/**
 * The article an alias points to: its index counts the site's published articles, then its
 * withdrawn ones, whose notice pages keep their old addresses working.
 */
export function aliasTarget(
  site: { articles: readonly Article[]; withdrawn: readonly Article[] },
  alias: { article: number },
): Article {
  const { articles, withdrawn } = site;
  return alias.article < articles.length ? articles[alias.article]! : withdrawn[alias.article - articles.length]!;
}
