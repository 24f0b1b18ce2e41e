// The cache store: where a build's cache lies, reading it, saving it, dropping it (its shape: shape.ts; its chunk files: chunks.ts).

import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { deserialize } from 'node:v8';
import { relatedKeys, type RelatedKeys, type RelatedState } from './related-state.js';
import { countFields } from '../util/joined.js';
import { decodeRaw } from './raw.js';
import { chunkFolder, ChunkWriter, putChunks } from './chunks.js';
import type { BuildCache, CachedSource, CacheIndex, Chunked, Head, StoredChunk, StoredChunks } from './shape.js';

export type {
  BuildCache,
  BuildSummary,
  CachedOutput,
  CachedSource,
  CacheIndex,
  Chunked,
  Head,
  StoredChunk,
  StoredChunks,
} from './shape.js';

/** Bump when the cache's shape or the meaning of its signatures changes. */
const FORMAT = 17;

/** The cache file for an output folder: `.warta-cache/<name>.v8` beside it. */
export function cacheFile(out: string): string {
  const full = resolve(out);
  return join(dirname(full), '.warta-cache', `${basename(full)}.v8`);
}

/** Reads the cache; a missing, corrupt or foreign one reads as none, which means a full build. */
export async function loadCache(file: string, env: string): Promise<BuildCache | undefined> {
  try {
    const head = readHead(file);
    if (!fits(head, env)) return undefined;
    const folder = chunkFolder(file);
    // Every chunk file is read before any is deserialized: read one by one between
    // deserializations, while the archive is walked on a thread, they took about 0.4 s longer
    // at 100,000 articles. Each is a buffer of its own: deserialized typed arrays may keep it as their memory.
    const files = new Map(
      [
        ...head.chunks.sources,
        ...head.chunks.outputs,
        ...head.chunks.copies,
        ...(head.related ? [head.related] : []),
      ].map((name) => [name, readFileSync(join(folder, name))]),
    );
    const read = (name: string): { value: unknown; bytes: number } => {
      const bytes = files.get(name)!;
      return { value: deserialize(bytes), bytes: bytes.length };
    };
    const fill = <V>(map: Map<string, V>, names: readonly string[], size: number, stored: Map<string, StoredChunk>) => {
      for (const name of names) {
        const { value: chunk, bytes } = read(name);
        if (!Array.isArray(chunk) || chunk.length === 0) throw new Error('bad chunk');
        for (const [key, value] of chunk as [string, V][]) map.set(key, value);
        stored.set((chunk as [string, V][])[0]![0], { name, bytes, entries: chunk as [string, V][] });
      }
      if (map.size !== size) throw new Error('entries missing');
    };
    const stored: StoredChunks = { sources: new Map(), outputs: new Map(), copies: new Map() };
    const cache: BuildCache = {
      env,
      sources: new Map(),
      outputs: new Map(),
      copies: new Map(),
      ...smallParts(head),
      stored,
    };
    fill(cache.sources, head.chunks.sources, head.sources, stored.sources);
    fill(cache.outputs, head.chunks.outputs, head.outputs, stored.outputs);
    fill(cache.copies, head.chunks.copies, head.copies, stored.copies);
    if (head.related) cache.related = relatedState(decodeRaw(files.get(head.related)!)).state;
    return cache;
  } catch {
    return undefined;
  }
}

/** What a header holds besides chunk names, checked for the shape it was written in: a part of another shape reads as none. */
export function smallParts(head: Head): Pick<BuildCache, 'differing' | 'frame'> {
  const differing =
    Array.isArray(head.differing) && head.differing.every((p) => typeof p === 'string') ? head.differing : undefined;
  const frame =
    typeof head.frame?.template === 'string' && typeof head.frame.view === 'string'
      ? { template: head.frame.template, view: head.frame.view }
      : undefined;
  return { differing, frame };
}

/** Bytes of the chunks of a cache file (0 without a cache this version reads): how long it takes to read. */
export function cacheBytes(file: string): number {
  try {
    const head = readHead(file);
    return head?.format === FORMAT && typeof head.bytes === 'number' ? head.bytes : 0;
  } catch {
    return 0;
  }
}

/** Whether a header is this version's, for this environment. */
export function fits(head: Head | undefined, env: string): head is Chunked {
  const names = (list: unknown, ext = 'v8') =>
    Array.isArray(list) &&
    list.every(
      (n) => typeof n === 'string' && n === `${n.slice(0, 40)}.${ext}` && /^[0-9a-f]{40}$/.test(n.slice(0, 40)),
    );
  const chunks = head?.chunks;
  return (
    head?.format === FORMAT &&
    head.env === env &&
    typeof head.sources === 'number' &&
    typeof head.outputs === 'number' &&
    typeof head.copies === 'number' &&
    !!chunks &&
    names(chunks.sources) &&
    names(chunks.outputs) &&
    names(chunks.copies) &&
    (head.related === undefined || names([head.related], 'raw')) &&
    (head.index === undefined || names([head.index], 'raw'))
  );
}

/**
 * A cache file's header: a 32-bit length, then the v8-serialized header. Only that much is
 * read, so the file of an older version (the whole cache in one file) is not read whole only
 * to be dropped.
 */
export function readHead(file: string): Head | undefined {
  const fd = openSync(file, 'r');
  try {
    const length = Buffer.alloc(4);
    if (readSync(fd, length, 0, 4, 0) < 4 || length.readUInt32LE(0) > fstatSync(fd).size) return undefined;
    const head = Buffer.alloc(length.readUInt32LE(0));
    if (readSync(fd, head, 0, head.length, 4) < head.length) return undefined;
    return deserialize(head) as Head;
  } finally {
    closeSync(fd);
  }
}

/**
 * Saves the cache: the chunks that changed, each written whole under the digest of its bytes,
 * then the file naming them, replaced atomically, so a killed build leaves the old cache or the
 * new one, never half of one; then the chunks neither names any more are removed.
 */
export async function saveCache(file: string, cache: BuildCache): Promise<void> {
  const chunks = new ChunkWriter(chunkFolder(file));
  const sources = putChunks(cache.sources, cache.stored?.sources, sameSource, chunks);
  const outputs = putChunks(cache.outputs, cache.stored?.outputs, Object.is, chunks);
  const copies = putChunks(cache.copies, cache.stored?.copies, Object.is, chunks);
  const related = cache.related && chunks.putRaw(cache.related);
  const { published, ...summary } = cache.summary ?? { published: undefined };
  const index =
    published && chunks.putRaw(indexOf(cache.sources, { sources: sources.counts, outputs: outputs.counts }, published));
  const names = { sources: sources.names, outputs: outputs.names, copies: copies.names };
  chunks.finish(file, {
    format: FORMAT,
    env: cache.env,
    sources: cache.sources.size,
    outputs: cache.outputs.size,
    copies: cache.copies.size,
    chunks: names,
    related,
    differing: cache.differing,
    frame: cache.frame,
    index,
    summary: index ? (summary as Head['summary']) : undefined,
  });
}

/** The index of a cache's maps (see `CacheIndex`). */
function indexOf(
  sources: ReadonlyMap<string, CachedSource>,
  counts: CacheIndex['counts'],
  published: Int32Array,
): CacheIndex {
  const paths: string[] = [];
  const stamps: string[] = [];
  for (const [path, source] of sources) (paths.push(path), stamps.push(source.stamp));
  return { sources: { paths: paths.join('\0'), stamps: stamps.join('\0') }, counts, published };
}

/** Whether two cached sources say the same: the same parse (the very object read) at the same stamp, listed alike. */
function sameSource(a: CachedSource, b: CachedSource): boolean {
  return (
    a.stamp === b.stamp &&
    a.parsed === b.parsed &&
    a.story?.category === b.story?.category &&
    a.story?.sig === b.story?.sig
  );
}

/** The related stage's state as read back, checked for the shape it was saved in, with its keys (found while checking). */
export function relatedState(value: unknown): { state: RelatedState; keys: RelatedKeys } {
  const state = value as RelatedState;
  const n = state?.order?.length;
  const fits =
    state?.order instanceof Int32Array &&
    typeof state.urls === 'string' &&
    typeof state.categories === 'string' &&
    state.dates instanceof Float64Array &&
    state.dates.length === n &&
    typeof state.names === 'string' &&
    state.rank instanceof Int32Array &&
    countFields(state.names) === state.rank.length &&
    state.idf instanceof Float64Array &&
    state.table?.df instanceof Float64Array &&
    state.table.df.length === state.rank.length;
  const lists = [state?.table, state?.profiles].every(
    (l) => l?.start instanceof Int32Array && l.start.length === n + 1 && l.term instanceof Int32Array,
  );
  const index = state?.index;
  const postings =
    index?.start instanceof Int32Array &&
    index.start.length === index.terms + 1 &&
    index.term instanceof Int32Array &&
    index.weight instanceof Float64Array &&
    index.category instanceof Int32Array &&
    [index.term, index.weight, index.category].every((a) => a.length === state.profiles?.term?.length);
  const keys = fits ? relatedKeys(state) : undefined;
  if (
    !fits ||
    !lists ||
    !postings ||
    !(state.related?.start instanceof Int32Array) ||
    state.related.start.length !== n + 1 ||
    !(state.scores instanceof Float64Array) ||
    keys!.urls.length !== n ||
    keys!.categories.length !== n
  )
    throw new Error('bad related state');
  return { state, keys: keys! };
}

/**
 * Takes the cache away, done before the output or its spare is changed, so a kill then means a
 * full build next time. Only the file naming the chunks goes (`saveCache` keeps the chunks it
 * can), with any half-written one a killed build left (`<name>.v8.<pid>.tmp`: only the build
 * holding the output's lock writes one).
 */
export async function dropCache(file: string): Promise<void> {
  await rm(file, { force: true });
  const base = `${basename(file)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(file));
  } catch {
    return;
  }
  for (const name of names)
    if (name.startsWith(base) && /^\d+\.tmp$/.test(name.slice(base.length)))
      await rm(join(dirname(file), name), { force: true });
}
