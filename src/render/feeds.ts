import type { SiteConfig } from '../config.js';
import type { Article } from '../content/article.js';
import type { Site } from '../site/assemble.js';
import { ByPlace } from '../incremental/memo.js';
import { sitemapFiles, type SitemapEntry, type SitemapFile } from './sitemaps.js';
import { formatRfc822 } from '../time.js';
import { absoluteUrl } from './viewmodel.js';
import { escapeXml } from './xml.js';

const FEED_SIZE = 50;

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
  entries = new ByPlace<Article, SitemapEntry>();
  items = new ByPlace<Article, string>();
  last?: { head: SitemapEntry[]; articles: readonly SitemapEntry[]; chunks: Omit<SitemapFile, 'path'>[] };
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
  return [
    { path: 'feed.xml', data: rssFeed(site.articles.slice(0, FEED_SIZE), config, memory) },
    ...sitemapFiles(site, config, memory).map(({ path, data }) => ({ path, data })),
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
