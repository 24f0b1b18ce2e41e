import type { Terms } from '../../content/article.js';
import type { Postings, Profile, Profiles } from './postings.js';

// The related-story stage's shared vocabulary: what it reads of an article, what one
// computation leaves for the next, and the rule that decides which postings an article walks.

/** What the related-story scorer needs of a published article. */
export interface RelatedInput {
  terms: Terms;
  tags: string[];
  categorySlug: string;
  date: number;
  url: string;
}

/** Options: how many per article. */
export interface RelatedOptions {
  count: number;
}

/**
 * idf = ln(1 + SCALE / df) rather than ln(N / df): weights then depend on how many articles
 * carry a term, not on the archive's size, so publishing one article shifts only the weights
 * of its own terms, and the lists of articles that share none of them stay as they were.
 */
export const SCALE = 100_000;

/**
 * Each article's related list, by index. A list is undefined while a memory restored from the
 * cache for stand-ins has not read it: it is in the computation's `stored` lists, and
 * `lastList` reads it.
 */
export type RelatedLists = (number[] | undefined)[];

/** A computation, as the next one goes on from it. */
export interface LastComputation {
  idf: Float64Array;
  articles: RelatedInput[];
  order: Int32Array;
  place: Int32Array;
  count: number;
  groups: Groups;
  own: Profile[];
  profiles: Profiles;
  index: Postings;
  related: RelatedLists;
  /**
   * The lists as the cache holds them (flat, by index in `articles`) and the lists restored
   * from them, when the memory was restored: a list still the same array afterwards is unchanged.
   */
  stored?: { flat: { start: Int32Array; items: Int32Array }; restored: RelatedLists };
  scores: Float64Array;
}

/** Categories: each article's category id and place in it, each category's bonus, and its articles newest first. */
export interface Groups {
  of: Int32Array;
  at: Int32Array;
  bonus: Float64Array;
  members: Int32Array[];
}

/** Each article's number (place in recency order), by its index. */
export function placesOf(order: Int32Array): Int32Array {
  const place = new Int32Array(order.length);
  for (let r = 0; r < order.length; r++) place[order[r]!] = r;
  return place;
}

/** Postings walked per article at most (beyond its rarest term): bounds the cost per article. */
export const WALK_BUDGET = 1000;

/**
 * Where article `a`'s scoring walk ends among its profile's entries (positions in the
 * profiles' CSR arrays), given each term's postings' offsets: it walks its terms in order,
 * rarest first, and stops at the first whose postings exceed the cap or would take it past
 * WALK_BUDGET postings (the rarest term is always walked). The one walk rule: scoring, the
 * quick rescoring and the index patch all follow it.
 */
export function walkEnd(p: Profiles, a: number, postings: Int32Array, cap: number): number {
  let total = 0;
  let k = p.start[a]!;
  for (const end = p.start[a + 1]!; k < end; k++) {
    const t = p.term[k]!;
    const length = t + 1 < postings.length ? postings[t + 1]! - postings[t]! : 0;
    if (length > cap || (total > 0 && total + length > WALK_BUDGET)) break;
    total += length;
  }
  return k;
}

/** The entries (positions in the profiles' CSR arrays) that article `a`'s scoring walks, in order (see `walkEnd`). */
export function walked(p: Profiles, a: number, postings: Int32Array, cap: number): number[] {
  const out: number[] = [];
  for (let k = p.start[a]!, end = walkEnd(p, a, postings, cap); k < end; k++) out.push(k);
  return out;
}

/** The last list of article i, read from the cache (and kept) when it was not read yet. */
export function lastList(last: LastComputation, i: number): number[] {
  let list = last.related[i];
  if (!list) {
    const { start, items } = last.stored!.flat;
    last.related[i] = list = Array.from({ length: start[i + 1]! - start[i]! }, (_, k) => items[start[i]! + k]!);
  }
  return list;
}

/** Every list of a memory's last computation, each read from the cache that was not yet. */
export function everyList(last: LastComputation): number[][] {
  for (let i = 0; i < last.related.length; i++) lastList(last, i);
  return last.related as number[][];
}
