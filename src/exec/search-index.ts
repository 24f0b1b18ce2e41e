// The only module that loads Pagefind, which indexes the search parts (see render/search-parts.ts).

import { readFileSync } from 'node:fs';
import type { SearchRecord } from '../render/search.js';
import { SEARCH_URL } from '../site/paths.js';

type Pagefind = typeof import('pagefind');

/** One file of an index Pagefind made: its path in the index's folder and its bytes. */
export interface IndexFile {
  path: string;
  data: Uint8Array;
}

const MODULE = import.meta.resolve('pagefind');

/** The Pagefind that makes the index: its version, which every part's signature covers. */
export const SEARCH_ENGINE = `pagefind ${(JSON.parse(readFileSync(new URL('../package.json', MODULE), 'utf8')) as { version: string }).version}`;

/**
 * The record of the bundle's own index: Pagefind's script starts from an index and loads its
 * language's WebAssembly from there, and merges the parts into it. One made-up word, so that
 * Pagefind writes the index; the search page lists only the parts' articles (each part's
 * carries the filter `bagian`), never this record.
 */
function bundleRecord(language: string): SearchRecord {
  return {
    url: SEARCH_URL,
    content: 'wartakosong',
    language,
    meta: { title: '', kategori: '', tanggal: '' },
    filters: { kategori: [], tahun: [], bulan: [] },
  };
}

/** Files of Pagefind's bundle a part needs, or (`bundle`) the bundle needs: never its own search interfaces. */
function kept(path: string, bundle: boolean): boolean {
  if (/^(?:index|fragment|filter)\/|^pagefind-entry\.json$|^pagefind\.[^/]+\.pf_meta$/.test(path)) return true;
  return bundle && /^(?:pagefind\.js|pagefind-worker\.js|wasm\.[^/]+\.pagefind)$/.test(path);
}

/** What to index: an item's records, made when a Pagefind process is free for it, and what to do with its files. */
export interface IndexJobs<T> {
  items: readonly T[];
  records: (item: T) => readonly SearchRecord[];
  done: (item: T, files: IndexFile[]) => Promise<void>;
}

/**
 * Copies of Pagefind's module not in use. Pagefind runs one process per loaded copy of its
 * module, and a build takes copies for its own use alone (two builds in one process must not
 * share one: the first to finish would stop the other's process), stopping their processes
 * when it gives them back.
 */
const idle: Pagefind[] = [];
let copies = 0;

/** Runs `work` with a copy of Pagefind's module of its own, stopping its process afterwards. */
async function withPagefind<R>(work: (pagefind: Pagefind) => Promise<R>): Promise<R> {
  const pagefind = idle.pop() ?? ((await import(`${MODULE}?copy=${copies++}`)) as Pagefind);
  try {
    return await work(pagefind);
  } finally {
    await pagefind.close();
    idle.push(pagefind);
  }
}

/**
 * Makes Pagefind indexes on `processes` Pagefind processes at once (each indexes one at a
 * time, on one core), giving each item's files, sorted by path, to `done`; the items' records
 * are made one item at a time per process, so an archive's text is never all in memory. Every
 * process has stopped, and every `done` has returned, before this returns or throws (the first
 * failure stops the others taking more items).
 */
export async function indexAll<T>(jobs: IndexJobs<T>, language: string, processes: number): Promise<void> {
  let next = 0;
  let failed = false;
  const lanes = Array.from({ length: Math.min(Math.max(1, processes), jobs.items.length) }, () =>
    withPagefind(async (pagefind) => {
      while (!failed && next < jobs.items.length) {
        const item = jobs.items[next++]!;
        await jobs.done(item, await indexOnce(pagefind, jobs.records(item), language, false));
      }
    }).catch((e: unknown) => {
      failed = true;
      throw e;
    }),
  );
  const settled = await Promise.allSettled(lanes);
  for (const s of settled) if (s.status === 'rejected') throw s.reason;
}

/** The bundle: Pagefind's script and WebAssembly, and the index they start from. */
export function indexBundle(language: string): Promise<IndexFile[]> {
  return withPagefind((pagefind) => indexOnce(pagefind, [bundleRecord(language)], language, true));
}

/** One index of these records, its files sorted by path (Pagefind gives them in no fixed order; their bytes are the same run after run). */
async function indexOnce(
  pagefind: Pagefind,
  records: readonly SearchRecord[],
  language: string,
  bundle: boolean,
): Promise<IndexFile[]> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
  if (!index) throw new Error(errors.join('; '));
  try {
    // Sent one after another without waiting: the records keep their order on the way.
    const added = await Promise.all(records.map((r) => index.addCustomRecord(r)));
    const failed = added.flatMap((a) => a.errors);
    if (failed.length) throw new Error(failed.join('; '));
    const made = await index.getFiles();
    if (made.errors.length) throw new Error(made.errors.join('; '));
    return made.files
      .filter((f) => kept(f.path, bundle))
      .map((f) => ({ path: f.path, data: f.content }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  } finally {
    await index.deleteIndex();
  }
}
