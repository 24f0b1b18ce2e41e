import type { SiteConfig } from '../config.js';
import type { Article } from '../content/article.js';
import type { ContentFile } from '../content/read.js';
import { error, type Problem } from '../errors.js';
import { groupCategories, compare, type Category } from './categories.js';
import { archiveUrls, buildArchive, type Archive } from './archive.js';
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
  /** Index of the article it points to. */
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
  /** Articles dated after the clock, not published. */
  heldBack: number;
  /** When the earliest held-back article falls due, epoch milliseconds. */
  nextDue?: number;
  /** Articles marked as drafts. */
  drafts: number;
}

/** Chooses what is published, orders it and groups it; reports URL collisions. */
export function assembleSite(all: readonly Article[], config: SiteConfig, clock: Clock, staticFiles: readonly ContentFile[]): { site: Site; problems: Problem[] } {
  const live = all.filter((a) => !a.draft);
  const pages = live.filter((a) => a.page).sort((a, b) => compare(a.url, b.url));
  const news = live.filter((a) => !a.page);
  const published = news.filter((a) => clock.future || a.date <= clock.now).sort(newestFirst);
  const waiting = news.filter((a) => !clock.future && a.date > clock.now);
  const categories = groupCategories(published, config.categories).map((c) => ({ ...c, pages: paginate(c.url, c.articles.length, config.pageSize) }));
  const aliases = published.flatMap((a, article) => a.aliases.map((path) => ({ path, article })));
  const site: Site = {
    articles: published,
    pages,
    archive: buildArchive(published, config.pageSize),
    categories,
    aliases,
    heldBack: waiting.length,
    nextDue: waiting.length ? Math.min(...waiting.map((a) => a.date)) : undefined,
    drafts: all.length - live.length,
  };
  return { site, problems: findCollisions(live, site, staticFiles) };
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
    const { file } = site.articles[alias.article]!;
    claim(outputFile(alias.path), { label: `${file} (alias ${alias.path})`, file });
  }
  for (const c of site.categories) for (const p of c.pages) claim(outputFile(p.url), { label: `category "${c.name}" (${p.url})` });
  for (const { url, label } of archiveUrls(site.archive)) claim(outputFile(url), { label });
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
  return { all, clock, staticFiles, site: { ...last.site, articles }, problems: last.problems };
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

/** Whether two versions of an article are published alike: same file, URL, date, category, aliases, draft state, tags and bylines. */
function samePlace(a: Article, b: Article): boolean {
  // A static page is listed by its title (and in no other list): any edit of one assembles again.
  if (a.page || b.page) return false;
  return a.file === b.file && a.path === b.path && a.url === b.url && a.date === b.date && a.draft === b.draft && a.category === b.category && a.categorySlug === b.categorySlug && a.aliases.join('\n') === b.aliases.join('\n') && a.tags.join('\n') === b.tags.join('\n') && a.bylines.join('\n') === b.bylines.join('\n');
}

function sameFiles(a: readonly ContentFile[], b: readonly ContentFile[]): boolean {
  return a === b || (a.length === b.length && a.every((f, i) => f.path === b[i]!.path && f.file === b[i]!.file));
}
