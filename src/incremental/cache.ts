import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
  writevSync,
} from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { ParsedArticle } from '../content/parse.js';
import type { JoinedFiles } from '../content/read.js';
import type { Problem } from '../errors.js';
import type { BodyLink } from '../render/links.js';
import type { ArticleFrame } from '../render/plan.js';
import type { SearchLayout } from '../render/search-parts.js';
import type { SiteView } from '../render/views.js';
import { relatedKeys, type RelatedKeys, type RelatedState } from './related-state.js';
import type { KnownCopies } from './copies.js';
import { countFields } from '../util/joined.js';
import { decodeRaw, encodeRaw } from './raw.js';

/** Bump when the cache's shape or the meaning of its signatures changes. */
const FORMAT = 16;
/**
 * Map entries per chunk, on average. The cache is a small file naming its chunks, each a file
 * of its own in `.warta-cache/<name>.chunks/`, named by the digest of its bytes: a chunk whose
 * entries are those read is kept as it is, and a save writes only the chunks that changed,
 * never a copy of the whole cache (at 100,000 articles about 240 MB). A chunk ends after an
 * entry whose key hashes to a multiple of `CHUNK` (or at `CHUNK_MAX` entries): adding or
 * removing an entry then changes its own chunk, not every chunk after it.
 */
const CHUNK = 100;
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
  /** The chunks this cache was read from, for saving the next (see `CHUNK`). */
  stored?: StoredChunks;
  /** What a quick build needs of this one (see quick.ts); absent, none follows it. */
  summary?: BuildSummary;
}

/**
 * What the quick path of the next build (see quick.ts) needs to know of a build without
 * reading its maps: what it reported, and what the site model, lists and feeds were made from
 * besides the article files.
 */
export interface BuildSummary {
  /** Every problem the build reported (warnings: a build with errors leaves no cache), sorted. */
  problems: Problem[];
  counts: { published: number; heldBack: number; drafts: number; files: number };
  /** The clock's `future`, the newest published article's date before the clock and when the site next changes by the clock (see `Site.nextDue`): the clock the site stands for. */
  clock: { future: boolean; newest?: number; nextDue?: number };
  /** The theme's stamp (every file of its folders). */
  theme: string;
  /** Digest of the paths and stamps of the files copied as they are, and of the listing's problems (see `listingDigest`). */
  statics: string;
  /** The site as the templates saw it. */
  view: SiteView;
  /** Each published article's place in the sources map, newest first (the related state's order). */
  published: Int32Array;
  /** Where the search index's files stand among the outputs, when the build made one. */
  search?: SearchLayout;
}

/** Where the maps' entries lie among their chunks, and the article files' stamps: what a quick build reads instead of the maps. */
export interface CacheIndex {
  /** The sources map's keys and stamps, in its order, joined as a listing joins them. */
  sources: JoinedFiles;
  /** How many entries each chunk of a map holds, in order. */
  counts: { sources: number[]; outputs: number[] };
  published: Int32Array;
}

/** A parsed article file, as the cache keeps it. */
export interface CachedSource {
  stamp: string;
  parsed: ParsedArticle;
  story?: { category: string; sig: string };
}

/** The chunks of a cache file by their first key, for each map. */
export interface StoredChunks {
  sources: Map<string, StoredChunk>;
  outputs: Map<string, StoredChunk>;
  copies: Map<string, StoredChunk>;
}

/** A chunk as read: its file's name and size, and the entries it holds. */
export interface StoredChunk {
  name: string;
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

/** The folder of a cache file's chunks: `.warta-cache/<name>.chunks`. */
export function chunkFolder(file: string): string {
  return join(dirname(file), `${basename(file, '.v8')}.chunks`);
}

/** What the cache file holds: the chunks' names in order, and what is small. */
export interface Head {
  format?: number;
  env?: string;
  sources?: number;
  outputs?: number;
  copies?: number;
  chunks?: { sources: string[]; outputs: string[]; copies: string[] };
  /** The related state's chunk. */
  related?: string;
  /** Bytes of all its chunks. */
  bytes?: number;
  differing?: string[];
  frame?: ArticleFrame;
  /** The index's chunk and the summary, for a quick build (see quick.ts). */
  index?: string;
  summary?: Omit<BuildSummary, 'published'>;
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

export type Chunked = Head & { sources: number; outputs: number; copies: number; chunks: NonNullable<Head['chunks']> };

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

/**
 * Writes a cache's chunk files, each named by the digest of its bytes (a chunk already on disk
 * is not written again), then the file naming them.
 */
export class ChunkWriter {
  private readonly names = new Set<string>();
  /** The folder's files when the writer started, and those it wrote: one listing, not a check of each of thousands of chunks. */
  private readonly present: Set<string>;

  /** `bytes`: of the chunks to be kept without being counted (see `keep`). */
  constructor(
    private readonly folder: string,
    private bytes = 0,
  ) {
    mkdirSync(folder, { recursive: true });
    this.present = new Set(readdirSync(folder));
  }

  /** Writes a chunk; its file's name. */
  put(value: unknown): string {
    const body = serialize(value);
    // Hex, not `digest`'s base64url: file names must not differ by case alone (macOS, Windows).
    const name = `${createHash('sha256').update(body).digest('hex').slice(0, 40)}.v8`;
    if (!this.present.has(name)) (writeWhole(join(this.folder, name), body), this.present.add(name));
    this.names.add(name);
    this.bytes += body.length;
    return name;
  }

  /**
   * Writes a large value in the raw format (see raw.ts), under a random name: hashing its
   * bytes for a name would cost more than writing them, and a value this large (the related
   * state, the index) changes with every edit, so no file of it is ever kept by name.
   */
  putRaw(value: unknown): string {
    const parts = encodeRaw(value);
    const name = `${randomBytes(20).toString('hex')}.raw`;
    const temp = join(this.folder, `${name}.${process.pid}.tmp`);
    const fd = openSync(temp, 'w');
    try {
      writevSync(fd, parts);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, join(this.folder, name));
    this.names.add(name);
    this.bytes += parts.reduce((n, p) => n + p.length, 0);
    return name;
  }

  /** Keeps a chunk file as it is, when it is still there (someone may have removed it by hand). */
  keep(name: string, bytes: number): string | undefined {
    if (!this.present.has(name)) return undefined;
    this.names.add(name);
    this.bytes += bytes;
    return name;
  }

  /** Replaces the file naming the chunks, atomically, then removes every chunk file it does not name. */
  finish(file: string, head: Head): void {
    const body = serialize({ ...head, bytes: this.bytes });
    const length = Buffer.alloc(4);
    length.writeUInt32LE(body.length);
    writeWhole(file, Buffer.concat([length, body]));
    for (const entry of this.present)
      if (!this.names.has(entry)) rmSync(join(this.folder, entry), { recursive: true, force: true });
  }
}

/** Writes a file under a temporary name, then renames it: readers see all of it or none. */
function writeWhole(path: string, data: Uint8Array): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, data);
  renameSync(temp, path);
}

/** Writes a map in chunks: kept, when a stored chunk holds the same entries, else written; the chunks' names and sizes in entries, in order. */
function putChunks<V>(
  map: ReadonlyMap<string, V>,
  stored: ReadonlyMap<string, StoredChunk> | undefined,
  same: (a: V, b: V) => boolean,
  chunks: ChunkWriter,
): { names: string[]; counts: number[] } {
  const names: string[] = [];
  const counts: number[] = [];
  let chunk: [string, V][] = [];
  const flush = () => {
    const old = stored?.get(chunk[0]![0]);
    const unchanged =
      old &&
      old.entries.length === chunk.length &&
      chunk.every(([key, value], i) => old.entries[i]![0] === key && same(old.entries[i]![1] as V, value));
    names.push((unchanged && chunks.keep(old.name, old.bytes)) || chunks.put(chunk));
    counts.push(chunk.length);
    chunk = [];
  };
  for (const entry of map) {
    chunk.push(entry);
    if (chunk.length === CHUNK_MAX || keyHash(entry[0]) % CHUNK === 0) flush();
  }
  if (chunk.length) flush();
  return { names, counts };
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

/** FNV-1a of a key's UTF-16 code units: where chunks end. */
function keyHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash >>> 0;
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
