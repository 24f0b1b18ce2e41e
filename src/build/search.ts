import { error, type Problem } from '../errors.js';
import type { CachedOutput } from '../incremental/cache.js';
import type { OutputWriter } from '../output/writer.js';
import { indexAll, indexBundle, SEARCH_ENGINE, type IndexFile } from '../exec/search-index.js';
import { searchRecords, type IndexedArticle } from '../exec/search-records.js';
import type { PagePlan } from '../render/plan.js';
import type { PageView } from '../render/views.js';
import { searchLanguage, searchPage } from '../render/search.js';
import {
  partSignature,
  searchParts,
  type PartMember,
  type SearchLayout,
  type SearchPart,
} from '../render/search-parts.js';
import type { Site } from '../site/assemble.js';
import { outputFile, SEARCH_FOLDER, SEARCH_URL } from '../site/paths.js';
import { digest } from '../util/digest.js';
import { inProcess, type BuildOptions } from './options.js';

/**
 * The search index of a build (see render/search-parts.ts for its parts): each part Pagefind
 * makes is written at once (an archive's index held in memory until the pages are written
 * would cost hundreds of megabytes), and a part whose signature the last build's entry file
 * carries is kept as that build left it, its files planned under their cached signatures.
 */

/** Whether a build makes the index (`make`), shows the search page without one (`skip`: `warta dev`, `warta check`) or has no search (`off`). */
export type SearchMode = 'make' | 'skip' | 'off';

/** What a build does about search. */
export function searchMode(options: BuildOptions): SearchMode {
  if (!options.config.search) return 'off';
  return inProcess(options) || options.keepGoing ? 'skip' : 'make';
}

/** What planning the search needs of a full build. */
export interface SearchInput {
  site: Site;
  options: BuildOptions;
  /** The content folder. */
  root: string;
  /** Digest of an article file's bytes, by content path. */
  source: (path: string) => string | undefined;
  /** The last build's output files, when the build goes on from a cache. */
  cached?: ReadonlyMap<string, CachedOutput>;
  writer: OutputWriter;
  /** Signs the search page as planPages signs a page: its template's digest and the site view's. */
  sign: (template: string, page: PageView) => string;
  /** The place in the plan of the first search file. */
  start: number;
}

/** The search page and the index's files, planned (the index's written), and where they stand for the next build. */
export interface PlannedSearch {
  plans: PagePlan[];
  layout?: SearchLayout;
  /** How many parts Pagefind made (the others were kept). */
  indexed?: number;
  problems: Problem[];
}

const BUNDLE = `${SEARCH_FOLDER}/`;
const ENTRY = 'pagefind-entry.json';

/** The search page and, in `make` mode, the search index: the parts whose signature changed are made again. */
export async function planSearch(input: SearchInput): Promise<PlannedSearch> {
  const { site, options } = input;
  const mode = searchMode(options);
  if (mode === 'off') return { plans: [], problems: [] };
  const page = (parts: readonly string[]): PagePlan => {
    const view = searchPage(site, parts, mode === 'make');
    return {
      kind: 'page',
      path: outputFile(SEARCH_URL),
      template: 'cari.njk',
      page: view,
      sig: input.sign('cari.njk', view),
    };
  };
  if (mode === 'skip') return { plans: [page([])], problems: [] };
  const names = new Map(site.categories.map((c) => [c.slug, c.name]));
  const signed = searchParts(site.articles.map((a) => a.date)).map((part) => {
    const members = site.articles.slice(part.first, part.first + part.count).map((article) => ({
      article,
      category: names.get(article.categorySlug)!,
      source: input.source(article.path)!,
    }));
    return { ...part, members, sig: partSignature(SEARCH_ENGINE, part.key, members.map(member)) };
  });
  const made = await makeIndex(signed, input);
  const files = signed.map((p) => made.parts.get(p.key)!);
  const keys = signed.map((p) => p.key);
  const plans = [page(keys), ...made.bundle, ...files.flat()];
  const layout: SearchLayout = {
    start: input.start,
    bundle: made.bundle.length,
    parts: signed.map(({ key, first, count, sig }, k) => ({ key, first, count, sig, files: files[k]!.length })),
  };
  return { plans, layout, indexed: made.indexed, problems: made.problems };
}

/** What a part's signature covers of an article. */
export function member({ article, category, source }: IndexedArticle): PartMember {
  return { path: article.path, source, category };
}

/** A part with what its records are made from and its signature. */
type SignedPart = SearchPart & { members: IndexedArticle[]; sig: string };

/** The bundle's and each part's files: kept from the cache where its signature stands, else made and written. */
async function makeIndex(
  parts: readonly SignedPart[],
  input: SearchInput,
): Promise<{ bundle: PagePlan[]; parts: Map<string, PagePlan[]>; indexed: number; problems: Problem[] }> {
  const { cached, writer, options } = input;
  const kept = cachedFiles(cached);
  const language = searchLanguage(options.config.language);
  const bundleSig = digest('search-bundle', SEARCH_ENGINE, language);
  const out = new Map<string, PagePlan[]>();
  const todo: SignedPart[] = [];
  for (const part of parts) {
    const files = kept.get(part.key);
    if (files && cached!.get(`${BUNDLE}${part.key}/${ENTRY}`)?.sig === part.sig) out.set(part.key, files);
    else todo.push(part);
  }
  const problems: Problem[] = [];
  const records = searchRecords(input.root, options.config);
  try {
    const bundle =
      kept.get('') && cached!.get(`${BUNDLE}${ENTRY}`)?.sig === bundleSig
        ? kept.get('')!
        : await written(BUNDLE, bundleSig, await indexBundle(language), cached, writer);
    await indexAll(
      {
        items: todo,
        records: (part) => {
          const made = records(part.members);
          problems.push(...made.problems);
          return made.records;
        },
        done: async (part, files) => {
          out.set(part.key, await written(`${BUNDLE}${part.key}/`, part.sig, files, cached, writer));
          options.progress?.('search', out.size - (parts.length - todo.length), todo.length);
        },
      },
      language,
      options.jobs,
    );
    return { bundle, parts: out, indexed: todo.length, problems };
  } catch (e) {
    return { bundle: [], parts: new Map(parts.map((p) => [p.key, []])), indexed: 0, problems: [searchFailed(e)] };
  }
}

/** The error of an index Pagefind could not make. */
function searchFailed(e: unknown): Problem {
  return error({ code: 'search-index', params: { detail: e instanceof Error ? e.message : String(e) } });
}

/**
 * The plans of an index's files under `folder`, writing those the output does not hold as they
 * are: each signed by the digest of its bytes (Pagefind names most files by their content, so
 * a part made again writes only what changed), but its entry file by the signature of what
 * the index was made from, which tells the next build whether the index stands.
 */
export async function written(
  folder: string,
  sig: string,
  files: readonly IndexFile[],
  cached: ReadonlyMap<string, CachedOutput> | undefined,
  writer: OutputWriter,
): Promise<(PagePlan & { kind: 'search' })[]> {
  const plans: (PagePlan & { kind: 'search' })[] = [];
  for (const f of files) {
    const path = folder + f.path;
    const hash = digest(f.data);
    const plan = { kind: 'search' as const, path, sig: f.path === ENTRY ? sig : hash, hash };
    if (cached?.get(path)?.sig !== plan.sig) await writer.write(path, f.data);
    plans.push(plan);
  }
  return plans;
}

/** The search files of the last build, by part key ('' for the bundle), each planned under its cached signature. */
function cachedFiles(cached: ReadonlyMap<string, CachedOutput> | undefined): Map<string, PagePlan[]> {
  const byPart = new Map<string, PagePlan[]>();
  if (!cached) return byPart;
  for (const [path, entry] of cached) {
    if (!path.startsWith(BUNDLE)) continue;
    const rest = path.slice(BUNDLE.length);
    // Parts' folders are named by dates; the bundle's own folders (index/, fragment/) by words.
    const key = /^\d/.test(rest) ? rest.slice(0, rest.indexOf('/')) : '';
    const files = byPart.get(key) ?? [];
    files.push({ kind: 'search', path, sig: entry.sig, hash: entry.hash });
    byPart.set(key, files);
  }
  for (const files of byPart.values()) files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return byPart;
}
