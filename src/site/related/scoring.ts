import type { Scratch } from './memory.js';
import { walkEnd, type Groups } from './model.js';
import type { Postings, Profiles } from './postings.js';

// Scoring (see relate.ts, steps 3 to 5): one article's candidates summed over the postings it
// walks, and the best kept by the one top-k insertion.

/** Scores one article at a time, reusing its buffers across articles. Articles are numbered newest first. */
export class Scorer {
  private readonly score: Float64Array;
  private readonly touched: Int32Array;
  private readonly picked: Int32Array;
  private readonly topScore: Float64Array;
  private readonly topDoc: Int32Array;
  private readonly everyone: Int32Array;

  constructor(
    private readonly profiles: Profiles,
    private readonly index: Postings,
    private readonly groups: Groups,
    private readonly count: number,
    private readonly cap: number,
    scratch: Scratch,
  ) {
    ({ score: this.score, touched: this.touched, picked: this.picked, everyone: this.everyone } = scratch);
    this.topScore = new Float64Array(count);
    this.topDoc = new Int32Array(count);
  }

  /** The related articles of `a`, most related first; their scores go to `scores` at a × count (NaN for places filled without a score). */
  relate(a: number, scores: Float64Array): number[] {
    const found = this.select(this.accumulate(a));
    const out = Array.from(this.topDoc.subarray(0, found));
    scores.set(this.topScore.subarray(0, found), a * this.count);
    scores.fill(NaN, a * this.count + found, (a + 1) * this.count);
    if (found === this.count) return out;
    for (const b of out) this.picked[b] = a;
    this.fill(a, out, this.groups.members[this.groups.of[a]!]!, this.groups.at[a]!);
    this.fill(a, out, this.everyone, a);
    return out;
  }

  /**
   * Adds w_a(t) × w_b(t) to every b over a's profile terms, rarest first, within the caps, and
   * the category bonus when b is first touched; returns how many b were touched.
   */
  private accumulate(a: number): number {
    const { score, touched, cap } = this;
    const { start: starts, term: docs, weight: weights, category: categories } = this.index;
    const { term: terms, weight: own } = this.profiles;
    const category = this.groups.of[a]!;
    const bonus = this.groups.bonus[category]!;
    let touchedCount = 0;
    for (let k = this.profiles.start[a]!, end = walkEnd(this.profiles, a, starts, cap); k < end; k++) {
      const from = starts[terms[k]!]!;
      const to = starts[terms[k]! + 1]!;
      const wa = own[k]!;
      for (let j = from; j < to; j++) {
        const b = docs[j]!;
        if (b === a) continue;
        if (score[b] === 0) ((touched[touchedCount++] = b), (score[b] = categories[j] === category ? bonus : 0));
        score[b] += wa * weights[j]!;
      }
    }
    return touchedCount;
  }

  /** Keeps the best `count` touched candidates in topDoc (equal scores: lower number, i.e. newer, first), resets scores; returns how many. */
  private select(touchedCount: number): number {
    const { score, touched, topScore, topDoc, count } = this;
    let size = 0;
    for (let k = 0; k < touchedCount; k++) {
      const b = touched[k]!;
      const s = score[b]!;
      score[b] = 0;
      size = insertTop(topDoc, topScore, 0, size, count, b, s);
    }
    return size;
  }

  /**
   * Tops `out` up from `pool` (newest first, a at position `at`): the stories just before a
   * first, then those just after. Publishing a new story then changes only the lists of the
   * few newest stories that had too few earlier ones, never every short list in the archive.
   */
  private fill(a: number, out: number[], pool: Int32Array, at: number): void {
    for (let k = at + 1; k < pool.length && out.length < this.count; k++) this.take(a, out, pool[k]!);
    for (let k = at - 1; k >= 0 && out.length < this.count; k--) this.take(a, out, pool[k]!);
  }

  /** Adds b to a's list unless it is a or already there. */
  private take(a: number, out: number[], b: number): void {
    if (b !== a && this.picked[b] !== a) (out.push(b), (this.picked[b] = a));
  }
}

/**
 * Puts article b with score s into a top list of `size` articles held in docs[0 ..] and their
 * scores in scores[from ..], most related first (equal scores: lower number, i.e. newer,
 * first), keeping at most `count`; returns the list's new size. The one top-k insertion:
 * scoring and the quick rescoring both keep their lists with it.
 */
export function insertTop(
  docs: number[] | Int32Array,
  scores: Float64Array,
  from: number,
  size: number,
  count: number,
  b: number,
  s: number,
): number {
  // Written out, not a closure: this runs for every candidate of every article.
  if (size === count && !(s > scores[from + size - 1]! || (s === scores[from + size - 1] && b < docs[size - 1]!)))
    return size;
  let i = size < count ? size++ : count - 1;
  for (; i > 0 && (s > scores[from + i - 1]! || (s === scores[from + i - 1] && b < docs[i - 1]!)); i--) {
    docs[i] = docs[i - 1]!;
    scores[from + i] = scores[from + i - 1]!;
  }
  docs[i] = b;
  scores[from + i] = s;
  return size;
}
