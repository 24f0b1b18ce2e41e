import { resolve } from 'node:path';
import type { Article } from '../content/article.js';
import type { CachedSource } from '../incremental/cache.js';
import type { OpenedCache, OutputRun } from '../incremental/opened.js';
import type { OutputWriter } from '../output/writer.js';
import { indexAll, SEARCH_ENGINE } from '../exec/search-index.js';
import { searchRecords, type IndexedArticle } from '../exec/search-records.js';
import { searchLanguage } from '../render/search.js';
import { partSignature, type SearchLayout } from '../render/search-parts.js';
import { SEARCH_FOLDER } from '../site/paths.js';
import type { BuildOptions } from './options.js';
import { member, searchMode, written } from './search.js';

/** The quick path's edit, as far as search is concerned. */
export interface SearchEdit {
  /** The last build's cache, opened a chunk at a time. */
  cache: OpenedCache;
  /** The edited files' new cache entries by place, the published ones' articles by index. */
  edited: { sources: ReadonlyMap<number, CachedSource>; articles: ReadonlyMap<number, Article> };
  options: BuildOptions;
  /** Writes into the staging folder. */
  writer: OutputWriter;
}

/** What an edit did to the search index: the files written and gone, and the cache's runs of output entries and layout to save. */
export interface EditedSearch {
  changed: string[];
  gone: string[];
  runs: OutputRun[];
  layout?: SearchLayout;
}

const NOTHING: EditedSearch = Object.freeze({ changed: [], gone: [], runs: [] });

/**
 * Makes again, for the quick path, the parts of the search index holding the edited articles
 * whose signature changed, as a full build would make them; undefined when the quick path
 * cannot (a file changed again since it was parsed, a cache without the index's layout,
 * Pagefind failing): the full path then builds, and reports.
 */
export async function searchAfterEdit(input: SearchEdit): Promise<EditedSearch | undefined> {
  const { cache, options } = input;
  if (searchMode(options) === 'off') return NOTHING;
  const layout = cache.summary.search;
  if (!layout) return undefined;
  const todo = stale(layout, input);
  if (!todo) return undefined;
  if (!todo.length) return NOTHING;
  const result: EditedSearch = { changed: [], gone: [], runs: [], layout: { ...layout, parts: layout.parts.slice() } };
  const records = searchRecords(resolve(options.content), options.config);
  let failed = false;
  try {
    await indexAll(
      {
        items: todo,
        records: (t) => {
          const made = records(t.members);
          failed ||= made.problems.length > 0;
          return made.records;
        },
        done: async (t, files) => {
          const part = layout.parts[t.at]!;
          const at = filesAt(layout, t.at);
          const before = new Map(Array.from({ length: part.files }, (_, k) => cache.output(at + k)));
          const plans = await written(`${SEARCH_FOLDER}/${part.key}/`, t.sig, files, before, input.writer);
          const now = new Set(plans.map((p) => p.path));
          result.changed.push(...plans.filter((p) => before.get(p.path)?.hash !== p.hash).map((p) => p.path));
          result.gone.push(...[...before.keys()].filter((path) => !now.has(path)));
          result.runs.push({
            at,
            remove: part.files,
            entries: plans.map((p) => [p.path, { sig: p.sig, hash: p.hash }]),
          });
          result.layout!.parts[t.at] = { ...part, sig: t.sig, files: plans.length };
        },
      },
      searchLanguage(options.config.language),
      options.jobs,
    );
  } catch {
    return undefined;
  }
  return failed ? undefined : result;
}

/** A part to make again: its place in the layout, what its records are made from, and its new signature. */
interface StalePart {
  at: number;
  members: IndexedArticle[];
  sig: string;
}

/** The parts holding an edited article whose signature changed; undefined when an article is not as the cache should hold it. */
function stale(layout: SearchLayout, { cache, edited }: SearchEdit): StalePart[] | undefined {
  const places = new Set<number>();
  for (const index of edited.articles.keys()) {
    const at = layout.parts.findIndex((p) => p.first <= index && index < p.first + p.count);
    if (at < 0) return undefined;
    places.add(at);
  }
  const todo: StalePart[] = [];
  for (const at of [...places].sort((a, b) => a - b)) {
    const part = layout.parts[at]!;
    const members: IndexedArticle[] = [];
    for (let i = part.first; i < part.first + part.count; i++) {
      const place = cache.placeOf(i);
      const source = edited.sources.get(place) ?? cache.source(place)[1];
      if (!source.story) return undefined;
      members.push({
        article: edited.articles.get(i) ?? cache.article(i),
        category: source.story.category,
        source: source.parsed.digest,
      });
    }
    const sig = partSignature(SEARCH_ENGINE, part.key, members.map(member));
    if (sig !== part.sig) todo.push({ at, members, sig });
  }
  return todo;
}

/** The place among the output files of a part's first file: after the search page, the bundle's files and the parts before it. */
function filesAt(layout: SearchLayout, at: number): number {
  let place = layout.start + 1 + layout.bundle;
  for (let k = 0; k < at; k++) place += layout.parts[k]!.files;
  return place;
}
