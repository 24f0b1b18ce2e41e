import type { SiteConfig } from '../config.js';
import type { Article } from '../content/article.js';
import type { Site } from '../site/assemble.js';
import { ByPlace } from '../incremental/memo.js';
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
  readonly entries = new ByPlace<Article, { baseUrl: string; entry: string }>();
  readonly items = new ByPlace<Article, { baseUrl: string; item: string }>();
  last?: { entries: string[]; chunks: string[] };
}

/** The RSS feed, the sitemaps and robots.txt: the surfaces machines read. */
export function feedFiles(site: Site, config: SiteConfig, memory?: FeedMemory): DataFile[] {
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
    return { baseUrl: config.baseUrl, item };
  };
  const items = (memory ? memory.items.map(articles, make, (known) => known.baseUrl === config.baseUrl) : articles.map(make)).map((i) => i.item);
  const newest = articles[0] ? `<lastBuildDate>${formatRfc822(articles[0].updated ?? articles[0].date)}</lastBuildDate>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${escapeXml(config.title)}</title><link>${escapeXml(config.baseUrl)}/</link><description>${escapeXml(config.tagline)}</description><language>${escapeXml(config.language)}</language>${newest}\n${items.join('\n')}\n</channel></rss>\n`;
}

/** Every article and category front page, with last-modified times for articles. */
function sitemapEntries(site: Site, config: SiteConfig, memory: FeedMemory | undefined): string[] {
  const entry = (path: string, lastmod?: number) =>
    `<url><loc>${escapeXml(absoluteUrl(config.baseUrl, path))}</loc>${lastmod === undefined ? '' : `<lastmod>${formatIso(lastmod)}</lastmod>`}</url>`;
  const make = (a: Article) => ({ baseUrl: config.baseUrl, entry: entry(a.url, a.updated ?? a.date) });
  const articles = memory ? memory.entries.map(site.articles, make, (known) => known.baseUrl === config.baseUrl) : site.articles.map(make);
  return [entry('/'), ...site.categories.map((c) => entry(c.url)), ...articles.map((a) => a.entry)];
}

/** The sitemap files' text for these entries; the last ones again while every entry is the same. */
function sitemaps(entries: string[], memory: FeedMemory | undefined): string[] {
  const last = memory?.last;
  if (last && last.entries.length === entries.length && entries.every((e, i) => e === last.entries[i])) return last.chunks;
  const chunks: string[] = [];
  for (let i = 0; i < entries.length; i += SITEMAP_SIZE) chunks.push(urlset(entries.slice(i, i + SITEMAP_SIZE)));
  if (memory) memory.last = { entries, chunks };
  return chunks;
}

function urlset(entries: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</urlset>\n`;
}

function sitemapIndex(count: number, baseUrl: string): string {
  const maps = Array.from({ length: count }, (_, i) => `<sitemap><loc>${escapeXml(`${baseUrl}/sitemaps/${i + 1}.xml`)}</loc></sitemap>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${maps.join('\n')}\n</sitemapindex>\n`;
}
