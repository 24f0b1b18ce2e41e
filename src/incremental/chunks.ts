import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeFileSync, writevSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { serialize } from 'node:v8';
import type { Head, StoredChunk } from './shape.js';
import { encodeRaw } from './raw.js';

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

/** The folder of a cache file's chunks: `.warta-cache/<name>.chunks`. */
export function chunkFolder(file: string): string {
  return join(dirname(file), `${basename(file, '.v8')}.chunks`);
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
export function putChunks<V>(
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

/** FNV-1a of a key's UTF-16 code units: where chunks end. */
function keyHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
