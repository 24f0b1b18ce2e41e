import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { ParsedArticle } from '../content/parse.js';
import type { Problem } from '../errors.js';
import type { BodyLink } from '../render/links.js';
import type { RelatedState } from '../site/related-state.js';

/** Bump when the cache's shape or the meaning of its signatures changes. */
const FORMAT = 6;
/**
 * Map entries per chunk of the cache file. The file is a header and then chunks, each a 32-bit
 * length and a v8-serialized array of entries, so saving never holds a serialized copy of the
 * whole cache in memory: at 100,000 articles that copy is about 190 MB, at the build's peak.
 */
const CHUNK = 2000;

/** What the last build knew: parsed sources and the outputs it wrote. */
export interface BuildCache {
  /** Everything that, when it changes, invalidates the whole cache (warta version, config, options). */
  env: string;
  /**
   * Parsed article files by content path, with the stamp (size and mtime) they were parsed at,
   * and, for a published article, its category's name and its story's digest as listed then.
   */
  sources: Map<string, { stamp: string; parsed: ParsedArticle; story?: { category: string; sig: string } }>;
  /** Output files by path. */
  outputs: Map<string, CachedOutput>;
  /** Where the output and its spare differ (see output/spare.ts); absent: no spare to trust. */
  differing?: string[];
  /** The related-story stage's last computation. */
  related?: RelatedState;
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

/** Reads the cache; a missing, corrupt or foreign one reads as none, which means a full build. */
export async function loadCache(file: string, env: string): Promise<BuildCache | undefined> {
  try {
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
    const head = next() as { format?: number; env?: string; sources?: number; outputs?: number; differing?: string[]; related?: boolean };
    if (head?.format !== FORMAT || head.env !== env || typeof head.sources !== 'number' || typeof head.outputs !== 'number') return undefined;
    const fill = <V>(map: Map<string, V>, size: number) => {
      while (map.size < size) {
        const chunk = next();
        if (!Array.isArray(chunk) || chunk.length === 0) throw new Error('bad chunk');
        for (const [key, value] of chunk as [string, V][]) map.set(key, value);
      }
    };
    const differing = Array.isArray(head.differing) && head.differing.every((p) => typeof p === 'string') ? head.differing : undefined;
    const cache: BuildCache = { env, sources: new Map(), outputs: new Map(), differing };
    fill(cache.sources, head.sources);
    fill(cache.outputs, head.outputs);
    if (head.related) cache.related = relatedState(next());
    return at === bytes.length ? cache : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the cache atomically, so a killed build leaves the old cache or the new one, never half of one. */
export async function saveCache(file: string, cache: BuildCache): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await open(temp, 'w');
  try {
    const put = async (value: unknown) => {
      const body = serialize(value);
      const length = Buffer.alloc(4);
      length.writeUInt32LE(body.length);
      for (const buffer of [length, body]) {
        for (let done = 0; done < buffer.length; ) done += (await handle.write(buffer, done)).bytesWritten;
      }
    };
    await put({ format: FORMAT, env: cache.env, sources: cache.sources.size, outputs: cache.outputs.size, differing: cache.differing, related: !!cache.related });
    for (const map of [cache.sources, cache.outputs] as Map<string, unknown>[]) {
      let chunk: [string, unknown][] = [];
      for (const entry of map) {
        chunk.push(entry);
        if (chunk.length === CHUNK) await put(chunk), (chunk = []);
      }
      if (chunk.length) await put(chunk);
    }
    if (cache.related) await put(cache.related);
  } finally {
    await handle.close();
  }
  await rename(temp, file);
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

/** Removes the cache: done before the output's spare is changed, so a kill then means a full build next time. */
export async function dropCache(file: string): Promise<void> {
  await rm(file, { force: true });
}
