import type { SiteConfig } from '../config.js';
import type { Article } from '../content/article.js';
import type { ContentFile } from '../content/read.js';
import type { Problem } from '../errors.js';
import { groupCategories, compare, type Category } from './categories.js';
import { aliasTarget } from './alias-target.js';
import { buildArchive, type Archive } from './archive.js';
import { findCollisions } from './collisions.js';
import { paginate, type IndexPage } from './pagination.js';

export { aliasTarget };

/** When the build happens: articles dated after `now` wait, unless `future` publishes them. */
export interface Clock {
  /** The build's clock, epoch milliseconds. */
  now: number;
  /** Publish articles dated after `now` too. */
  future: boolean;
}

/** A category with its index pages planned. */
export interface SiteCategory extends Category {
  /** Its index pages, front page first. */
  pages: IndexPage[];
}

/** An old URL that redirects to an article. */
export interface Alias {
  /** The old URL path. */
  path: string;
  /** The article it points to: an index into the site's articles, then (counting on) its withdrawn ones, then its static pages (see `aliasTarget`). */
  article: number;
}

/** The published site: what gets a page, and the lists that connect pages. */
export interface Site {
  /** Published articles, newest first (then by URL). */
  articles: Article[];
  /** Published static pages, by URL: in no list of news. */
  pages: Article[];
  /** Date, topic and author archives. */
  archive: Archive;
  /** Categories in navigation order. */
  categories: SiteCategory[];
  /** Redirects from old URLs. */
  aliases: Alias[];
  /** Withdrawn articles, newest first: each keeps a page with its notice, and is in no list, feed or sitemap. */
  withdrawn: Article[];
  /** Articles dated after the clock, not published. */
  heldBack: number;
  /** When the site next changes by the clock alone (a held-back article falls due, or a story leaves the news sitemap), epoch milliseconds. */
  nextDue?: number;
  /** The articles of the news sitemap: `site.articles` from `from` up to `to`, those dated in the `NEWS_WINDOW` before the clock. */
  news: { from: number; to: number };
  /** Articles marked as drafts. */
  drafts: number;
}

/** Chooses what is published, orders it and groups it; reports URL collisions. */
export function assembleSite(
  all: readonly Article[],
  config: SiteConfig,
  clock: Clock,
  staticFiles: readonly ContentFile[],
): { site: Site; problems: Problem[] } {
  const live = all.filter((a) => !a.draft);
  const pages = live.filter((a) => a.page).sort((a, b) => compare(a.url, b.url));
  const stories = live.filter((a) => !a.page);
  const due = stories.filter((a) => clock.future || a.date <= clock.now).sort(newestFirst);
  const published = due.filter((a) => !a.withdrawn);
  const waiting = stories.filter((a) => !clock.future && a.date > clock.now);
  const categories = groupCategories(published, config.categories).map((c) => ({
    ...c,
    pages: paginate(c.url, c.articles.length, config.pageSize),
  }));
  const news = newsWindow(published, clock.now);
  const withdrawn = due.filter((a) => a.withdrawn);
  // A withdrawn article's old addresses keep leading to its notice; a static page's, to the page.
  const aliases = [...published, ...withdrawn, ...pages].flatMap((a, article) =>
    a.aliases.map((path) => ({ path, article })),
  );
  const site: Site = {
    articles: published,
    pages,
    archive: buildArchive(published, config.pageSize),
    categories,
    aliases,
    withdrawn,
    heldBack: waiting.length,
    nextDue: earliest(nextEmbargo(live, clock), news.until),
    news: { from: news.from, to: news.to },
    drafts: all.length - live.length,
  };
  return { site, problems: findCollisions(live, site, staticFiles) };
}

/** How long a story stays in the news sitemap: Google News takes the articles of the last two days. */
export const NEWS_WINDOW = 48 * 3_600_000;

/**
 * The articles (newest first) dated in the news window before `now`, as a range, and when the
 * window next changes: the oldest of them leaves it, or (with --future) the next article dated
 * after the clock enters it.
 */
function newsWindow(articles: readonly Article[], now: number): { from: number; to: number; until?: number } {
  let from = 0;
  // With --future, articles dated after the clock are published but not yet news.
  while (from < articles.length && articles[from]!.date > now) from++;
  let to = from;
  while (to < articles.length && articles[to]!.date > now - NEWS_WINDOW) to++;
  const leaves = to > from ? articles[to - 1]!.date + NEWS_WINDOW : undefined;
  return { from, to, until: earliest(leaves, from > 0 ? articles[from - 1]!.date : undefined) };
}

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

/** The article an alias points to: published, or withdrawn. */

/** Newest first; equal times by URL, so the order never depends on file system order. */
export function newestFirst(a: Article, b: Article): number {
  return b.date - a.date || compare(a.url, b.url);
}

/** An assembly and what it was made from, for `reassemble`. */
export interface Assembly {
  all: readonly Article[];
  clock: Clock;
  staticFiles: readonly ContentFile[];
  site: Site;
  problems: Problem[];
}

/**
 * `assembleSite` again, given the last assembly of the same config: when the edits since
 * touched only what articles say (bodies, titles, tags), not what decides whether, where and
 * in which order they are published, the last site holds with the new article objects put in.
 * That spares sorting, grouping and collision checks over the whole archive in `warta dev`.
 */
export function reassemble(
  last: Assembly | undefined,
  all: readonly Article[],
  config: SiteConfig,
  clock: Clock,
  staticFiles: readonly ContentFile[],
): Assembly {
  const swapped = last && samePlaces(last, all, clock, staticFiles);
  if (!swapped) return { all, clock, staticFiles, ...assembleSite(all, config, clock, staticFiles) };
  const articles = swapped.size ? swapIn(last.site.articles, swapped) : last.site.articles;
  const site = { ...last.site, articles };
  if (clock.now !== last.clock.now) {
    // The same articles, and none fell due: only the news window moved.
    const news = newsWindow(articles, clock.now);
    const waiting = last.site.heldBack ? nextEmbargo(all, clock) : undefined;
    Object.assign(site, { news: { from: news.from, to: news.to }, nextDue: earliest(waiting, news.until) });
  }
  return { all, clock, staticFiles, site, problems: last.problems };
}

/** When the earliest article held back at this clock falls due. */
function nextEmbargo(all: readonly Article[], clock: Clock): number | undefined {
  let due: number | undefined;
  for (const a of all)
    if (!a.draft && !clock.future && a.date > clock.now && (due === undefined || a.date < due)) due = a.date;
  return due;
}

/**
 * The list with the swapped articles put in. An edit swaps a few: each is found by a scan of
 * references, cheaper than a lookup per article; many are looked up.
 */
function swapIn(articles: readonly Article[], swapped: ReadonlyMap<Article, Article>): Article[] {
  if (swapped.size > 16) return articles.map((a) => swapped.get(a) ?? a);
  const next = articles.slice();
  for (const [before, now] of swapped) {
    const at = next.indexOf(before);
    if (at !== -1) next[at] = now;
  }
  return next;
}

/** The articles that changed since the last assembly, old to new, when none moved; undefined when any did. */
function samePlaces(
  last: Assembly,
  all: readonly Article[],
  clock: Clock,
  staticFiles: readonly ContentFile[],
): Map<Article, Article> | undefined {
  if (all.length !== last.all.length || clock.future !== last.clock.future || !sameFiles(staticFiles, last.staticFiles))
    return undefined;
  const [from, to] = [Math.min(clock.now, last.clock.now), Math.max(clock.now, last.clock.now)];
  const swapped = new Map<Article, Article>();
  const ticked = !clock.future && from < to;
  for (let i = 0; i < all.length; i++) {
    const before = last.all[i]!;
    const now = all[i]!;
    // An article falling due between the two clocks is published now.
    if (ticked && now.date > from && now.date <= to) return undefined;
    if (before === now) continue;
    if (!samePlace(before, now)) return undefined;
    swapped.set(before, now);
  }
  return swapped;
}

/** Whether two versions of an article are published alike: same file, URL, date, category, aliases, draft state, tags and bylines, and neither withdrawn (a withdrawn one's page is planned from the site's list of them). */
function samePlace(a: Article, b: Article): boolean {
  // A static page is listed by its title (and in no other list): any edit of one assembles again.
  if (a.page || b.page) return false;
  return (
    !a.withdrawn &&
    !b.withdrawn &&
    a.file === b.file &&
    a.path === b.path &&
    a.url === b.url &&
    a.date === b.date &&
    a.draft === b.draft &&
    a.category === b.category &&
    a.categorySlug === b.categorySlug &&
    a.aliases.join('\n') === b.aliases.join('\n') &&
    a.tags.join('\n') === b.tags.join('\n') &&
    a.bylines.join('\n') === b.bylines.join('\n')
  );
}

function sameFiles(a: readonly ContentFile[], b: readonly ContentFile[]): boolean {
  return a === b || (a.length === b.length && a.every((f, i) => f.path === b[i]!.path && f.file === b[i]!.file));
}
