// What a build's cache holds, in memory and in its file's header (see cache.ts).

import type { ParsedArticle } from '../content/parse.js';
import type { JoinedFiles } from '../content/read.js';
import type { Problem } from '../errors.js';
import type { BodyLink } from '../render/links.js';
import type { ArticleFrame } from '../render/plan.js';
import type { SearchLayout } from '../render/search-parts.js';
import type { SiteView } from '../render/views.js';
import type { RelatedState } from './related-state.js';
import type { KnownCopies } from './copies.js';

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
  /** Article pages: where the body's HTML stands in the page's text, and the digest of the file bytes it was rendered from (see `LastPage`). */
  body?: { at: [number, number]; source: string };
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

export type Chunked = Head & { sources: number; outputs: number; copies: number; chunks: NonNullable<Head['chunks']> };
