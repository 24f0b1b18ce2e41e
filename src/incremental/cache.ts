import { closeSync, existsSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { ParsedArticle } from '../content/parse.js';
import type { Problem } from '../errors.js';
import type { BodyLink } from '../render/links.js';
import type { ArticleFrame } from '../render/plan.js';
import type { RelatedState } from '../site/related-state.js';
import type { KnownCopies } from './copies.js';

/** Bump when the cache's shape or the meaning of its signatures changes. */
const FORMAT = 7;
/**
 * Map entries per chunk of the cache file, on average. The file is a header and then chunks,
 * each a 32-bit length and a v8-serialized array of entries, so saving never holds a serialized
 * copy of the whole cache in memory (at 100,000 articles that copy is about 190 MB, at the
 * build's peak), and a chunk whose entries are those read is copied from the last file rather
 * than serialized again. A chunk ends after an entry whose key hashes to a multiple of
 * `CHUNK` (or at `CHUNK_MAX` entries): adding or removing an entry then changes its own chunk,
 * not every chunk after it.
 */
const CHUNK = 2000;
const CHUNK_MAX = 4 * CHUNK;

/** What the last build knew: parsed sources and the outputs it wrote. */
export interface BuildCache {
  /** Everything that, when it changes, invalidates the whole cache (warta version, config, options). */
  env: string;
  /**
   * Parsed article files by content path (each parse holds the digest of the bytes parsed),
   * with the stamp (size and mtime) the file had when last read, and, for a published article, its category's name and its story's digest as listed then.
   */
  sources: Map<string, CachedSource>;
  /** Output files by path. */
  outputs: Map<string, CachedOutput>;
  /** Files copied into the output as they are, by absolute path: their stamp and the digest of their bytes. */
  copies: KnownCopies;
  /** Where the output and its spare differ (see output/spare.ts); absent: no spare to trust. */
  differing?: string[];
  /** The related-story stage's last computation. */
  related?: RelatedState;
  /** What the article pages were signed in: their template and the site's view (see `KeptPlans`). */
  frame?: ArticleFrame;
  /** Where the chunks of the file this cache was read from stand in it, for saving the next (see `CHUNK`). */
  stored?: StoredChunks;
}

/** A parsed article file, as the cache keeps it. */
export interface CachedSource {
  stamp: string;
  parsed: ParsedArticle;
  story?: { category: string; sig: string };
}

/** The chunks of a cache file by their first key, for each map. */
interface StoredChunks {
  sources: Map<string, StoredChunk>;
  outputs: Map<string, StoredChunk>;
  copies: Map<string, StoredChunk>;
}

/** A chunk of a cache file: where its bytes (length included) stand, and the entries they hold. */
interface StoredChunk {
  at: number;
  bytes: number;
  entries: readonly [string, unknown][];
}

/** An output file as the last build left it. */
export interface CachedOutput {
  /** Signature of everything the file is made from. */
  sig: string;
  /** Digest of its bytes. */
  hash: string;
  /** Article pages: body links to this site, to check again against each build's files. */
  links?: BodyLink[];
  /** Article pages: warnings found while rendering, reported again while the page is kept. */
  problems?: Problem[];
  /** Article pages: the `.md` link rewrites its bytes hold, as sorted JSON. */
  rewrites?: string;
}

/** The cache file for an output folder: `.warta-cache/<name>.v8` beside it. */
export function cacheFile(out: string): string {
  const full = resolve(out);
  return join(dirname(full), '.warta-cache', `${basename(full)}.v8`);
}

/** The header of a cache file. */
interface Head {
  format?: number;
  env?: string;
  sources?: number;
  outputs?: number;
  copies?: number;
  differing?: string[];
  related?: boolean;
  frame?: ArticleFrame;
}

/** Reads the cache; a missing, corrupt or foreign one reads as none, which means a full build. */
export async function loadCache(file: string, env: string): Promise<BuildCache | undefined> {
  try {
    // A cache of another version or config is told by its header alone: not read whole (hundreds of megabytes at 100,000 articles) only to be dropped.
    if (!fits(readHead(file), env)) return undefined;
    const bytes = await readFile(file);
    let at = 0;
    const next = (): unknown => {
      if (at + 4 > bytes.length) throw new Error('truncated');
      const end = at + 4 + bytes.readUInt32LE(at);
      if (end > bytes.length) throw new Error('truncated');
      const value: unknown = deserialize(bytes.subarray(at + 4, end));
      at = end;
      return value;
    };
    const head = next() as Head;
    if (!fits(head, env)) return undefined;
    const fill = <V>(map: Map<string, V>, size: number, stored: Map<string, StoredChunk>) => {
      while (map.size < size) {
        const start = at;
        const chunk = next();
        if (!Array.isArray(chunk) || chunk.length === 0) throw new Error('bad chunk');
        for (const [key, value] of chunk as [string, V][]) map.set(key, value);
        stored.set((chunk as [string, V][])[0]![0], { at: start, bytes: at - start, entries: chunk as [string, V][] });
      }
    };
    const differing = Array.isArray(head.differing) && head.differing.every((p) => typeof p === 'string') ? head.differing : undefined;
    const stored: StoredChunks = { sources: new Map(), outputs: new Map(), copies: new Map() };
    const frame = typeof head.frame?.template === 'string' && typeof head.frame.view === 'string' ? { template: head.frame.template, view: head.frame.view } : undefined;
    const cache: BuildCache = { env, sources: new Map(), outputs: new Map(), copies: new Map(), differing, frame, stored };
    fill(cache.sources, head.sources, stored.sources);
    fill(cache.outputs, head.outputs, stored.outputs);
    fill(cache.copies, head.copies, stored.copies);
    if (head.related) cache.related = relatedState(next());
    return at === bytes.length ? cache : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a header is this version's, for this environment. */
function fits(head: Head | undefined, env: string): head is Head & { sources: number; outputs: number; copies: number } {
  return head?.format === FORMAT && head.env === env && typeof head.sources === 'number' && typeof head.outputs === 'number' && typeof head.copies === 'number';
}

/** A cache file's header, read alone. */
function readHead(file: string): Head | undefined {
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
 * Writes the cache atomically, so a killed build leaves the old cache or the new one, never
 * half of one. Chunks whose entries are those of a chunk `cache.stored` describes are copied
 * from the last file, which `dropCache` set aside.
 */
export async function saveCache(file: string, cache: BuildCache): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  // Synchronous calls: nothing else is left to do meanwhile, and the thread pool's round trips cost more than the writes.
  const out = openSync(temp, 'w');
  const last = cache.stored && existsSync(lastFile(file)) ? openSync(lastFile(file), 'r') : undefined;
  try {
    const write = (buffer: Uint8Array) => {
      for (let done = 0; done < buffer.length; ) done += writeSync(out, buffer, done);
    };
    const put = (value: unknown) => {
      const body = serialize(value);
      const length = Buffer.alloc(4);
      length.writeUInt32LE(body.length);
      write(length);
      write(body);
    };
    put({ format: FORMAT, env: cache.env, sources: cache.sources.size, outputs: cache.outputs.size, copies: cache.copies.size, differing: cache.differing, related: !!cache.related, frame: cache.frame });
    let buffer = Buffer.alloc(0);
    const copy =
      last === undefined
        ? undefined
        : (chunk: StoredChunk) => {
            if (buffer.length < chunk.bytes) buffer = Buffer.allocUnsafe(chunk.bytes);
            write(readChunk(last, chunk, buffer));
          };
    putChunks(cache.sources, cache.stored?.sources, sameSource, put, copy);
    putChunks(cache.outputs, cache.stored?.outputs, Object.is, put, copy);
    putChunks(cache.copies, cache.stored?.copies, Object.is, put, copy);
    if (cache.related) put(cache.related);
  } finally {
    closeSync(out);
    if (last !== undefined) closeSync(last);
  }
  await rename(temp, file);
  await rm(lastFile(file), { force: true });
}

/** Writes a map in chunks: copied, when a stored chunk holds the same entries, else serialized. */
function putChunks<V>(map: ReadonlyMap<string, V>, stored: ReadonlyMap<string, StoredChunk> | undefined, same: (a: V, b: V) => boolean, put: (chunk: [string, V][]) => void, copy?: (chunk: StoredChunk) => void): void {
  let chunk: [string, V][] = [];
  const flush = () => {
    const old = copy && stored?.get(chunk[0]![0]);
    const kept = old && old.entries.length === chunk.length && chunk.every(([key, value], i) => old.entries[i]![0] === key && same(old.entries[i]![1] as V, value));
    if (kept) copy(old);
    else put(chunk);
    chunk = [];
  };
  for (const entry of map) {
    chunk.push(entry);
    if (chunk.length === CHUNK_MAX || keyHash(entry[0]) % CHUNK === 0) flush();
  }
  if (chunk.length) flush();
}

/** Whether two cached sources say the same: the same parse (the very object read) at the same stamp, listed alike. */
function sameSource(a: CachedSource, b: CachedSource): boolean {
  return a.stamp === b.stamp && a.parsed === b.parsed && a.story?.category === b.story?.category && a.story?.sig === b.story?.sig;
}

/** A stored chunk's bytes, read from the last file into `buffer`. */
function readChunk(last: number, chunk: StoredChunk, buffer: Buffer): Buffer {
  for (let done = 0; done < chunk.bytes; ) {
    const read = readSync(last, buffer, done, chunk.bytes - done, chunk.at + done);
    if (read === 0) throw new Error('the last cache file ended early');
    done += read;
  }
  return buffer.subarray(0, chunk.bytes);
}

/** FNV-1a of a key's UTF-16 code units: where chunks end. */
function keyHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** Where `dropCache` sets the last cache file aside. */
function lastFile(file: string): string {
  return `${file}.last`;
}

/** The related stage's state as read back, checked for the shape it was saved in. */
function relatedState(value: unknown): RelatedState {
  const state = value as RelatedState;
  const n = state?.order?.length;
  const fits = state?.order instanceof Int32Array && Array.isArray(state.urls) && state.urls.length === n && state.dates instanceof Float64Array && state.dates.length === n && Array.isArray(state.names) && state.rank instanceof Int32Array && state.rank.length === state.names.length && state.idf instanceof Float64Array;
  const lists = [state?.table, state?.profiles].every((l) => l?.start instanceof Int32Array && l.start.length === n + 1 && l.term instanceof Int32Array);
  if (!fits || !lists || !(state.related?.start instanceof Int32Array) || state.related.start.length !== n + 1 || !(state.scores instanceof Float64Array)) throw new Error('bad related state');
  return state;
}

/**
 * Takes the cache away, done before the output's spare is changed, so a kill then means a full
 * build next time. The file is set aside, not deleted: `saveCache` copies its unchanged chunks.
 */
export async function dropCache(file: string): Promise<void> {
  await rename(file, lastFile(file)).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
  });
}
