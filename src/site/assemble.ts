import type { SiteConfig } from '../config.js';
import type { Article } from '../content/article.js';
import type { ContentFile } from '../content/read.js';
import { error, type Problem } from '../errors.js';
import { groupCategories, compare, type Category } from './categories.js';
import { paginate, type IndexPage } from './pagination.js';
import { outputFile, RESERVED_FILES, RESERVED_FOLDERS } from './paths.js';

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
  /** The article it points to: an index into the site's articles, then (counting on) its withdrawn ones (see `aliasTarget`). */
  article: number;
}

/** The published site: what gets a page, and the lists that connect pages. */
export interface Site {
  /** Published articles, newest first (then by URL). */
  articles: Article[];
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
export function assembleSite(all: readonly Article[], config: SiteConfig, clock: Clock, staticFiles: readonly ContentFile[]): { site: Site; problems: Problem[] } {
  const live = all.filter((a) => !a.draft);
  const due = live.filter((a) => clock.future || a.date <= clock.now).sort(newestFirst);
  const published = due.filter((a) => !a.withdrawn);
  const waiting = live.filter((a) => !clock.future && a.date > clock.now);
  const categories = groupCategories(published, config.categories).map((c) => ({ ...c, pages: paginate(c.url, c.articles.length, config.pageSize) }));
  const news = newsWindow(published, clock.now);
  const withdrawn = due.filter((a) => a.withdrawn);
  // A withdrawn article's old addresses keep leading to its notice.
  const aliases = [...published, ...withdrawn].flatMap((a, article) => a.aliases.map((path) => ({ path, article })));
  const site: Site = {
    articles: published,
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

/** The articles (newest first) dated in the news window before `now`, as a range, and when the oldest of them leaves it. */
function newsWindow(articles: readonly Article[], now: number): { from: number; to: number; until?: number } {
  let from = 0;
  // With --future, articles dated after the clock are published but not yet news.
  while (from < articles.length && articles[from]!.date > now) from++;
  let to = from;
  while (to < articles.length && articles[to]!.date > now - NEWS_WINDOW) to++;
  return { from, to, until: to > from ? articles[to - 1]!.date + NEWS_WINDOW : undefined };
}

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

/** The article an alias points to: published, or withdrawn. */
export function aliasTarget(site: Pick<Site, 'articles' | 'withdrawn'>, alias: Alias): Article {
  const { articles, withdrawn } = site;
  return alias.article < articles.length ? articles[alias.article]! : withdrawn[alias.article - articles.length]!;
}

/** Newest first; equal times by URL, so the order never depends on file system order. */
export function newestFirst(a: Article, b: Article): number {
  return b.date - a.date || compare(a.url, b.url);
}

/** Who wants to write an output file: a label for messages and, where there is one, a source file. */
interface Claim {
  label: string;
  file?: string;
}

/** An article (published or waiting) claims its page as itself, labelled only for a message. */
type Claimant = Article | Claim;

/** Every output file's claimants: one as itself (nearly every file has one), several as a list. */
type Claims = Map<string, Claimant | Claimant[]>;

function claimOf(by: Claimant): Claim {
  return 'label' in by ? by : { label: `${by.file} (${by.url})`, file: by.file };
}

/** The claimants of an output file, as a list. */
function claimsOn(claims: Claims, output: string): Claim[] {
  const by = claims.get(output);
  return by === undefined ? [] : Array.isArray(by) ? by.map(claimOf) : [claimOf(by)];
}

/** Every output file claimed twice, by articles (published or waiting), aliases, categories or static files. */
function findCollisions(live: readonly Article[], site: Site, staticFiles: readonly ContentFile[]): Problem[] {
  const claims: Claims = new Map();
  const claim = (output: string, by: Claimant) => {
    const known = claims.get(output);
    if (known === undefined) claims.set(output, by);
    else if (Array.isArray(known)) known.push(by);
    else claims.set(output, [known, by]);
  };
  for (const a of live) claim(outputFile(a.url), a);
  for (const alias of site.aliases) {
    const { file } = aliasTarget(site, alias);
    claim(outputFile(alias.path), { label: `${file} (alias ${alias.path})`, file });
  }
  for (const c of site.categories) {
    for (const p of c.pages) claim(outputFile(p.url), { label: `category "${c.name}" (${p.url})` });
    for (const feed of ['feed.xml', 'atom.xml']) claim(`${c.slug}/${feed}`, { label: `category "${c.name}" (${c.url}${feed})` });
  }
  for (const s of staticFiles) claim(s.path, { label: `static file ${s.file}`, file: s.file });
  for (const output of RESERVED_FILES) claim(output, { label: `warta's own /${output}` });
  for (const output of claims.keys()) {
    if (RESERVED_FOLDERS.some((folder) => output.startsWith(folder))) claim(output, { label: `warta's own /${output.slice(0, output.indexOf('/') + 1)}` });
  }
  const problems: Problem[] = [];
  for (const [output, by] of claims) if (Array.isArray(by)) problems.push(collision(output, by.map(claimOf)));
  return problems.concat(folderClashes(claims));
}

/** A file claimed where another claim needs a folder of that name (`politik` beside `politik/index.html`). */
function folderClashes(claims: Claims): Problem[] {
  const problems: Problem[] = [];
  const reported = new Set<string>();
  for (const output of claims.keys()) {
    for (let slash = output.indexOf('/'); slash !== -1; slash = output.indexOf('/', slash + 1)) {
      const folder = output.slice(0, slash);
      if (!claims.has(folder) || reported.has(folder)) continue;
      reported.add(folder);
      const [file, by] = [claimsOn(claims, folder), claimsOn(claims, output)];
      problems.push(error({
        code: 'url-collision',
        file: [...file, ...by].find((b) => b.file)?.file,
        message: `/${folder} is both a file and a folder: ${file.map((b) => b.label).join(', ')} writes the file, ${by.map((b) => b.label).join(', ')} needs the folder`,
      }));
    }
  }
  return problems;
}

/** One error naming every claimant of the same output file. */
function collision(output: string, by: Claim[]): Problem {
  return error({
    code: 'url-collision',
    file: by.find((b) => b.file)?.file,
    message: `${by.length} sources would write /${output}: ${by.map((b) => b.label).join(', ')}`,
  });
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
export function reassemble(last: Assembly | undefined, all: readonly Article[], config: SiteConfig, clock: Clock, staticFiles: readonly ContentFile[]): Assembly {
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
  for (const a of all) if (!a.draft && !clock.future && a.date > clock.now && (due === undefined || a.date < due)) due = a.date;
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
function samePlaces(last: Assembly, all: readonly Article[], clock: Clock, staticFiles: readonly ContentFile[]): Map<Article, Article> | undefined {
  if (all.length !== last.all.length || clock.future !== last.clock.future || !sameFiles(staticFiles, last.staticFiles)) return undefined;
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

/** Whether two versions of an article are published alike: same file, URL, date, category, aliases, draft state, and neither withdrawn (a withdrawn one's page is planned from the site's list of them). */
function samePlace(a: Article, b: Article): boolean {
  return !a.withdrawn && !b.withdrawn && a.file === b.file && a.path === b.path && a.url === b.url && a.date === b.date && a.draft === b.draft && a.category === b.category && a.categorySlug === b.categorySlug && a.aliases.join('\n') === b.aliases.join('\n');
}

function sameFiles(a: readonly ContentFile[], b: readonly ContentFile[]): boolean {
  return a === b || (a.length === b.length && a.every((f, i) => f.path === b[i]!.path && f.file === b[i]!.file));
}
