/**
 * The related-story scorer's index: every article's profile in one array, each ordered rarest
 * term first, and the postings (term → the articles carrying it). Made afresh, or, in `warta
 * dev`, patched from the last computation's around the few profiles that changed: the same
 * arrays either way, for a few hundred microseconds instead of milliseconds.
 */

/** One article's profile: term ids and weights, strongest first. */
export interface Profile { term: number[]; weight: number[] }

/** Articles' profiles in CSR form: article a owns entries start[a] .. start[a + 1]. */
export interface Profiles { start: Int32Array; term: Int32Array; weight: Float64Array; terms: number }

/** Postings: the articles carrying each term in their profile (in `term`, ascending), with the weight there and their category. */
export interface Postings extends Profiles { category: Int32Array }

/** What the index is made of: articles' profiles (numbered newest first) and each one's category. */
export interface IndexInput { own: readonly Profile[]; categoryOf: Int32Array; rank: Int32Array }

/** The profiles (each rarest term first) and their postings, made afresh. */
export function indexProfiles({ own, categoryOf, rank }: IndexInput): { profiles: Profiles; index: Postings } {
  const n = own.length;
  let size = 0;
  for (const profile of own) size += profile.term.length;
  const profiles: Profiles = { start: new Int32Array(n + 1), term: new Int32Array(size), weight: new Float64Array(size), terms: rank.length };
  for (let a = 0, at = 0; a < n; a++) {
    const profile = own[a]!;
    for (let k = 0; k < profile.term.length; k++, at++) (profiles.term[at] = profile.term[k]!), (profiles.weight[at] = profile.weight[k]!);
    profiles.start[a + 1] = at;
  }
  // Postings do not depend on the order of terms within a profile: built first, their counts order the profiles.
  const index = invert(profiles, categoryOf);
  for (let a = 0; a < n; a++) rarestFirst(profiles, a, rank, index.start);
  return { profiles, index };
}

/** A patched index, with what patching found out. */
export interface IndexPatch {
  profiles: Profiles;
  index: Postings;
  /** The changed articles carrying each term in their new profile, with its weight there, ascending by article. */
  carriers: Map<number, { c: number; w: number }[]>;
  /** 1 for each article whose profile changed. */
  changed: Uint8Array;
  /** 1 for each article whose profile, or the order or count of one of its terms, may have changed. */
  redo: Uint8Array;
}

/**
 * The last computation's index patched for `changed` (ascending), the articles whose profile
 * changed, with every article at the place it had. A term no changed profile carries, before or
 * after, keeps its postings as they were; an article keeps its last order unless its profile
 * changed or it carries a term whose count changed (ranks of names keep their relative order
 * as names are added, so the order of its terms cannot otherwise move).
 */
export function patchIndex(last: { own: readonly Profile[]; profiles: Profiles; index: Postings }, input: IndexInput, changed: readonly number[]): IndexPatch {
  const { own, rank } = input;
  const carriers = carriersOf(own, changed);
  const touched = new Set(carriers.keys());
  for (const c of changed) for (const t of last.own[c]!.term) touched.add(t);
  const isChanged = new Uint8Array(own.length);
  for (const c of changed) isChanged[c] = 1;
  const index = patchPostings(last.index, input, last.own, changed, isChanged, carriers, touched);
  const profiles = patchSizes(last.profiles, own, changed, rank.length);
  const redo = isChanged.slice();
  for (const c of changed) {
    const { term, weight } = own[c]!;
    const from = profiles.start[c]!;
    for (let k = 0; k < term.length; k++) (profiles.term[from + k] = term[k]!), (profiles.weight[from + k] = weight[k]!);
  }
  // Articles carrying a term whose count changed: their entries, in their last order, sorted again.
  for (const t of touched) {
    if (index.start[t + 1]! - index.start[t]! === countOf(last.index, t)) continue;
    for (let j = index.start[t]!; j < index.start[t + 1]!; j++) redo[index.term[j]!] = 1;
  }
  for (let a = 0; a < own.length; a++) if (redo[a] === 1) rarestFirst(profiles, a, rank, index.start);
  return { profiles, index, carriers, changed: isChanged, redo };
}

/** The changed articles carrying each term in their new profile, with its weight there, ascending by article. */
function carriersOf(own: readonly Profile[], changed: readonly number[]): Map<number, { c: number; w: number }[]> {
  const carriers = new Map<number, { c: number; w: number }[]>();
  for (const c of changed) {
    const { term, weight } = own[c]!;
    for (let k = 0; k < term.length; k++) {
      const list = carriers.get(term[k]!);
      if (list) list.push({ c, w: weight[k]! });
      else carriers.set(term[k]!, [{ c, w: weight[k]! }]);
    }
  }
  return carriers;
}

/** How many profiles carry term t in postings (0 for a term they do not know). */
function countOf(postings: Postings, t: number): number {
  return t < postings.terms ? postings.start[t + 1]! - postings.start[t]! : 0;
}

/** The last postings with the changed articles taken out of their old terms' lists (`touched` holds those terms and their new ones) and merged into their new ones. */
function patchPostings(
  was: Postings,
  { categoryOf, rank }: IndexInput,
  before: readonly Profile[],
  changed: readonly number[],
  isChanged: Uint8Array,
  carriers: Map<number, { c: number; w: number }[]>,
  touched: Set<number>,
): Postings {
  const terms = rank.length;
  const start = new Int32Array(terms + 1);
  for (let t = 0; t < terms; t++) start[t + 1] = countOf(was, t);
  for (const c of changed) for (const t of before[c]!.term) start[t + 1]!--;
  for (const [t, list] of carriers) start[t + 1]! += list.length;
  for (let t = 0; t < terms; t++) start[t + 1]! += start[t]!;
  const size = start[terms]!;
  const index: Postings = { start, term: new Int32Array(size), weight: new Float64Array(size), category: new Int32Array(size), terms };
  const wasAt = (t: number) => was.start[Math.min(t, was.terms)]!;
  for (let t = 0; t < terms; ) {
    if (touched.has(t)) {
      let at = start[t]!;
      merge(was, t, isChanged, carriers.get(t), (doc, w) => ((index.term[at] = doc), (index.weight[at] = w), (index.category[at] = categoryOf[doc]!), at++));
      t++;
      continue;
    }
    // A run of untouched terms: their postings, as they were, in one copy.
    let u = t + 1;
    while (u < terms && !touched.has(u)) u++;
    const [from, to] = [wasAt(t), wasAt(u)];
    index.term.set(was.term.subarray(from, to), start[t]);
    index.weight.set(was.weight.subarray(from, to), start[t]);
    index.category.set(was.category.subarray(from, to), start[t]);
    t = u;
  }
  return index;
}

/** Emits term t's new postings in article order: its last ones but the changed articles', merged with the changed carriers. */
function merge(was: Postings, t: number, isChanged: Uint8Array, carriers: readonly { c: number; w: number }[] = [], emit: (doc: number, weight: number) => void): void {
  let k = 0;
  const [from, to] = t < was.terms ? [was.start[t]!, was.start[t + 1]!] : [0, 0];
  for (let j = from; j < to; j++) {
    const doc = was.term[j]!;
    if (isChanged[doc] === 1) continue;
    for (; k < carriers.length && carriers[k]!.c < doc; k++) emit(carriers[k]!.c, carriers[k]!.w);
    emit(doc, was.weight[j]!);
  }
  for (; k < carriers.length; k++) emit(carriers[k]!.c, carriers[k]!.w);
}

/** The last profiles' arrays, copied, with room made for the changed articles' new profiles (their entries left to be written). */
function patchSizes(was: Profiles, own: readonly Profile[], changed: readonly number[], terms: number): Profiles {
  const n = own.length;
  const start = new Int32Array(n + 1);
  start.set(was.start);
  let shift = 0;
  for (let i = 0; i < changed.length; i++) {
    const c = changed[i]!;
    const end = i + 1 < changed.length ? changed[i + 1]! : n;
    shift += own[c]!.term.length - (was.start[c + 1]! - was.start[c]!);
    if (shift !== 0) for (let a = c + 1; a <= end; a++) start[a] = was.start[a]! + shift;
  }
  const term = new Int32Array(start[n]!);
  const weight = new Float64Array(start[n]!);
  // Unchanged articles keep their entries (in their last order), in runs between the changed ones.
  let a = 0;
  for (const c of [...changed, n]) {
    term.set(was.term.subarray(was.start[a]!, was.start[c]!), start[a]);
    weight.set(was.weight.subarray(was.start[a]!, was.start[c]!), start[a]);
    a = c + 1;
  }
  return { start, term, weight, terms };
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
function rarestFirst(p: Profiles, a: number, rank: Int32Array, postings: Int32Array): void {
  // The count weighs above any rank.
  const key = (t: number) => rank[t]! + (postings[t + 1]! - postings[t]!) * 2 ** 26;
  const from = p.start[a]!;
  for (let k = from + 1; k < p.start[a + 1]!; k++) {
    const t = p.term[k]!;
    const w = p.weight[k]!;
    const own = key(t);
    let i = k;
    for (; i > from && key(p.term[i - 1]!) > own; i--) (p.term[i] = p.term[i - 1]!), (p.weight[i] = p.weight[i - 1]!);
    p.term[i] = t;
    p.weight[i] = w;
  }
}
