import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { ParsedArticle } from '../content/parse.js';
import type { Problem } from '../errors.js';
import type { BodyLink } from '../render/links.js';

/** Bump when the cache's shape or the meaning of its signatures changes. */
const FORMAT = 1;

/** What the last build knew: parsed sources and the outputs it wrote. */
export interface BuildCache {
  /** Everything that, when it changes, invalidates the whole cache (warta version, config, options). */
  env: string;
  /** Parsed article files by content path, with the stamp (size and mtime) they were parsed at. */
  sources: Map<string, { stamp: string; parsed: ParsedArticle }>;
  /** Output files by path. */
  outputs: Map<string, CachedOutput>;
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
    const data = deserialize(await readFile(file)) as { format?: number; cache?: BuildCache };
    const cache = data.cache;
    if (data.format !== FORMAT || !cache || cache.env !== env) return undefined;
    if (!(cache.sources instanceof Map) || !(cache.outputs instanceof Map)) return undefined;
    return cache;
  } catch {
    return undefined;
  }
}

/** Writes the cache atomically, so a killed build leaves the old cache or the new one, never half of one. */
export async function saveCache(file: string, cache: BuildCache): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, serialize({ format: FORMAT, cache }));
  await rename(temp, file);
}

/** Removes the cache: done before output files are changed in place, so a kill then means a full build next time. */
export async function dropCache(file: string): Promise<void> {
  await rm(file, { force: true });
}
