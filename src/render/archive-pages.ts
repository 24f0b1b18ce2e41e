import { INDEKS_URL, type Archive, type NameIndex, type Period } from '../site/archive.js';
import { outputFile } from '../site/paths.js';
import type { TemplatePage } from './list-pages.js';
import { listedPages } from './listed.js';
import type { IndeksPageView, NamesPageView, StoryView } from './views.js';

/** The pages of the date, topic and author archives, the Indeks page and the lists of topics and authors. */
export function archivePages(archive: Archive, stories: readonly StoryView[]): TemplatePage[] {
  const pages: TemplatePage[] = [{ path: outputFile(INDEKS_URL), template: 'indeks.njk', page: indeksPage(archive.periods) }];
  for (const period of archive.periods) {
    listedPages('date', period.name, period, stories).forEach((page, k) => {
      // Only the front page names the parts: a new day changes one page of its month, not all.
      pages.push({ path: outputFile(page.url), template: 'category.njk', page: k === 0 && period.parts.length ? { ...page, parts: period.parts } : page });
    });
  }
  for (const [kind, lists] of [['topic', archive.topics], ['author', archive.authors]] as const) {
    for (const list of lists) for (const page of listedPages(kind, list.name, list, stories)) pages.push({ path: outputFile(page.url), template: 'category.njk', page });
  }
  pages.push(...namePages(archive.topicIndex, 'Topik'), ...namePages(archive.authorIndex, 'Penulis'));
  return pages;
}

/** Every month by year, newest first, and the days of the newest month: a date picker of links. */
function indeksPage(periods: readonly Period[]): IndeksPageView {
  const byUrl = new Map(periods.map((p) => [p.url, p]));
  const years = periods.filter((p) => p.level === 'year').map((y) => ({ name: y.name, url: y.url, months: y.parts }));
  const month = years[0] && byUrl.get(years[0].months[0]!.url);
  return { kind: 'indeks', title: 'Indeks Berita', url: INDEKS_URL, years, latest: month && { name: month.name, url: month.url, days: month.parts } };
}

/** The front page of a name index (the most used names) and the pages per initial. */
function namePages(index: NameIndex, title: string): TemplatePage[] {
  const letters = index.letters.map((l) => ({ name: l.letter === '0' ? '0–9' : l.letter.toUpperCase(), url: l.pages[0]!.url }));
  const page = (view: NamesPageView): TemplatePage => ({ path: outputFile(view.url), template: 'names.njk', page: view });
  const pages = [page({ kind: 'names', title, url: index.url, names: index.top, letters })];
  for (const l of index.letters) {
    l.pages.forEach((p, k) => {
      const pageLinks = l.pages.length > 1 ? l.pages.map((q, j) => ({ name: String(j + 1), url: q.url, current: j === k })) : undefined;
      const name = letters.find((x) => x.url === l.pages[0]!.url)!.name;
      pages.push(page({ kind: 'names', title: `${title}: ${name}`, url: p.url, names: p.names, letters, pageLinks }));
    });
  }
  return pages;
}
