import { ByPlace } from '../../util/memo.js';
import { lastList, type LastComputation, type RelatedInput } from './model.js';
import type { Profile } from './postings.js';
import { TermIds } from './term-ids.js';

/**
 * What one computation leaves for the next in the same process (`warta dev`), so that an edit
 * costs what it touches: terms are interned once per article object, a profile is made again
 * only when its article or the idf of one of its terms changed, and, when the archive's shape
 * (articles, dates, URLs, categories) is unchanged, only the articles sharing a term with a
 * changed profile are scored again. The result is always the one a fresh computation gives.
 */
export class RelatedMemory {
  /** Every term and tag key seen, by id (ids in the order first seen); tags start with `#`. */
  readonly names: string[];
  readonly ids: TermIds;

  /** `names`: those of a computation read back from the cache (see `TermIds.restore`). */
  constructor(names: string[] = []) {
    this.names = names;
    this.ids = new TermIds(names);
  }

  /** Each id's rank in the alphabetical order of `names`; ties break by it, never by when a term was first seen. */
  rank: Int32Array = new Int32Array(0);
  /**
   * Each article's distinct term ids, with their tf (tags: -1), and its profile, by place in
   * the last computation's recency order; an article that moved (one added or removed shifts
   * every later one) is followed to its new place.
   */
  readonly interned = new ByPlace<RelatedInput, Profile>(true);
  readonly profiles = new ByPlace<RelatedInput, Profile>(true);
  /** The scorer's buffers. */
  scratch?: Scratch;
  /** The last computation's interned terms, all in one array. */
  table?: TermTable;
  /**
   * The last computation's index, profiles and scores may be overwritten by the next: set by a
   * one-shot process whose memory was restored from the cache (see quick.ts), where nothing
   * reads them afterwards; never in `warta dev`, whose cache may hold them.
   */
  inPlace = false;
  /** The last computation, for the next to compare with. */
  last?: LastComputation;
}

/**
 * Stands for an article's interned terms that a memory read back from the cache has only as
 * ids in its table: the article is interned again when its profile must be picked again.
 */
export const UNREAD: Profile = { term: [], weight: [] };

/**
 * Every article's interned term ids in one array (article a's at start[a] .. start[a + 1]):
 * passes over all articles' terms read it instead of visiting each article's object. With
 * each id's document frequency: how many articles carry it.
 */
export interface TermTable {
  items: readonly Profile[];
  start: Int32Array;
  term: Int32Array;
  df: Float64Array;
}

/** A scorer's buffers over the archive's articles, kept for the next computation of the same size. */
export interface Scratch {
  score: Float64Array;
  touched: Int32Array;
  picked: Int32Array;
  everyone: Int32Array;
}

/**
 * Buffers for `n` articles: the last ones when their size fits (scores are left at zero by
 * every scoring; marks of picked articles are cleared, as they name the article that picked),
 * else new ones.
 */
export function scratchFor(n: number, last: Scratch | undefined): Scratch {
  if (last?.score.length === n) return (last.picked.fill(-1), last);
  const everyone = new Int32Array(n);
  for (let i = 0; i < n; i++) everyone[i] = i;
  return { score: new Float64Array(n), touched: new Int32Array(n), picked: new Int32Array(n).fill(-1), everyone };
}

/** The related list of article i (by index) in a memory's last computation, read from the cache when it was not yet. */
export function relatedList(memory: RelatedMemory, i: number): number[] {
  return lastList(memory.last!, i);
}
