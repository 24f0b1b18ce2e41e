import type { Article } from '../content/article.js';
import type { Site } from '../site/assemble.js';
import { SEARCH_FOLDER, SEARCH_URL } from '../site/paths.js';
import { formatLong } from '../time.js';
import { partMonths } from './search-parts.js';
import { jsonForScript } from './viewmodel.js';
import type { SearchPageView } from './views.js';

/**
 * What the search index holds of one article, as Pagefind takes it (`addCustomRecord`): the
 * text it searches, what a result shows, and the filters a reader narrows by.
 */
export interface SearchRecord {
  /** The article's site-relative URL. */
  url: string;
  /** Headline (ended with a full stop) and body as plain text. */
  content: string;
  /** Pagefind's language code, from the config's. */
  language: string;
  /** What a result shows: headline, category and WIB date. */
  meta: { title: string; kategori: string; tanggal: string };
  /** Category, WIB year (`2025`) and WIB month (`2025-04`). */
  filters: { kategori: string[]; tahun: string[]; bulan: string[] };
  /** The order results are shown in, newest first: the publication time in UTC (`2025-04-02T08:22:12.000Z`, which sorts as text). The bundle's own record has none. */
  sort?: { tanggal: string };
}

/** The record of a published article; `category` is its category's display name, `text` its body as plain text (see `searchText`). */
export function searchRecord(
  article: Pick<Article, 'title' | 'url' | 'date'>,
  category: string,
  text: string,
  language: string,
): SearchRecord {
  // An article URL starts with its WIB day: `/2025/04/02/`.
  const [year, month] = [article.url.slice(1, 5), article.url.slice(6, 8)];
  return {
    url: article.url,
    // Pagefind runs the text into one line: a full stop keeps the headline from running into the body in excerpts.
    content: `${article.title}${/[.!?…]$/.test(article.title) ? '' : '.'}\n${text}`,
    language: searchLanguage(language),
    meta: { title: article.title, kategori: category, tanggal: formatLong(article.date) },
    filters: { kategori: [category], tahun: [year], bulan: [`${year}-${month}`] },
    sort: { tanggal: new Date(article.date).toISOString() },
  };
}

/** Pagefind's language code for a page language tag: its primary subtag (`id`, `en` of `en-GB`). */
export function searchLanguage(language: string): string {
  return language.split('-')[0]!.toLowerCase();
}

/**
 * The search page. `parts`: the keys of the index's parts, oldest first, which the page
 * searches newest first, a few at a time; `built`: whether this build made the index (`warta
 * dev` does not).
 */
export function searchPage(site: Site, parts: readonly string[], built: boolean): SearchPageView {
  const months = site.archive.periods.filter((p) => p.level === 'month');
  return {
    kind: 'search',
    title: 'Cari Berita',
    url: SEARCH_URL,
    built,
    categories: site.categories.map((c) => c.name),
    years: site.archive.periods.filter((p) => p.level === 'year').map((p) => p.name),
    months: months.map((p) => ({ name: p.name, value: `${p.url.slice(1, 5)}-${p.url.slice(6, 8)}` })),
    index: jsonForScript({
      bundle: `/${SEARCH_FOLDER}/`,
      parts: [...parts].reverse().map((key) => ({ key, ...partMonths(key) })),
    }),
  };
}
