import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize } from 'node:v8';
import type { Article } from '../content/article.js';
import type { ArticleFrame } from '../render/plan.js';
import type { RelatedKeys, RelatedState } from './related-state.js';
import { replaceFields } from '../util/joined.js';
import { lowerBound } from '../util/search.js';
import { decodeRaw } from './raw.js';
import { chunkFolder, ChunkWriter } from './chunks.js';
import {
  fits,
  readHead,
  relatedState,
  smallParts,
  type BuildSummary,
  type CachedOutput,
  type CachedSource,
  type CacheIndex,
  type Chunked,
} from './cache.js';

type Map_ = 'sources' | 'outputs';

/** A run of the outputs map replaced by other entries, maybe more or fewer (a part of the search index made again). */
export interface OutputRun {
  /** The place of its first entry. */
  at: number;
  /** How many entries it replaces. */
  remove: number;
  entries: [string, CachedOutput][];
}

/** What an edit of a few entries changes in a cache (see `OpenedCache.save`): entries by place, runs of the outputs, and what is small. */
export interface CacheEdit {
  sources: ReadonlyMap<number, CachedSource>;
  outputs: ReadonlyMap<number, CachedOutput>;
  runs?: readonly OutputRun[];
  related?: RelatedState;
  differing?: string[];
  search?: BuildSummary['search'];
}

/**
 * A cache opened for a quick build (see quick.ts): its head and index read, and, of its maps,
 * only the chunks holding the entries asked for, by place. At 100,000 articles the whole cache
 * takes 2–3 s to read; its index, 0.1 s.
 */
export class OpenedCache {
  /** What the build that wrote it left for a quick build; after `save`, what that saved. */
  summary: BuildSummary;
  /** Where the output and its spare differ, and what the article pages were signed in (see `BuildCache`). */
  readonly differing?: string[];
  readonly frame?: ArticleFrame;
  private readonly chunks = new Map<string, { value: unknown; bytes: number }>();
  /** Each chunk's first place, and the total, by map. */
  private readonly starts: Record<Map_, number[]>;
  /** The index of the published article at each place of the sources (-1: none), made when first asked for. */
  private indices?: Int32Array;

  private constructor(
    readonly file: string,
    readonly head: Chunked & { index: string; summary: NonNullable<Chunked['summary']> },
    readonly index: CacheIndex,
    indexBytes: number,
  ) {
    this.chunks.set(head.index, { value: index, bytes: indexBytes });
    this.summary = { ...head.summary, published: index.published };
    ({ differing: this.differing, frame: this.frame } = smallParts(head));
    const starts = (counts: readonly number[]) =>
      counts.reduce((all, n) => (all.push(all[all.length - 1]! + n), all), [0]);
    this.starts = { sources: starts(index.counts.sources), outputs: starts(index.counts.outputs) };
  }

  /** The cache beside an output, when it is this version's, for this environment, and a build that left a summary wrote it; else undefined. */
  static open(file: string, env: string): OpenedCache | undefined {
    try {
      const head = readHead(file);
      if (!fits(head, env) || !head.index || !head.summary) return undefined;
      const bytes = readFileSync(join(chunkFolder(file), head.index));
      const index = decodeRaw(bytes) as CacheIndex;
      const { sources, counts, published } = index;
      const sum = (list: unknown) =>
        Array.isArray(list) ? list.reduce((a: number, n: unknown) => a + (typeof n === 'number' ? n : NaN), 0) : NaN;
      const fine =
        typeof sources?.paths === 'string' &&
        typeof sources.stamps === 'string' &&
        sum(counts?.sources) === head.sources &&
        sum(counts?.outputs) === head.outputs &&
        counts.sources.length === head.chunks.sources.length &&
        counts.outputs.length === head.chunks.outputs.length &&
        published instanceof Int32Array;
      return fine ? new OpenedCache(file, head as OpenedCache['head'], index, bytes.length) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The entry at a place of the sources map (the article files' order). */
  source(place: number): [string, CachedSource] {
    return this.entry('sources', place) as [string, CachedSource];
  }

  /** The entry at a place of the outputs map (the plan's order: article pages first, newest first). */
  output(place: number): [string, CachedOutput] {
    return this.entry('outputs', place) as [string, CachedOutput];
  }

  /** The place in the sources of the published article at `index` (newest first: the related state's order). */
  placeOf(index: number): number {
    return this.summary.published[index]!;
  }

  /** The index of the published article at a place of the sources, -1 when it is not published. */
  indexOf(place: number): number {
    if (!this.indices) {
      const indices = (this.indices = new Int32Array(this.head.sources).fill(-1));
      this.summary.published.forEach((p, i) => (indices[p] = i));
    }
    return this.indices[place]!;
  }

  /** The published article at `index`, as the cache holds it. */
  article(index: number): Article {
    const article = this.source(this.placeOf(index))[1].parsed.article;
    if (!article) throw new Error(`the cache holds no article for published article ${index}`);
    return article;
  }

  /** The related stage's state, with its keys; undefined when the build left none. */
  related(): { state: RelatedState; keys: RelatedKeys } | undefined {
    if (this.head.related === undefined) return undefined;
    const bytes = readFileSync(join(chunkFolder(this.file), this.head.related));
    this.chunks.set(this.head.related, { value: undefined, bytes: bytes.length });
    return relatedState(decodeRaw(bytes));
  }

  /**
   * Saves the cache with a few entries of its maps replaced, runs of its outputs replaced (see
   * `OutputRun`; the output files counted again) and (when given) the related state, the article
   * files' stamps, where the output and its spare differ and the search index's layout: the
   * chunks holding a replaced entry are written anew, every other kept; then the head, atomically.
   */
  save(changes: CacheEdit): void {
    const { head, index } = this;
    const replaced = [head.index, ...(changes.related && head.related ? [head.related] : [])];
    const outputs = this.patched('outputs', changes.outputs, replaced);
    const counts = index.counts.outputs.slice();
    const runs = [...(changes.runs ?? [])].sort((a, b) => b.at - a.at);
    // From the last run back: each leaves the places before it where they were.
    for (const run of runs) this.spliced(outputs, counts, run, replaced);
    const names = { sources: this.patched('sources', changes.sources, replaced), outputs };
    const added = runs.reduce((n, r) => n + r.entries.length - r.remove, 0);
    const { published, ...rest } = this.summary;
    const summary = {
      ...rest,
      counts: { ...rest.counts, files: rest.counts.files + added },
      ...(changes.search && { search: changes.search }),
    };
    const stamps = replaceFields(
      index.sources.stamps,
      new Map([...changes.sources].map(([place, source]) => [place, source.stamp])),
    );
    const kept = replaced.reduce((bytes, name) => bytes - this.read(name).bytes, head.bytes ?? 0);
    const chunks = new ChunkWriter(chunkFolder(this.file), kept);
    const all = [...names.sources, ...names.outputs, ...head.chunks.copies, ...(changes.related ? [] : [head.related])];
    for (const name of all)
      if (typeof name === 'string' && !chunks.keep(name, 0)) throw new Error(`cache chunk ${name} is missing`);
    const put = (list: (string | unknown[])[]) => list.map((c) => (typeof c === 'string' ? c : chunks.put(c)));
    const related = changes.related ? chunks.putRaw(changes.related) : head.related;
    const newIndex = chunks.putRaw({
      ...index,
      sources: { paths: index.sources.paths, stamps },
      counts: { ...index.counts, outputs: counts },
    });
    chunks.finish(this.file, {
      ...head,
      outputs: head.outputs + added,
      chunks: { sources: put(names.sources), outputs: put(names.outputs), copies: head.chunks.copies },
      related,
      index: newIndex,
      differing: changes.differing,
      summary,
    });
    this.summary = { ...summary, published };
  }

  /** Replaces a run of the outputs map in its chunks (`list`, as `patched` left them, with their `counts`): the chunks it spans become one, or none when it is empty. */
  private spliced(list: (string | [string, unknown][])[], counts: number[], run: OutputRun, replaced: string[]): void {
    const starts = this.starts.outputs;
    const end = run.at + run.remove;
    // The chunks holding the run's places; a run of no places at the end goes into the last chunk.
    const first = this.chunkAt('outputs', Math.min(run.at, starts[starts.length - 1]! - 1));
    const last = run.remove ? this.chunkAt('outputs', end - 1) : first;
    const entries: [string, unknown][] = [];
    for (let k = first; k <= last; k++) {
      const chunk = list[k]!;
      if (typeof chunk === 'string') replaced.push(chunk);
      entries.push(...(typeof chunk === 'string' ? this.entries(chunk) : chunk));
    }
    entries.splice(run.at - starts[first]!, run.remove, ...run.entries);
    list.splice(first, last - first + 1, ...(entries.length ? [entries] : []));
    counts.splice(first, last - first + 1, ...(entries.length ? [entries.length] : []));
  }

  /** A map's chunks: the name of each unchanged one, the new entries of each changed one; the changed ones' names join `replaced`. */
  private patched<V>(map: Map_, changes: ReadonlyMap<number, V>, replaced: string[]): (string | [string, unknown][])[] {
    const list: (string | [string, unknown][])[] = this.head.chunks[map].slice();
    for (const [place, value] of changes) {
      const k = this.chunkAt(map, place);
      if (typeof list[k] === 'string') (replaced.push(list[k]), (list[k] = this.entries(list[k]).slice()));
      const entries = list[k] as [string, unknown][];
      entries[place - this.starts[map][k]!] = [entries[place - this.starts[map][k]!]![0], value];
    }
    return list;
  }

  private entry(map: Map_, place: number): [string, unknown] {
    const k = this.chunkAt(map, place);
    return this.entries(this.head.chunks[map][k]!)[place - this.starts[map][k]!]!;
  }

  /** The chunk holding a place of a map. */
  private chunkAt(map: Map_, place: number): number {
    const starts = this.starts[map];
    if (!(place >= 0 && place < starts[starts.length - 1]!)) throw new Error(`no entry ${place} in the cache's ${map}`);
    // The first chunk that ends after the place (no chunk is empty).
    return lowerBound(0, starts.length - 2, (k) => starts[k + 1]! <= place);
  }

  /** A chunk file, deserialized once. */
  private read(name: string): { value: unknown; bytes: number } {
    let known = this.chunks.get(name);
    if (!known) {
      const bytes = readFileSync(join(chunkFolder(this.file), name));
      this.chunks.set(name, (known = { value: deserialize(bytes), bytes: bytes.length }));
    }
    return known;
  }

  /** A chunk of a map: its entries. */
  private entries(name: string): [string, unknown][] {
    const { value } = this.read(name);
    if (!Array.isArray(value) || value.length === 0) throw new Error('bad chunk');
    return value as [string, unknown][];
  }
}
