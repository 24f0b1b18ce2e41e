import type { SiteConfig } from '../config.js';
import type { Article } from '../content/article.js';
import { nameUrl } from '../site/archive.js';
import type { SiteCategory } from '../site/assemble.js';
import { formatIso, formatLong } from '../time.js';
import type { ArticlePageView, SiteView, StoryView } from './views.js';

/** The site as templates see it. */
export function siteView(config: SiteConfig, categories: readonly SiteCategory[]): SiteView {
  return {
    title: config.title,
    tagline: config.tagline,
    baseUrl: config.baseUrl,
    language: config.language,
    nav: categories.map((c) => ({ name: c.name, url: c.url })),
    footer: config.footerLinks,
  };
}

/** One article as listed elsewhere; `category` is the category's display name. */
export function storyView(article: Article, category: string): StoryView {
  return {
    title: article.title,
    url: article.url,
    category,
    categoryUrl: `/${article.categorySlug}/`,
    dateText: formatLong(article.date),
    dateIso: formatIso(article.date),
    summary: article.summary,
    image: article.image,
    byline: joinNames(article.bylines),
  };
}

/** Names joined as Indonesian spelling rules (PUEBI) ask: `A`, `A dan B`, `A, B, dan C`. */
export function joinNames(names: readonly string[]): string {
  if (names.length < 3) return names.join(' dan ');
  return `${names.slice(0, -1).join(', ')}, dan ${names[names.length - 1]}`;
}

/** An article page's view, from its story, rendered body and related stories. */
export function articlePageView(article: Article, story: StoryView, bodyHtml: string, related: StoryView[], site: SiteView): ArticlePageView {
  const updated = article.updated;
  return {
    ...story,
    kind: 'article',
    bylines: article.bylines,
    updatedText: updated === undefined ? undefined : formatLong(updated),
    updatedIso: updated === undefined ? undefined : formatIso(updated),
    source: article.source,
    caption: article.caption,
    tags: article.tags,
    tagLinks: article.tags.map((name) => ({ name, url: nameUrl('/topik/', name) })),
    bylineLinks: article.bylines.map((name) => ({ name, url: nameUrl('/penulis/', name) })),
    // An article URL starts with its WIB day: `/2025/04/02/`.
    dayUrl: article.url.slice(0, 12),
    bodyHtml,
    related,
    extra: article.extra,
    jsonLd: jsonForScript(newsArticleLd(article, story, site)),
  };
}

/** schema.org NewsArticle for search engines. */
function newsArticleLd(article: Article, story: StoryView, site: SiteView): object {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    datePublished: story.dateIso,
    dateModified: article.updated === undefined ? story.dateIso : formatIso(article.updated),
    author: article.bylines.map((name) => ({ '@type': 'Person', name })),
    articleSection: story.category,
    keywords: article.tags.length ? article.tags.join(', ') : undefined,
    description: article.summary,
    image: article.image ? absoluteUrl(site.baseUrl, article.image) : undefined,
    mainEntityOfPage: absoluteUrl(site.baseUrl, article.url),
    publisher: { '@type': 'Organization', name: site.title },
  };
}

/** An absolute URL for a site path; web URLs pass through. */
export function absoluteUrl(baseUrl: string, pathOrUrl: string): string {
  return /^https?:\/\//i.test(pathOrUrl) ? pathOrUrl : `${baseUrl}${pathOrUrl}`;
}

/** JSON that cannot end a `<script>` element or open a comment inside it, whatever the values hold. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
