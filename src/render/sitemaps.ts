import type { SiteConfig } from '../config.js';
import type { Article } from '../content/article.js';
import type { Site } from '../site/assemble.js';
import { sameItems, type ByPlace } from '../util/memo.js';
import { formatIso } from '../time.js';
import { absoluteUrl } from './viewmodel.js';
import { escapeXml } from './xml.js';

/** Most URLs in one sitemap file, as the sitemap protocol allows. */
const SITEMAP_SIZE = 50_000;
/** Most URLs in one news sitemap file, as Google News allows. */
export const NEWS_SITEMAP_SIZE = 1_000;

/** A sitemap entry and its last-modified time. */
export interface SitemapEntry {
  entry: string;
  lastmod: number;
}

/** A sitemap file's text and the newest last-modified time of its entries. */
export interface SitemapFile {
  path: string;
  data: string;
  lastmod?: number;
}

/** What making the sitemaps keeps for the next build in one process (feeds.ts's FeedMemory is one: this shape keeps the two files from importing each other). */
export interface SitemapMemory {
  entries: ByPlace<Article, SitemapEntry>;
  /** The entries of the archive's lists and the static pages, by URL. */
  lists?: Map<string, SitemapEntry>;
  /** What the last entries of the home, the categories, the archive's lists and the static pages were made from. */
  listed?: Pick<Site, 'categories' | 'archive' | 'pages'>;
  last?: { head: SitemapEntry[]; articles: readonly SitemapEntry[]; chunks: Omit<SitemapFile, 'path'>[] };
}

/** When an article last changed: its latest update or correction, else its publication. */
export function modified(a: Article): number {
  return a.updated ?? a.date;
}

/**
 * The sitemaps of every page (home, category front pages, the front pages of the date, topic and
 * author archives, static pages, articles) and the news sitemaps (articles only), then the index
 * listing them.
 */
export function sitemapFiles(site: Site, config: SiteConfig, memory: SitemapMemory | undefined): SitemapFile[] {
  const maps = sitemaps(sitemapEntries(site, config, memory), memory).map((c, i) => ({
    path: `sitemaps/${i + 1}.xml`,
    ...c,
  }));
  const news = newsSitemaps(site.articles.slice(site.news.from, site.news.to), config).map((c, i) => ({
    path: `sitemaps/news-${i + 1}.xml`,
    ...c,
  }));
  const files = [...maps, ...news];
  return [...files, { path: 'sitemap.xml', data: sitemapIndex(files, config.baseUrl) }];
}

/** A sitemap entry; `lastmod` 0 when the page's last change is not known (a static page never updated). */
function urlEntry(baseUrl: string, path: string, lastmod: number): SitemapEntry {
  const time = lastmod ? `<lastmod>${formatIso(lastmod)}</lastmod>` : '';
  return { entry: `<url><loc>${escapeXml(absoluteUrl(baseUrl, path))}</loc>${time}</url>`, lastmod };
}

/**
 * Every page of the sitemaps with its last-modified time: the home's, the categories', the
 * archive lists' and static pages' entries (`head`), and the articles'.
 */
function sitemapEntries(
  site: Site,
  config: SiteConfig,
  memory: SitemapMemory | undefined,
): { head: SitemapEntry[]; articles: readonly SitemapEntry[] } {
  const entry = (path: string, lastmod: number) => urlEntry(config.baseUrl, path, lastmod);
  const make = (a: Article) => entry(a.url, modified(a));
  const articles = memory ? memory.entries.map(site.articles, make) : site.articles.map(make);
  // No article moved and none changed its time (a body or headline edit): every list's entry stands.
  const last = memory?.last;
  const same = memory?.listed;
  if (last && same?.categories === site.categories && same.archive === site.archive && same.pages === site.pages)
    if (sameTimes(last.articles, articles)) return { head: last.head, articles };
  if (memory) memory.listed = { categories: site.categories, archive: site.archive, pages: site.pages };
  // A list page changes when a story it may list does: its newest change stands for it.
  const newest = (indices: Iterable<number>) => {
    let latest = 0;
    for (const i of indices) latest = Math.max(latest, articles[i]!.lastmod);
    return latest;
  };
  const head = [
    entry('/', newest(site.articles.keys())),
    ...site.categories.map((c) => entry(c.url, newest(c.articles))),
  ];
  // Each entry of the last build again while its time is the same: an archive has thousands of lists.
  const known = memory?.lists;
  const lists = new Map<string, SitemapEntry>();
  const listed = (url: string, lastmod: number) => {
    const last = known?.get(url);
    const e = last?.lastmod === lastmod ? last : entry(url, lastmod);
    lists.set(url, e);
    head.push(e);
  };
  const { periods, topics, authors } = site.archive;
  for (const group of [periods, topics, authors]) for (const l of group) listed(l.url, newest(l.articles));
  for (const page of site.pages) listed(page.url, page.updated ?? 0);
  if (memory) memory.lists = lists;
  return { head, articles };
}

/** The sitemap files' text for these entries; the last ones again while every entry is the same. */
function sitemaps(
  { head, articles }: ReturnType<typeof sitemapEntries>,
  memory: SitemapMemory | undefined,
): Omit<SitemapFile, 'path'>[] {
  const last = memory?.last;
  if (
    last &&
    (last.head === head ||
      sameItems(
        last.head.map((h) => h.entry),
        head.map((h) => h.entry),
      )) &&
    sameEntries(last.articles, articles)
  )
    return last.chunks;
  const entries = [...head, ...articles];
  const chunks: Omit<SitemapFile, 'path'>[] = [];
  for (let i = 0; i < entries.length; i += SITEMAP_SIZE) {
    const chunk = entries.slice(i, i + SITEMAP_SIZE);
    chunks.push({ data: urlset(chunk.map((e) => e.entry)), lastmod: Math.max(...chunk.map((e) => e.lastmod)) });
  }
  if (memory) memory.last = { head, articles, chunks };
  return chunks;
}

/** Whether two lists of entries say the same; entries kept from the last build are the same objects, and only the others are compared by text. */
function sameEntries(a: readonly SitemapEntry[], b: readonly SitemapEntry[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && a[i]!.entry !== b[i]!.entry) return false;
  return true;
}

/** Whether two lists of article entries have the same last-modified times, place by place. */
function sameTimes(a: readonly SitemapEntry[], b: readonly SitemapEntry[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && a[i]!.lastmod !== b[i]!.lastmod) return false;
  return true;
}

/** Google News sitemaps of the articles of the news window, at most `NEWS_SITEMAP_SIZE` each; none when the window is empty. */
function newsSitemaps(articles: readonly Article[], config: SiteConfig): Omit<SitemapFile, 'path'>[] {
  const publication = `<news:publication><news:name>${escapeXml(config.title)}</news:name><news:language>${escapeXml(config.language)}</news:language></news:publication>`;
  const entry = (a: Article) =>
    `<url><loc>${escapeXml(absoluteUrl(config.baseUrl, a.url))}</loc><lastmod>${formatIso(modified(a))}</lastmod><news:news>${publication}<news:publication_date>${formatIso(a.date)}</news:publication_date><news:title>${escapeXml(a.title)}</news:title></news:news></url>`;
  const chunks: Omit<SitemapFile, 'path'>[] = [];
  for (let i = 0; i < articles.length; i += NEWS_SITEMAP_SIZE) {
    const chunk = articles.slice(i, i + NEWS_SITEMAP_SIZE);
    chunks.push({
      data: urlset(chunk.map(entry), ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'),
      lastmod: Math.max(...chunk.map(modified)),
    });
  }
  return chunks;
}

function urlset(entries: string[], namespaces = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"${namespaces}>\n${entries.join('\n')}\n</urlset>\n`;
}

function sitemapIndex(files: readonly SitemapFile[], baseUrl: string): string {
  const lastmod = (f: SitemapFile) => (f.lastmod ? `<lastmod>${formatIso(f.lastmod)}</lastmod>` : '');
  const maps = files.map((f) => `<sitemap><loc>${escapeXml(`${baseUrl}/${f.path}`)}</loc>${lastmod(f)}</sitemap>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${maps.join('\n')}\n</sitemapindex>\n`;
}
