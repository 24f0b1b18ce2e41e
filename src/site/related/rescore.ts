import type { IndexPatch } from './index-patch.js';
import { lastList, walked, type Groups, type LastComputation } from './model.js';
import { insertTop } from './scoring.js';

/**
 * Rescoring around an edit (see `relateArticles`): the quick way of rescoring an article whose
 * walk is as it was, from its last list, which a memory restored from the cache reads only
 * when asked for.
 */

/** More than the relative rounding error of a score (a category bonus and a profile's products of weights, summed in any order). */
const ROUNDING = 1e-9;

/** Said of a list that stays as the last computation had it (see `QuickRescore.relate`). */
export const KEPT = Symbol('kept');

/**
 * Rescoring of an article around a few changed profiles, from its last list. When the article's
 * own profile is unchanged and it walks the same terms in the same order as last time (the
 * counts that order and cut its walk did not move), every candidate that is not a changed
 * article gets the very same sum as before, added in the same order: only the changed
 * articles' scores are new. If its last list held no changed article and no place filled
 * without a score, the new list is that list, with its scores, merged with the changed
 * articles' new scores: exactly what scoring it afresh gives, without walking any postings.
 */
export class QuickRescore {
  private readonly count: number;
  /** 1 for each term a changed profile carries. */
  private readonly carried: Uint8Array;
  /**
   * For each article, more than any changed article's new score in it can be, less its category
   * bonus: the sum, over every term a changed profile carries, of the products of weights
   * (every weight is positive, so the terms an article walks give no more, up to rounding).
   */
  private readonly reach: Float64Array;
  /** Sums for the changed articles that one article's walk touches: articles and their scores. */
  private readonly sumDoc: number[] = [];
  private readonly sumScore: number[] = [];

  constructor(
    private readonly last: LastComputation,
    private readonly patch: IndexPatch,
    private readonly groups: Groups,
    private readonly cap: number,
  ) {
    this.count = last.count;
    this.carried = new Uint8Array(patch.index.terms);
    for (const t of patch.carriers.keys()) this.carried[t] = 1;
    this.reach = new Float64Array(last.order.length);
    const { start, term, weight } = patch.index;
    for (const [t, list] of patch.carriers) {
      // A term past the cap is walked by no article.
      if (start[t + 1]! - start[t]! > cap) continue;
      for (const { w } of list) for (let j = start[t]!; j < start[t + 1]!; j++) this.reach[term[j]!]! += w * weight[j]!;
    }
  }

  /**
   * The new list of `r` (numbered newest first), its scores written to `scores`; KEPT when it is
   * last time's list, scores and all (no changed article's new score enters it: most articles
   * around an edit), which is then not even read from the cache; undefined when the quick way
   * does not hold.
   */
  relate(r: number, scores: Float64Array): number[] | typeof KEPT | undefined {
    const { count, last, patch } = this;
    // Its own profile, or the terms it walks or their order, changed: its sums are not last time's.
    if (patch.moved[r] === 1) return undefined;
    const from = r * count;
    const at = last.order[r]!;
    const length = lastLength(last, at);
    for (let k = 0; k < length; k++)
      if (patch.changed[last.place[lastItem(last, at, k)]!] === 1 || Number.isNaN(last.scores[from + k]!))
        return undefined;
    if (
      length === count &&
      (this.reach[r]! + this.groups.bonus[this.groups.of[r]!]!) * (1 + ROUNDING) < last.scores[from + length - 1]!
    )
      return KEPT;
    const found = this.sums(r, walked(patch.profiles, r, patch.index.start, this.cap));
    if (!this.enters(found, scores, from, length, length && last.place[lastItem(last, at, length - 1)]!)) return KEPT;
    const list = lastList(last, at).map((b) => last.place[b]!);
    for (let i = 0, size = list.length; i < found; i++)
      size = insertTop(list, scores, from, size, count, this.sumDoc[i]!, this.sumScore[i]!);
    return list;
  }

  /** Whether one of the `found` sums enters a list of `length` held at scores[from ..], whose last article is `tail`. */
  private enters(found: number, scores: Float64Array, from: number, length: number, tail: number): boolean {
    // As `insert` decides: a list not full takes any; a full one, a score above its last's, or equal and newer.
    const least = length < this.count ? -Infinity : scores[from + length - 1]!;
    for (let i = 0; i < found; i++)
      if (this.sumScore[i]! > least || (this.sumScore[i] === least && this.sumDoc[i]! < tail)) return true;
    return false;
  }

  /**
   * What accumulating gives each changed article that `r`'s walk touches: the same additions,
   * in the same order (the walk's), as Scorer.accumulate makes, so the same sums. Returns how
   * many articles got one (in sumDoc and sumScore).
   */
  private sums(r: number, walk: readonly number[]): number {
    const { profiles, carriers } = this.patch;
    const { of, bonus } = this.groups;
    const { sumDoc, sumScore } = this;
    let found = 0;
    for (const k of walk) {
      const t = profiles.term[k]!;
      if (this.carried[t] !== 1) continue;
      for (const { c, w } of carriers.get(t)!) {
        let i = sumDoc.indexOf(c, 0);
        if (i < 0 || i >= found) ((i = found++), (sumDoc[i] = c), (sumScore[i] = of[c] === of[r] ? bonus[of[r]!]! : 0));
        sumScore[i]! += profiles.weight[k]! * w;
      }
    }
    return found;
  }
}

/** The length of the last list of article i, and its item k, without making the list when it was not read. */
function lastLength(last: LastComputation, i: number): number {
  const list = last.related[i];
  return list ? list.length : last.stored!.flat.start[i + 1]! - last.stored!.flat.start[i]!;
}

function lastItem(last: LastComputation, i: number, k: number): number {
  const list = last.related[i];
  return list ? list[k]! : last.stored!.flat.items[last.stored!.flat.start[i]! + k]!;
}
