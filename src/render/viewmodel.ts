import type { SiteConfig } from '../config.js';
import type { Article, Notice } from '../content/article.js';
import { nameUrl } from '../site/archive.js';
import type { SiteCategory } from '../site/assemble.js';
import { SEARCH_URL } from '../site/paths.js';
import { imageAttrs, imageSize, type ImageFacts } from './images.js';
import { formatIso, formatLong } from '../time.js';
import type { ArticlePageView, FeedsView, NoticeView, SiteView, StoryView, WithdrawnPageView } from './views.js';

/** The site as templates see it. */
export function siteView(config: SiteConfig, categories: readonly SiteCategory[]): SiteView {
  return {
    title: config.title,
    tagline: config.tagline,
    baseUrl: config.baseUrl,
    language: config.language,
    shareImage: absoluteUrl(config.baseUrl, config.shareImage),
    logo: absoluteUrl(config.baseUrl, config.logo),
    themeColor: config.themeColor,
    feeds: feedUrls('/'),
    nav: categories.map((c) => ({ name: c.name, url: c.url })),
    footer: config.footerLinks,
    ...(config.search && { search: SEARCH_URL }),
  };
}

/** The feeds of a list page (a site path ending in `/`): RSS at `feed.xml`, Atom at `atom.xml` beside its `index.html`. */
export function feedUrls(page: string): FeedsView {
  return { rss: `${page}feed.xml`, atom: `${page}atom.xml` };
}

/** The image a page shares (Open Graph, JSON-LD), absolute: its lead photo unless that is missing or an SVG (which no network shows), else the site's. */
export function shareImage(image: string | undefined, site: SiteView): string {
  return image && !/\.svg(?:[?#].*)?$/i.test(image) ? absoluteUrl(site.baseUrl, image) : site.shareImage;
}

/** One article as listed elsewhere; `category` is the category's display name, `lead` what is known of its lead photo when a raster image of the site. */
export function storyView(article: Article, category: string, lead?: ImageFacts): StoryView {
  return {
    title: article.title,
    url: article.url,
    category,
    categoryUrl: `/${article.categorySlug}/`,
    dateText: formatLong(article.date),
    dateIso: formatIso(article.date),
    summary: article.summary,
    image: article.image,
    ...(lead && article.image && { imageSize: imageSize(article.image, lead) }),
    byline: joinNames(article.bylines),
  };
}

/** Names joined as Indonesian spelling rules (PUEBI) ask: `A`, `A dan B`, `A, B, dan C`. */
export function joinNames(names: readonly string[]): string {
  if (names.length < 3) return names.join(' dan ');
  return `${names.slice(0, -1).join(', ')}, dan ${names[names.length - 1]}`;
}

/** An article page's view, from its story, rendered body and related stories. */
export function articlePageView(
  article: Article,
  story: StoryView,
  bodyHtml: string,
  related: StoryView[],
  site: SiteView,
  lead?: ImageFacts,
): ArticlePageView {
  const updated = article.updated;
  const image = shareImage(article.image, site);
  // The lead photo's size, where the page shares the lead photo itself.
  const shared = lead && image !== site.shareImage ? { width: lead.width, height: lead.height } : undefined;
  return {
    // The story's fields one by one: spread, then followed by thirty more, they cost V8 twice the time.
    title: story.title,
    url: story.url,
    category: story.category,
    categoryUrl: story.categoryUrl,
    dateText: story.dateText,
    dateIso: story.dateIso,
    summary: story.summary,
    image: story.image,
    imageSize: story.imageSize,
    byline: story.byline,
    kind: 'article',
    bylines: article.bylines,
    updatedText: updated === undefined ? undefined : formatLong(updated),
    updatedIso: updated === undefined ? undefined : formatIso(updated),
    source: article.source,
    caption: article.caption,
    credit: article.credit,
    corrections: article.corrections.map(noticeView),
    tags: article.tags,
    tagLinks: article.tags.map((name) => ({ name, url: nameUrl('/topik/', name) })),
    bylineLinks: article.bylines.map((name) => ({ name, url: nameUrl('/penulis/', name) })),
    // An article URL starts with its WIB day: `/2025/04/02/`.
    dayUrl: article.url.slice(0, 12),
    bodyHtml,
    related,
    extra: article.extra,
    lead: lead && article.image ? imageAttrs(article.image, lead) : undefined,
    shareImage: image,
    shareImageSize: shared,
    share: shareLinks(article.title, absoluteUrl(site.baseUrl, article.url)),
    jsonLd: jsonForScript(newsArticleLd(article, story, site, shared ? { url: image, ...shared } : { url: image })),
    breadcrumbLd: jsonForScript(
      breadcrumbLd(site, [
        { name: story.category, url: story.categoryUrl },
        { name: article.title, url: article.url },
      ]),
    ),
  };
}

/** A notice as templates see it. */
export function noticeView(notice: Notice): NoticeView {
  return { text: notice.text, dateText: formatLong(notice.at), dateIso: formatIso(notice.at) };
}

/** A withdrawn article's page; `categoryUrl` only when its category has an index page. */
export function withdrawnPageView(
  article: Article,
  category: string,
  categoryUrl: string | undefined,
): WithdrawnPageView {
  const notice = noticeView(article.withdrawn!);
  return {
    kind: 'withdrawn',
    title: article.title,
    url: article.url,
    category,
    categoryUrl,
    dateText: formatLong(article.date),
    dateIso: formatIso(article.date),
    notice,
  };
}

/** schema.org NewsArticle for search engines: always with an image (sized where known), the publisher's logo, the language, and each author's page. */
function newsArticleLd(
  article: Article,
  story: StoryView,
  site: SiteView,
  image: { url: string; width?: number; height?: number },
): object {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    datePublished: story.dateIso,
    dateModified: article.updated === undefined ? story.dateIso : formatIso(article.updated),
    author: article.bylines.map((name) => {
      const page = nameUrl('/penulis/', name);
      return { '@type': 'Person', name, url: page && absoluteUrl(site.baseUrl, page) };
    }),
    articleSection: story.category,
    keywords: article.tags.length ? article.tags.join(', ') : undefined,
    description: article.summary,
    inLanguage: site.language,
    image: [image.width ? { '@type': 'ImageObject', ...image } : image.url],
    mainEntityOfPage: absoluteUrl(site.baseUrl, article.url),
    publisher: {
      '@type': 'Organization',
      name: site.title,
      url: `${site.baseUrl}/`,
      logo: { '@type': 'ImageObject', url: site.logo },
    },
  };
}

/** schema.org BreadcrumbList from the home page down through `trail` (site paths). */
export function breadcrumbLd(
  site: Pick<SiteView, 'title' | 'baseUrl'>,
  trail: readonly { name: string; url: string }[],
): object {
  const items = [{ name: site.title, url: '/' }, ...trail].map((crumb, i) => ({
    '@type': 'ListItem',
    position: i + 1,
    name: crumb.name,
    item: absoluteUrl(site.baseUrl, crumb.url),
  }));
  return { '@context': 'https://schema.org', '@type': 'BreadcrumbList', itemListElement: items };
}

/** Links that share an article without JavaScript: each network's own share address, every value URL-encoded. */
function shareLinks(title: string, url: string): { name: string; url: string }[] {
  const [t, u, both] = [encodeURIComponent(title), encodeURIComponent(url), encodeURIComponent(`${title} ${url}`)];
  return [
    { name: 'WhatsApp', url: `https://wa.me/?text=${both}` },
    { name: 'Telegram', url: `https://t.me/share/url?url=${u}&text=${t}` },
    { name: 'X', url: `https://x.com/intent/post?url=${u}&text=${t}` },
    { name: 'Facebook', url: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { name: 'Email', url: `mailto:?subject=${t}&body=${u}` },
  ];
}

/** An absolute URL for a site path; web URLs pass through. */
export function absoluteUrl(baseUrl: string, pathOrUrl: string): string {
  return /^https?:\/\//i.test(pathOrUrl) ? pathOrUrl : `${baseUrl}${pathOrUrl}`;
}

/** JSON that cannot end a `<script>` element or open a comment inside it, whatever the values hold. */
export function jsonForScript(value: unknown): string {
  // One pass for the five characters: most pages' JSON holds none of them.
  return JSON.stringify(value).replace(SCRIPT_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** What `jsonForScript` escapes as `\uXXXX`. */
const SCRIPT_UNSAFE = /[<>&\u2028\u2029]/g;
