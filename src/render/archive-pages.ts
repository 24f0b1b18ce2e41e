import { INDEKS_URL, type Archive, type Listing, type NameIndex, type Period } from '../site/archive.js';
import { outputFile } from '../site/paths.js';
import { listedPages } from './listed.js';
import { feedUrls } from './viewmodel.js';
import type { IndeksPageView, ListPageView, NamesPageView, StoryView, TemplatePage } from './views.js';

/** The pages of the date, topic and author archives, the Indeks page and the lists of topics and authors. */
export function archivePages(archive: Archive, stories: readonly StoryView[], memory?: ArchiveMemory): TemplatePage[] {
  return memory ? memory.pages(archive, stories) : allPages(archive, stories).pages;
}

/** Where each list's pages stand among the archive pages. */
type Spans = Map<Listing, { at: number; kind: ListPageView['kind'] }>;

function allPages(archive: Archive, stories: readonly StoryView[]): { pages: TemplatePage[]; spans: Spans } {
  const pages: TemplatePage[] = [
    { path: outputFile(INDEKS_URL), template: 'indeks.njk', page: indeksPage(archive.periods) },
  ];
  const spans: Spans = new Map();
  for (const period of archive.periods)
    (spans.set(period, { at: pages.length, kind: 'date' }), pages.push(...listed(period, 'date', stories)));
  for (const [kind, lists] of [
    ['topic', archive.topics],
    ['author', archive.authors],
  ] as const) {
    for (const list of lists) (spans.set(list, { at: pages.length, kind }), pages.push(...listed(list, kind, stories)));
  }
  pages.push(...namePages(archive.topicIndex, 'Topik'), ...namePages(archive.authorIndex, 'Penulis'));
  return { pages, spans };
}

/** A list's pages; a period's front page names its parts (only the front page: a new day changes one page of its month, not all). */
function listed(list: Listing | Period, kind: ListPageView['kind'], stories: readonly StoryView[]): TemplatePage[] {
  const parts = 'parts' in list && list.parts.length ? list.parts : undefined;
  // A topic's or an author's stories have feeds of their own, linked from every page of the list.
  const feeds = kind === 'date' ? undefined : feedUrls(list.url);
  return listedPages(kind, list.name, list, stories).map(({ page, stories: listed }, k) => ({
    path: outputFile(page.url),
    template: 'category.njk',
    page: { ...page, ...(k === 0 && parts && { parts }), ...(feeds && { feeds }) },
    stories: listed,
  }));
}

/** Beyond this many stories listed otherwise, every archive page is made afresh. */
const MOST_CHANGED = 64;

/**
 * What making the archive pages keeps for the next build in one process (`warta dev`): while
 * the archive is the same object (no article moved), only the lists holding a story listed
 * otherwise (a new story object) are made again; at 100,000 articles there are tens of
 * thousands of archive pages.
 */
export class ArchiveMemory {
  private last?: { archive: Archive; stories: readonly StoryView[]; pages: TemplatePage[]; spans: Spans };

  pages(archive: Archive, stories: readonly StoryView[]): TemplatePage[] {
    const last = this.last;
    const changed: number[] = [];
    if (last?.archive === archive && last.stories.length === stories.length) {
      for (let i = 0; i < stories.length && changed.length <= MOST_CHANGED; i++)
        if (stories[i] !== last.stories[i]) changed.push(i);
    }
    if (!last || last.archive !== archive || changed.length > MOST_CHANGED) {
      this.last = { archive, stories, ...allPages(archive, stories) };
      return this.last.pages;
    }
    const pages = changed.length ? last.pages.slice() : last.pages;
    for (const [list, { at, kind }] of last.spans) {
      if (!changed.some((i) => holds(list.articles, i))) continue;
      listed(list, kind, stories).forEach((page, k) => (pages[at + k] = page));
    }
    this.last = { ...last, stories, pages };
    return pages;
  }
}

/** Whether a list of indices, newest first (ascending), holds an index. */
function holds(indices: readonly number[], index: number): boolean {
  let [lo, hi] = [0, indices.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (indices[mid]! < index) lo = mid + 1;
    else hi = mid;
  }
  return indices[lo] === index;
}

/** Every month by year, newest first, and the days of the newest month: a date picker of links. */
function indeksPage(periods: readonly Period[]): IndeksPageView {
  const byUrl = new Map(periods.map((p) => [p.url, p]));
  const years = periods.filter((p) => p.level === 'year').map((y) => ({ name: y.name, url: y.url, months: y.parts }));
  const month = years[0] && byUrl.get(years[0].months[0]!.url);
  return {
    kind: 'indeks',
    title: 'Indeks Berita',
    url: INDEKS_URL,
    years,
    latest: month && { name: month.name, url: month.url, days: month.parts },
  };
}

/** The front page of a name index (the most used names) and the pages per initial. */
function namePages(index: NameIndex, title: string): TemplatePage[] {
  const letters = index.letters.map((l) => ({
    name: l.letter === '0' ? '0–9' : l.letter.toUpperCase(),
    url: l.pages[0]!.url,
  }));
  const page = (view: NamesPageView): TemplatePage => ({
    path: outputFile(view.url),
    template: 'names.njk',
    page: view,
  });
  const pages = [page({ kind: 'names', title, url: index.url, names: index.top, letters })];
  for (const l of index.letters) {
    l.pages.forEach((p, k) => {
      const pageLinks =
        l.pages.length > 1 ? l.pages.map((q, j) => ({ name: String(j + 1), url: q.url, current: j === k })) : undefined;
      const name = letters.find((x) => x.url === l.pages[0]!.url)!.name;
      pages.push(page({ kind: 'names', title: `${title}: ${name}`, url: p.url, names: p.names, letters, pageLinks }));
    });
  }
  return pages;
}
