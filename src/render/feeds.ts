import type { SiteConfig } from '../config.js';
import type { Article } from '../content/article.js';
import type { Site } from '../site/assemble.js';
import { ByPlace, sameItems } from '../util/memo.js';
import { formatIso, formatRfc822 } from '../time.js';
import { absoluteUrl } from './viewmodel.js';
import { escapeXml } from './xml.js';

const FEED_SIZE = 50;
const SITEMAP_SIZE = 50_000;

/** A generated file and its text. */
export interface DataFile {
  path: string;
  data: string;
}

/**
 * What making the feeds keeps for the next build in one process (`warta dev`): each article's
 * sitemap entry, and the last sitemaps with their entries.
 */
export class FeedMemory {
  entries = new ByPlace<Article, { entry: string }>();
  items = new ByPlace<Article, string>();
  last?: { head: string[]; articles: readonly { entry: string }[]; chunks: string[] };
  /** The site address the entries and items were made for. */
  private baseUrl?: string;

  /** Forgets what was made for another site address. */
  at(baseUrl: string): this {
    if (this.baseUrl !== baseUrl) [this.entries, this.items, this.last, this.baseUrl] = [new ByPlace(), new ByPlace(), undefined, baseUrl];
    return this;
  }
}

/** The RSS feed, the sitemaps and robots.txt: the surfaces machines read. */
export function feedFiles(site: Site, config: SiteConfig, memory?: FeedMemory): DataFile[] {
  memory?.at(config.baseUrl);
  const chunks = sitemaps(sitemapEntries(site, config, memory), memory);
  return [
    { path: 'feed.xml', data: rssFeed(site.articles.slice(0, FEED_SIZE), config, memory) },
    ...chunks.map((data, i) => ({ path: `sitemaps/${i + 1}.xml`, data })),
    { path: 'sitemap.xml', data: sitemapIndex(chunks.length, config.baseUrl) },
    { path: 'robots.txt', data: `User-agent: *\nAllow: /\n\nSitemap: ${config.baseUrl}/sitemap.xml\n` },
  ];
}

/** RSS 2.0 of the newest articles. */
function rssFeed(articles: readonly Article[], config: SiteConfig, memory: FeedMemory | undefined): string {
  const make = (a: Article) => {
    const link = escapeXml(absoluteUrl(config.baseUrl, a.url));
    const item = `<item><title>${escapeXml(a.title)}</title><link>${link}</link><guid isPermaLink="true">${link}</guid><pubDate>${formatRfc822(a.date)}</pubDate><category>${escapeXml(a.category)}</category><description>${escapeXml(a.summary)}</description></item>`;
    return item;
  };
  const items = memory ? memory.items.map(articles, make) : articles.map(make);
  const newest = articles[0] ? `<lastBuildDate>${formatRfc822(articles[0].updated ?? articles[0].date)}</lastBuildDate>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${escapeXml(config.title)}</title><link>${escapeXml(config.baseUrl)}/</link><description>${escapeXml(config.tagline)}</description><language>${escapeXml(config.language)}</language>${newest}\n${items.join('\n')}\n</channel></rss>\n`;
}

/** Every article and category front page, with last-modified times for articles: the home and categories' entries, and the articles'. */
function sitemapEntries(site: Site, config: SiteConfig, memory: FeedMemory | undefined): { head: string[]; articles: readonly { entry: string }[] } {
  const entry = (path: string, lastmod?: number) =>
    `<url><loc>${escapeXml(absoluteUrl(config.baseUrl, path))}</loc>${lastmod === undefined ? '' : `<lastmod>${formatIso(lastmod)}</lastmod>`}</url>`;
  const make = (a: Article) => ({ entry: entry(a.url, a.updated ?? a.date) });
  const articles = memory ? memory.entries.map(site.articles, make) : site.articles.map(make);
  return { head: [entry('/'), ...site.categories.map((c) => entry(c.url))], articles };
}

/** The sitemap files' text for these entries; the last ones again while every entry is the same. */
function sitemaps({ head, articles }: ReturnType<typeof sitemapEntries>, memory: FeedMemory | undefined): string[] {
  const last = memory?.last;
  if (last && sameItems(last.head, head) && sameEntries(last.articles, articles)) return last.chunks;
  const entries = [...head, ...articles.map((a) => a.entry)];
  const chunks: string[] = [];
  for (let i = 0; i < entries.length; i += SITEMAP_SIZE) chunks.push(urlset(entries.slice(i, i + SITEMAP_SIZE)));
  if (memory) memory.last = { head, articles, chunks };
  return chunks;
}

/** Whether two lists of entries say the same; entries kept from the last build are the same objects, and only the others are compared by text. */
function sameEntries(a: readonly { entry: string }[], b: readonly { entry: string }[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && a[i]!.entry !== b[i]!.entry) return false;
  return true;
}

function urlset(entries: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</urlset>\n`;
}

function sitemapIndex(count: number, baseUrl: string): string {
  const maps = Array.from({ length: count }, (_, i) => `<sitemap><loc>${escapeXml(`${baseUrl}/sitemaps/${i + 1}.xml`)}</loc></sitemap>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${maps.join('\n')}\n</sitemapindex>\n`;
}
