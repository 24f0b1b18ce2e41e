import type { Article } from '../content/article.js';
import { slugify } from '../content/slug.js';
import type { ClaimLabel } from '../errors.js';
import { compare, mostFrequent } from './categories.js';
import { formatDay, formatMonth } from '../time.js';
import { paginate, type IndexPage } from './pagination.js';

/** A link with its text, as the site model holds it. */
export interface NamedLink {
  name: string;
  url: string;
}

/** A list of stories with its index pages: a period of the calendar, a topic or an author. */
export interface Listing {
  /** What the stories have in common: `April 2025`, a topic or an author, as most often spelt. */
  name: string;
  /** Site-relative URL of its front page. */
  url: string;
  /** Indices into the site's articles, newest first. */
  articles: number[];
  /** Its index pages, front page first (see `paginate`). */
  pages: IndexPage[];
}

/** A year, month or day (in WIB) with stories. */
export interface Period extends Listing {
  level: 'year' | 'month' | 'day';
  /** Its months (of a year) or days (of a month) with stories, newest first. */
  parts: NamedLink[];
}

/** Topics or authors by name: a bounded front page and pages per initial. */
export interface NameIndex {
  /** Site-relative URL of the front page, e.g. `/topik/`. */
  url: string;
  /** The most used, most used first; at most `TOP_NAMES`. */
  top: NamedLink[];
  /** Pages of names by initial (`a`–`z`, `0` for a digit), each at most `NAMES_PER_PAGE` names, A–Z. */
  letters: { letter: string; pages: { url: string; names: NamedLink[] }[] }[];
}

/** Date, topic and author archives of the published articles. */
export interface Archive {
  /** Years, months and days, each newest first after its parent. */
  periods: Period[];
  topics: Listing[];
  authors: Listing[];
  topicIndex: NameIndex;
  authorIndex: NameIndex;
}

const TOP_NAMES = 100;
const NAMES_PER_PAGE = 300;
/** The initials of the name pages: `0` stands for every name starting with a digit. */
const INITIALS = [...'0abcdefghijklmnopqrstuvwxyz'];

/** Groups articles (newest first) by WIB year, month and day (read from their URLs), by tag and by byline. */
export function buildArchive(articles: readonly Article[], pageSize: number): Archive {
  const topics = groupBy(articles, (a) => a.tags, '/topik/', pageSize);
  const authors = groupBy(articles, (a) => a.bylines, '/penulis/', pageSize);
  return {
    periods: groupPeriods(articles, pageSize),
    topics,
    authors,
    topicIndex: nameIndex(topics, '/topik/', '/indeks-topik/'),
    authorIndex: nameIndex(authors, '/penulis/', '/indeks-penulis/'),
  };
}

/** The URL of the page of a topic or author name; undefined for a name without a letter or digit. */
export function nameUrl(base: '/topik/' | '/penulis/', name: string): string | undefined {
  const slug = slugify(name);
  return slug ? `${base}${slug}/` : undefined;
}

function groupPeriods(articles: readonly Article[], pageSize: number): Period[] {
  const periods: Period[] = [];
  const open = (url: string, level: Period['level'], name: string, parent?: Period): Period => {
    const period: Period = { name, url, level, articles: [], pages: [], parts: [] };
    periods.push(period);
    parent?.parts.push({ name, url });
    return period;
  };
  let [year, month, day] = [
    undefined as Period | undefined,
    undefined as Period | undefined,
    undefined as Period | undefined,
  ];
  articles.forEach((a, index) => {
    // Every article URL starts `/YYYY/MM/DD/` (its WIB day), and articles come newest first: a period's articles are consecutive.
    if (a.url.slice(0, 12) !== day?.url) {
      const [y, m, d] = [a.url.slice(1, 5), a.url.slice(6, 8), a.url.slice(9, 11)];
      if (`/${y}/` !== year?.url) year = open(`/${y}/`, 'year', y);
      if (`/${y}/${m}/` !== month?.url) month = open(`/${y}/${m}/`, 'month', formatMonth(+y, +m), year);
      day = open(`/${y}/${m}/${d}/`, 'day', formatDay(+y, +m, +d), month);
    }
    year!.articles.push(index);
    month!.articles.push(index);
    day.articles.push(index);
  });
  for (const p of periods) p.pages = paginate(p.url, p.articles.length, pageSize);
  return periods;
}

function groupBy(
  articles: readonly Article[],
  names: (a: Article) => readonly string[],
  base: '/topik/' | '/penulis/',
  pageSize: number,
): Listing[] {
  // By name as spelt first: one lookup per name of each article (at 100,000 articles, half a million).
  const byName = new Map<string, number[]>();
  articles.forEach((a, index) => {
    for (const name of names(a)) {
      const list = byName.get(name);
      if (list) list.push(index);
      else byName.set(name, [index]);
    }
  });
  // Then the spellings of one slug together.
  const bySlug = new Map<string, { lists: number[][]; spellings: Map<string, number> }>();
  for (const [name, indices] of byName) {
    const slug = slugify(name);
    if (!slug) continue;
    let group = bySlug.get(slug);
    if (!group) bySlug.set(slug, (group = { lists: [], spellings: new Map() }));
    group.lists.push(indices);
    group.spellings.set(name, indices.length);
  }
  return [...bySlug]
    .sort(([a], [b]) => compare(a, b))
    .map(([slug, g]) => {
      const url = `${base}${slug}/`;
      const indices = g.lists.length === 1 ? g.lists[0]! : merged(g.lists);
      return {
        name: mostFrequent(g.spellings),
        url,
        articles: indices,
        pages: paginate(url, indices.length, pageSize),
      };
    });
}

/** Ascending lists as one ascending list, each index once (an article may give two spellings of one name). */
function merged(lists: readonly number[][]): number[] {
  const all = lists.flat().sort((a, b) => a - b);
  return all.filter((index, k) => k === 0 || all[k - 1] !== index);
}

/** The front page's most used names and the pages per initial, whose size stays bounded however many names there are. */
function nameIndex(listings: readonly Listing[], url: string, lettersBase: string): NameIndex {
  const top = [...listings]
    .sort((a, b) => b.articles.length - a.articles.length || compare(a.url, b.url))
    .slice(0, TOP_NAMES)
    .map(({ name, url }) => ({ name, url }));
  // Every initial has its page, empty or not: the links between them never change.
  const byLetter = new Map<string, NamedLink[]>(INITIALS.map((letter) => [letter, []]));
  // Listings are in slug order: each initial's names come A–Z.
  for (const { name, url: link } of listings) {
    const first = link.charAt(link.indexOf('/', 1) + 1);
    byLetter.get(/[a-z]/.test(first) ? first : '0')!.push({ name, url: link });
  }
  const letters = INITIALS.map((letter) => {
    const names = byLetter.get(letter)!;
    const pages = [{ url: `${lettersBase}${letter}/`, names: names.slice(0, NAMES_PER_PAGE) }];
    for (let k = 1; k * NAMES_PER_PAGE < names.length; k++) {
      pages.push({
        url: `${lettersBase}${letter}/${k + 1}/`,
        names: names.slice(k * NAMES_PER_PAGE, (k + 1) * NAMES_PER_PAGE),
      });
    }
    return { letter, pages };
  });
  return { url, top, letters };
}

/** The Indeks page's URL. */
export const INDEKS_URL = '/indeks/';

/** Every page of the archives, with a label for collision messages. */
export function* archiveUrls(archive: Archive): Generator<{ url: string; label: ClaimLabel }> {
  yield { url: INDEKS_URL, label: { kind: 'indeks', url: INDEKS_URL } };
  for (const p of archive.periods)
    for (const page of p.pages) yield { url: page.url, label: { kind: 'period', name: p.name, url: page.url } };
  for (const [kind, list] of [
    ['topic', archive.topics],
    ['author', archive.authors],
  ] as const) {
    for (const l of list) {
      for (const page of l.pages) yield { url: page.url, label: { kind, name: l.name, url: page.url } };
      for (const feed of ['feed.xml', 'atom.xml'])
        yield { url: `${l.url}${feed}`, label: { kind, name: l.name, url: `${l.url}${feed}` } };
    }
  }
  for (const index of [archive.topicIndex, archive.authorIndex]) {
    yield { url: index.url, label: { kind: 'list', url: index.url } };
    for (const l of index.letters)
      for (const page of l.pages) yield { url: page.url, label: { kind: 'list', url: page.url } };
  }
}
