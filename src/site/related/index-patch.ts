import { lowerBound } from '../../util/search.js';
import { rarestFirst, type IndexInput, type Postings, type Profile, type Profiles } from './postings.js';

// The index patched around the few profiles an edit changed (see postings.ts): the same arrays
// a fresh index gives, for a few hundred microseconds instead of milliseconds.

/** A patched index, with what patching found out. */
export interface IndexPatch {
  profiles: Profiles;
  index: Postings;
  /** The changed articles carrying each term in their new profile, with its weight there, ascending by article. */
  carriers: Map<number, { c: number; w: number }[]>;
  /** 1 for each article whose profile changed. */
  changed: Uint8Array;
  /** 1 for each article whose profile changed or whose scoring walks other terms, or in another order, than last time. */
  moved: Uint8Array;
}

/** How `patchIndex` works. */
export interface PatchOptions {
  /**
   * The last computation's arrays may be overwritten, as nothing reads them afterwards (a
   * one-shot process): when every changed profile keeps its size, entries move within them
   * instead of being copied into new arrays (at 100,000 articles, 40 MB made and filled).
   */
  inPlace: boolean;
  /** The terms article a's scoring walks, in order, given each term's postings' offsets (see model.ts, `walkEnd`). */
  walk: (profiles: Profiles, a: number, postings: Int32Array) => number[];
}

/**
 * The last computation's index patched for `changed` (ascending), the articles whose profile
 * changed, with every article at the place it had. A term no changed profile carries, before or
 * after, keeps its postings as they were; an article keeps its last order unless its profile
 * changed or it carries a term whose count changed (ranks of names keep their relative order
 * as names are added, so the order of its terms cannot otherwise move).
 */
export function patchIndex(
  last: { own: readonly Profile[]; profiles: Profiles; index: Postings },
  input: IndexInput,
  changed: readonly number[],
  how: PatchOptions,
): IndexPatch {
  const { own, rank } = input;
  const carriers = carriersOf(own, changed);
  const touched = new Set(carriers.keys());
  for (const c of changed) for (const t of last.own[c]!.term) touched.add(t);
  const isChanged = new Uint8Array(own.length);
  for (const c of changed) isChanged[c] = 1;
  const start = postingStarts(last.index, rank.length, last.own, changed, carriers);
  const inPlace =
    how.inPlace && changed.every((c) => own[c]!.term.length === last.profiles.start[c + 1]! - last.profiles.start[c]!);
  const plan = planPostings(last.index, start, last.own, changed, carriers, touched);
  const index = (inPlace ? movePostings : copyPostings)(last.index, start, plan, input.categoryOf);
  const profiles = inPlace
    ? { ...last.profiles, terms: rank.length }
    : patchSizes(last.profiles, own, changed, rank.length);
  // Other articles carrying a term whose count changed: their entries, in their last order, sorted again.
  const redo = new Set<number>();
  for (const t of touched) {
    if (index.start[t + 1]! - index.start[t]! === countOf(last.index, t)) continue;
    for (let j = index.start[t]!; j < index.start[t + 1]!; j++)
      if (isChanged[index.term[j]!] === 0) redo.add(index.term[j]!);
  }
  const walks = [...redo].map((a) => [a, how.walk(profiles, a, last.index.start)] as const);
  const moved = isChanged.slice();
  for (const c of changed) {
    const { term, weight } = own[c]!;
    const from = profiles.start[c]!;
    for (let k = 0; k < term.length; k++)
      ((profiles.term[from + k] = term[k]!), (profiles.weight[from + k] = weight[k]!));
    rarestFirst(profiles, c, rank, index.start);
  }
  for (const [a, walk] of walks) {
    rarestFirst(profiles, a, rank, index.start);
    if (!sameList(walk, how.walk(profiles, a, index.start))) moved[a] = 1;
  }
  return { profiles, index, carriers, changed: isChanged, moved };
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
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

/** Each term's postings' offsets after the changed articles were taken out of their old terms' lists and put into their new ones'. */
function postingStarts(
  was: Postings,
  terms: number,
  before: readonly Profile[],
  changed: readonly number[],
  carriers: Map<number, { c: number; w: number }[]>,
): Int32Array {
  const start = new Int32Array(terms + 1);
  for (let t = 0; t < terms; t++) start[t + 1] = countOf(was, t);
  for (const c of changed) for (const t of before[c]!.term) start[t + 1]!--;
  for (const [t, list] of carriers) start[t + 1]! += list.length;
  for (let t = 0; t < terms; t++) start[t + 1]! += start[t]!;
  return start;
}

/**
 * How the last postings become the new ones: blocks of their entries, each moved whole to a new
 * place (in their order: a block starting later goes later), and the changed articles' new
 * entries put between them. A touched term's long postings are not visited: its changed
 * articles' entries are found by binary search (postings are in article order), so a patch
 * costs the entries it moves, in a few large copies.
 */
interface PostingsPlan {
  blocks: { from: number; to: number; at: number }[];
  puts: { at: number; doc: number; weight: number }[];
}

/** The plan for the changed articles leaving their old terms' postings (`before`) and joining their new ones' (`carriers`). */
function planPostings(
  was: Postings,
  start: Int32Array,
  before: readonly Profile[],
  changed: readonly number[],
  carriers: Map<number, { c: number; w: number }[]>,
  touched: Set<number>,
): PostingsPlan {
  const wasAt = (t: number) => was.start[Math.min(t, was.terms)]!;
  const leaving = new Map<number, number[]>();
  for (const c of changed) for (const t of before[c]!.term) leaving.set(t, [...(leaving.get(t) ?? []), c]);
  const plan: PostingsPlan = { blocks: [], puts: [] };
  let [from, at] = [0, 0];
  const copyTo = (to: number) => {
    if (to > from) (plan.blocks.push({ from, to, at }), (at += to - from));
    from = to;
  };
  for (const t of [...touched].sort((x, y) => x - y)) {
    const [first, end] = [wasAt(t), wasAt(t + 1)];
    const find = (doc: number) => lowerBound(first, end, (j) => was.term[j]! < doc);
    // Where each leaving entry is and where each joining one goes, in the last postings; at one place, joining first.
    const events = [
      ...(leaving.get(t) ?? []).map((doc) => ({ place: find(doc), joins: undefined })),
      ...(carriers.get(t) ?? []).map((joins) => ({ place: find(joins.c), joins })),
    ];
    events.sort((x, y) => x.place - y.place || (x.joins ? 0 : 1) - (y.joins ? 0 : 1));
    for (const { place, joins } of events) {
      copyTo(place);
      if (joins) plan.puts.push({ at: at++, doc: joins.c, weight: joins.w });
      else from = place + 1;
    }
    copyTo(end);
  }
  copyTo(was.term.length);
  if (at !== start[start.length - 1]) throw new Error('related index: a patch that does not add up');
  return plan;
}

/** The last postings patched by a plan into new arrays. */
function copyPostings(was: Postings, start: Int32Array, plan: PostingsPlan, categoryOf: Int32Array): Postings {
  const size = start[start.length - 1]!;
  const index: Postings = {
    start,
    term: new Int32Array(size),
    weight: new Float64Array(size),
    category: new Int32Array(size),
    terms: start.length - 1,
  };
  for (const { from, to, at } of plan.blocks) {
    index.term.set(was.term.subarray(from, to), at);
    index.weight.set(was.weight.subarray(from, to), at);
    index.category.set(was.category.subarray(from, to), at);
  }
  return put(index, plan, categoryOf);
}

/**
 * The last postings patched by a plan in their own arrays (the total of entries unchanged). Blocks
 * keep their order, so moving those that go left first to last, then those that go right last
 * to first, overwrites only entries already moved or left behind.
 */
function movePostings(was: Postings, start: Int32Array, plan: PostingsPlan, categoryOf: Int32Array): Postings {
  const move = ({ from, to, at }: PostingsPlan['blocks'][number]) =>
    [was.term, was.weight, was.category].forEach((a) => a.copyWithin(at, from, to));
  for (const block of plan.blocks) if (block.at < block.from) move(block);
  for (let i = plan.blocks.length - 1; i >= 0; i--)
    if (plan.blocks[i]!.at > plan.blocks[i]!.from) move(plan.blocks[i]!);
  return put(
    { start, term: was.term, weight: was.weight, category: was.category, terms: start.length - 1 },
    plan,
    categoryOf,
  );
}

function put(index: Postings, plan: PostingsPlan, categoryOf: Int32Array): Postings {
  for (const { at, doc, weight } of plan.puts)
    ((index.term[at] = doc), (index.weight[at] = weight), (index.category[at] = categoryOf[doc]!));
  return index;
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
