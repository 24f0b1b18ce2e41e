/**
 * The related-story scorer's index: every article's profile in one array, each ordered rarest
 * term first, and the postings (term → the articles carrying it). Made afresh, or, in `warta
 * dev`, patched from the last computation's around the few profiles that changed: the same
 * arrays either way, for a few hundred microseconds instead of milliseconds.
 */

/** One article's profile: term ids and weights, strongest first. */
export interface Profile {
  term: number[];
  weight: number[];
}

/** Articles' profiles in CSR form: article a owns entries start[a] .. start[a + 1]. */
export interface Profiles {
  start: Int32Array;
  term: Int32Array;
  weight: Float64Array;
  terms: number;
}

/** Postings: the articles carrying each term in their profile (in `term`, ascending), with the weight there and their category. */
export interface Postings extends Profiles {
  category: Int32Array;
}

/** What the index is made of: articles' profiles (numbered newest first) and each one's category. */
export interface IndexInput {
  own: readonly Profile[];
  categoryOf: Int32Array;
  rank: Int32Array;
}

/** The profiles (each rarest term first) and their postings, made afresh. */
export function indexProfiles({ own, categoryOf, rank }: IndexInput): { profiles: Profiles; index: Postings } {
  const n = own.length;
  let size = 0;
  for (const profile of own) size += profile.term.length;
  const profiles: Profiles = {
    start: new Int32Array(n + 1),
    term: new Int32Array(size),
    weight: new Float64Array(size),
    terms: rank.length,
  };
  for (let a = 0, at = 0; a < n; a++) {
    const profile = own[a]!;
    for (let k = 0; k < profile.term.length; k++, at++)
      ((profiles.term[at] = profile.term[k]!), (profiles.weight[at] = profile.weight[k]!));
    profiles.start[a + 1] = at;
  }
  // Postings do not depend on the order of terms within a profile: built first, their counts order the profiles.
  const index = invert(profiles, categoryOf);
  for (let a = 0; a < n; a++) rarestFirst(profiles, a, rank, index.start);
  return { profiles, index };
}

/** Inverts the profiles into postings, article numbers ascending. */
function invert(p: Profiles, categoryOf: Int32Array): Postings {
  const start = new Int32Array(p.terms + 1);
  for (let k = 0; k < p.term.length; k++) start[p.term[k]! + 1]!++;
  for (let t = 0; t < p.terms; t++) start[t + 1]! += start[t]!;
  const fill = start.slice(0, p.terms);
  const doc = new Int32Array(p.term.length);
  const weight = new Float64Array(p.term.length);
  const category = new Int32Array(p.term.length);
  for (let a = 0; a + 1 < p.start.length; a++) {
    for (let k = p.start[a]!; k < p.start[a + 1]!; k++) {
      const at = fill[p.term[k]!]!++;
      doc[at] = a;
      weight[at] = p.weight[k]!;
      category[at] = categoryOf[a]!;
    }
  }
  return { start, term: doc, weight, category, terms: p.terms };
}

/**
 * Orders article a's profile by how many profiles share each term, so scoring walks the telling
 * (rare) terms first; equal counts by the term's rank, which is canonical.
 */
export function rarestFirst(p: Profiles, a: number, rank: Int32Array, postings: Int32Array): void {
  // The count weighs above any rank.
  const key = (t: number) => rank[t]! + (postings[t + 1]! - postings[t]!) * 2 ** 26;
  const from = p.start[a]!;
  for (let k = from + 1; k < p.start[a + 1]!; k++) {
    const t = p.term[k]!;
    const w = p.weight[k]!;
    const own = key(t);
    let i = k;
    for (; i > from && key(p.term[i - 1]!) > own; i--) ((p.term[i] = p.term[i - 1]!), (p.weight[i] = p.weight[i - 1]!));
    p.term[i] = t;
    p.weight[i] = w;
  }
}
