import type { SiteConfig } from '../config.js';
import type { Article } from '../content/article.js';
import type { Site } from '../site/assemble.js';
import { ByPlace, sameItems } from '../util/memo.js';
import { formatIso, formatRfc822 } from '../time.js';
import { modified, sitemapFiles, type SitemapEntry, type SitemapFile, type SitemapMemory } from './sitemaps.js';
import { absoluteUrl, feedUrls, joinNames } from './viewmodel.js';
import { escapeXml } from './xml.js';

/** An article's body as feed content: sanitised HTML whose site paths are made absolute, for readers that fetch nothing else. */
export type FeedBody = (article: Article) => string;

/** A generated file and its text. */
export interface DataFile {
  path: string;
  data: string;
}

/**
 * What making the feeds keeps for the next build in one process (`warta dev`): each article's
 * sitemap entry and site-feed items, and the last sitemaps with their entries.
 */
export class FeedMemory implements SitemapMemory {
  entries = new ByPlace<Article, SitemapEntry>();
  items = new ByPlace<Article, FeedItem>();
  last?: { head: SitemapEntry[]; articles: readonly SitemapEntry[]; chunks: Omit<SitemapFile, 'path'>[] };
  /** Each channel's files by its folder, with what they were made from: an edit remakes only the channels listing it. */
  channels = new Map<string, { channel: string; articles: readonly Article[]; files: DataFile[] }>();
  /** The site address the entries and items were made for. */
  private baseUrl?: string;

  /** Forgets what was made for another site address. */
  at(baseUrl: string): this {
    if (this.baseUrl !== baseUrl)
      [this.entries, this.items, this.last, this.channels, this.baseUrl] = [
        new ByPlace(),
        new ByPlace(),
        undefined,
        new Map(),
        baseUrl,
      ];
    return this;
  }

  /**
   * A channel's files: the last ones while it lists the same article objects under the same
   * names (`categories`: the category names, which its items name).
   */
  channel(channel: Channel, categories: string, articles: readonly Article[], make: () => DataFile[]): DataFile[] {
    const key = JSON.stringify([channel, categories]);
    const known = this.channels.get(channel.folder);
    if (known && known.channel === key && sameItems(known.articles, articles)) return known.files;
    const files = make();
    this.channels.set(channel.folder, { channel: key, articles, files });
    return files;
  }
}

/** One article as an RSS item and as an Atom entry. */
interface FeedItem {
  rss: string;
  atom: string;
}

/** A feed's channel: what it is called and where it and its page live (site paths). */
interface Channel {
  title: string;
  description: string;
  /** The page the feed follows, e.g. `/` or `/ekonomi/`. */
  page: string;
  /** The folder its files go in: '' or `ekonomi/`. */
  folder: string;
}

/** The feeds (site-wide, per category, topic and author, RSS and Atom), the sitemaps and robots.txt: the surfaces machines read. */
export function feedFiles(site: Site, config: SiteConfig, memory?: FeedMemory, body?: FeedBody): DataFile[] {
  memory?.at(config.baseUrl);
  const names = new Map(site.categories.map((c) => [c.slug, c.name]));
  // One item per article, whichever feeds list it.
  const items = new Map<Article, FeedItem>();
  const make = (a: Article) => {
    let item = items.get(a);
    if (!item) items.set(a, (item = feedItem(a, names.get(a.categorySlug)!, config, body)));
    return item;
  };
  const newest = site.articles.slice(0, config.feedSize);
  const categories = JSON.stringify([...names.values()]);
  const channel = (c: Channel, articles: readonly Article[], items = () => articles.map(make)) =>
    memory
      ? memory.channel(c, categories, articles, () => channelFiles(c, articles, items(), config))
      : channelFiles(c, articles, items(), config);
  const home = { title: config.title, description: config.tagline, page: '/', folder: '' };
  const files = [...channel(home, newest, () => (memory ? memory.items.map(newest, make) : newest.map(make)))];
  for (const c of site.categories) {
    const listed = c.articles.slice(0, config.feedSize).map((i) => site.articles[i]!);
    const named = {
      title: `${c.name} - ${config.title}`,
      description: `${c.name}: ${config.tagline}`,
      page: c.url,
      folder: c.url.slice(1),
    };
    files.push(...channel(named, listed));
  }
  // One by one: an archive of many topics has more files than a call takes arguments.
  for (const list of [...site.archive.topics, ...site.archive.authors]) {
    const articles = list.articles.slice(0, config.feedSize).map((i) => site.articles[i]!);
    const named = { title: `${list.name} - ${config.title}`, description: `${list.name}: ${config.tagline}` };
    for (const file of channel({ ...named, page: list.url, folder: list.url.slice(1) }, articles)) files.push(file);
  }
  return [
    ...files,
    ...sitemapFiles(site, config, memory).map(({ path, data }) => ({ path, data })),
    { path: 'robots.txt', data: `User-agent: *\nAllow: /\n\nSitemap: ${config.baseUrl}/sitemap.xml\n` },
  ];
}

/** A channel's RSS 2.0 and Atom 1.0 files. */
function channelFiles(
  channel: Channel,
  articles: readonly Article[],
  items: readonly FeedItem[],
  config: SiteConfig,
): DataFile[] {
  const urls = feedUrls(channel.page);
  const self = (path: string) => escapeXml(absoluteUrl(config.baseUrl, path));
  const page = self(channel.page);
  const [title, language] = [escapeXml(channel.title), escapeXml(config.language)];
  // A feed changed when its newest change did: a correction counts, so readers fetch it again.
  const updated = articles.length ? Math.max(...articles.map(modified)) : undefined;
  const rss = `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>${title}</title><link>${page}</link><description>${escapeXml(channel.description)}</description><language>${language}</language><atom:link href="${self(urls.rss)}" rel="self" type="application/rss+xml"/>${updated === undefined ? '' : `<lastBuildDate>${formatRfc822(updated)}</lastBuildDate>`}\n${items.map((i) => i.rss).join('\n')}\n</channel></rss>\n`;
  // Atom requires an `updated` time even for an empty feed: the epoch, stable build after build.
  const atom = `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${language}"><id>${page}</id><title>${title}</title><subtitle>${escapeXml(channel.description)}</subtitle><link href="${page}"/><link href="${self(urls.atom)}" rel="self" type="application/atom+xml"/><updated>${formatIso(updated ?? 0)}</updated>\n${items.map((i) => i.atom).join('\n')}\n</feed>\n`;
  return [
    { path: `${channel.folder}feed.xml`, data: rss },
    { path: `${channel.folder}atom.xml`, data: atom },
  ];
}

/** An article as an RSS item and an Atom entry: link, times, authors, category, summary, lead image, and with `body` its content. */
function feedItem(a: Article, category: string, config: SiteConfig, body: FeedBody | undefined): FeedItem {
  const html = body && escapeXml(body(a));
  const link = escapeXml(absoluteUrl(config.baseUrl, a.url));
  const [title, summary, section] = [escapeXml(a.title), escapeXml(a.summary), escapeXml(category)];
  const image = a.image
    ? { url: escapeXml(absoluteUrl(config.baseUrl, a.image)), type: imageType(a.image) }
    : undefined;
  const media = image
    ? `<media:content url="${image.url}" medium="image"${image.type ? ` type="${image.type}"` : ''}/>`
    : '';
  const rss = `<item><title>${title}</title><link>${link}</link><guid isPermaLink="true">${link}</guid><pubDate>${formatRfc822(a.date)}</pubDate><dc:creator>${escapeXml(joinNames(a.bylines))}</dc:creator><category>${section}</category><description>${summary}</description>${html ? `<content:encoded>${html}</content:encoded>` : ''}${media}</item>`;
  const enclosure = image
    ? `<link rel="enclosure" href="${image.url}"${image.type ? ` type="${image.type}"` : ''}/>`
    : '';
  const authors = a.bylines.map((name) => `<author><name>${escapeXml(name)}</name></author>`).join('');
  const atom = `<entry><id>${link}</id><title>${title}</title><link href="${link}"/><published>${formatIso(a.date)}</published><updated>${formatIso(modified(a))}</updated>${authors}<category term="${escapeXml(a.categorySlug)}" label="${section}"/><summary>${summary}</summary>${html ? `<content type="html">${html}</content>` : ''}${enclosure}</entry>`;
  return { rss, atom };
}

const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
};

/** An image's media type by its extension, when known. */
function imageType(url: string): string | undefined {
  const ext = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(url)?.[1]?.toLowerCase();
  return ext ? IMAGE_TYPES[ext] : undefined;
}
