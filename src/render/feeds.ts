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
 * What making the feeds keeps for the next build in one process (`warta dev`): each channel's
 * files with what they were made from, and the sitemaps' entries. While no article moved (the
 * same categories and archive), an edit remakes only the channels listing an edited article.
 */
export class FeedMemory implements SitemapMemory {
  entries = new ByPlace<Article, SitemapEntry>();
  last?: { head: SitemapEntry[]; articles: readonly SitemapEntry[]; chunks: Omit<SitemapFile, 'path'>[] };
  listed?: SitemapMemory['listed'];
  lists?: SitemapMemory['lists'];
  /** Each channel's files by its folder, with what they were made from. */
  private channels = new Map<string, { channel: string; articles: readonly Article[]; files: DataFile[] }>();
  /** The last feeds, by channel, with the site they were made for. */
  private feeds?: {
    site: Pick<Site, 'articles' | 'categories' | 'archive'>;
    config: SiteConfig;
    listed: ListedChannel[];
    files: DataFile[][];
    /** For each article (by index), the places in `listed` of the channels listing it; made on the first edit. */
    listers?: number[][];
  };
  /** The site address the entries and files were made for. */
  private baseUrl?: string;

  /** Forgets what was made for another site address. */
  at(baseUrl: string): this {
    if (this.baseUrl !== baseUrl)
      [this.entries, this.last, this.listed, this.lists, this.channels, this.feeds, this.baseUrl] = [
        new ByPlace(),
        undefined,
        undefined,
        undefined,
        new Map(),
        undefined,
        baseUrl,
      ];
    return this;
  }

  /** The files of every channel; `make` makes one channel's. */
  files(site: Site, config: SiteConfig, make: (listed: ListedChannel) => DataFile[]): DataFile[][] {
    const last = this.feeds;
    const changed: number[] = [];
    if (
      last &&
      last.config === config &&
      last.site.categories === site.categories &&
      last.site.archive === site.archive &&
      last.site.articles.length === site.articles.length
    ) {
      for (let i = 0; i < site.articles.length && changed.length <= MOST_PATCHED; i++)
        if (site.articles[i] !== last.site.articles[i]) changed.push(i);
      if (changed.length <= MOST_PATCHED) {
        const listers = (last.listers ??= listersOf(last.listed, site.articles.length));
        const files = changed.length ? last.files.slice() : last.files;
        for (const at of new Set(changed.flatMap((i) => listers[i]!))) files[at] = make(last.listed[at]!);
        this.feeds = { ...last, site, files };
        return files;
      }
    }
    const listed = channelsOf(site, config);
    const files = listed.map(make);
    this.feeds = { site, config, listed, files };
    return files;
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

/** Beyond this many edited articles, every channel is looked at again. */
const MOST_PATCHED = 32;

/** A feed's channel and the articles it lists: indices into the site's articles, newest first. */
interface ListedChannel {
  channel: Channel;
  indices: readonly number[];
}

/** Every feed's channel: the site's, each category's, each topic's and each author's, with the newest stories of each. */
function channelsOf(site: Site, config: SiteConfig): ListedChannel[] {
  const named = (name: string, url: string): Channel => ({
    title: `${name} - ${config.title}`,
    description: `${name}: ${config.tagline}`,
    page: url,
    folder: url.slice(1),
  });
  const newest = (list: readonly number[]) => list.slice(0, config.feedSize);
  const home = { title: config.title, description: config.tagline, page: '/', folder: '' };
  const listed: ListedChannel[] = [
    { channel: home, indices: Array.from({ length: Math.min(site.articles.length, config.feedSize) }, (_, i) => i) },
  ];
  for (const c of site.categories) listed.push({ channel: named(c.name, c.url), indices: newest(c.articles) });
  // One by one: an archive of many topics has more lists than a call takes arguments.
  for (const list of site.archive.topics)
    listed.push({ channel: named(list.name, list.url), indices: newest(list.articles) });
  for (const list of site.archive.authors)
    listed.push({ channel: named(list.name, list.url), indices: newest(list.articles) });
  return listed;
}

/** For each article (by index), the places in `listed` of the channels listing it. */
function listersOf(listed: readonly ListedChannel[], articles: number): number[][] {
  const listers = Array.from({ length: articles }, (): number[] => []);
  listed.forEach(({ indices }, at) => indices.forEach((i) => listers[i]!.push(at)));
  return listers;
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

/**
 * The feeds (site-wide, per category, topic and author, RSS and Atom), the sitemaps and
 * robots.txt: the surfaces machines read. Without `memory`, each channel's files are made only
 * when the last channel's were taken, so a caller that writes each file as it comes holds one
 * channel's text at a time (at 100,000 articles the feeds are 11,000 files of 180 MB).
 */
export function* feedFiles(site: Site, config: SiteConfig, memory?: FeedMemory, body?: FeedBody): Generator<DataFile> {
  memory?.at(config.baseUrl);
  const names = new Map(site.categories.map((c) => [c.slug, c.name]));
  // One item per article, whichever feeds list it.
  const items = new Map<Article, FeedItem>();
  const item = (a: Article) => {
    let made = items.get(a);
    if (!made) items.set(a, (made = feedItem(a, names.get(a.categorySlug)!, config, body)));
    return made;
  };
  const categories = JSON.stringify([...names.values()]);
  const make = ({ channel, indices }: ListedChannel) => {
    const articles = indices.map((i) => site.articles[i]!);
    const files = () => channelFiles(channel, articles, articles.map(item), config);
    return memory ? memory.channel(channel, categories, articles, files) : files();
  };
  if (memory) for (const channel of memory.files(site, config, make)) yield* channel;
  else for (const listed of channelsOf(site, config)) yield* make(listed);
  for (const file of sitemapFiles(site, config, memory)) yield { path: file.path, data: file.data };
  yield { path: 'robots.txt', data: `User-agent: *\nAllow: /\n\nSitemap: ${config.baseUrl}/sitemap.xml\n` };
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
