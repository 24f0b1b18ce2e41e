import type { Terms } from '../../content/article.js';
import { ByPlace, sameItems } from '../../util/memo.js';
import { indexProfiles, patchIndex, type Postings, type Profile, type Profiles } from './postings.js';
import { KEPT, lastList, QuickRescore, WALK_BUDGET, walked } from './rescore.js';
import { TermIds } from './term-ids.js';

/**
 * Related stories ("Berita Lainnya"): for every article, the articles most like it.
 *
 * 1. Profiles. Each term gets tf × idf, with tf the weight `extractTerms` gave it and
 *    idf = ln(1 + 100000 / df) rounded to 0.05, df counted over all articles' term lists. The
 *    vector is L2-normalised and only its 12 strongest terms are kept: the article's profile.
 *    Tags (lower-cased) join the profile as terms of their own, weighted
 *    TAG_BOOST × idf / ln 100001: they are the editor's
 *    intent, so a rare shared tag weighs about as much as a strongly shared name, but only
 *    some articles have tags, so they add to the text's evidence instead of replacing it.
 * 2. Inverted index: term → the articles carrying it in their profile (one Int32Array in CSR
 *    form, with each entry's weight and category alongside). Articles are numbered newest
 *    first, so the tie-break below is a comparison of numbers and a story's articles, being
 *    close in time, sit close together in memory.
 * 3. Scoring article a: walk the postings of a's profile terms, rarest first, and add
 *    w_a(t) × w_b(t) to b's score (a dot product of profiles), in a Float64Array with a list
 *    of touched entries that is reset afterwards, so each article costs only its candidates,
 *    never N. Postings longer than max(50, 2% of N) are skipped: such terms are too common to
 *    tell stories apart (the stop-word cut-off of search engines) and would make the walk
 *    quadratic. The walk also stops before it would cover more than WALK_BUDGET (1,000)
 *    postings (the rarest term is always walked), so no article costs more than the budget
 *    plus the cap, whatever the vocabulary: the common terms left out are the weakest evidence.
 * 4. Candidates in a's category get CATEGORY_BONUS × idf(category) / ln 100001, so sharing a small
 *    category (Sains) counts more than sharing a huge one (Nasional). The bonus only reorders
 *    candidates found through terms or tags; it never brings in new ones.
 * 5. The best `count` are kept by a bounded insertion selection (no sort of all candidates),
 *    ordered by score, then date (newest first), then URL. When fewer than `count` were
 *    found, the list is filled with the articles just before a in its category (then just
 *    after), then likewise from the whole archive, so every list is full when the archive
 *    allows it; a new story so changes only the short lists of the few newest. Never a itself.
 *
 * Deterministic, and independent of input order: ties between terms break by the term (its
 * rank in the order of the terms' names), between articles by date and URL.
 * Cost: O(N log N) to order and index, then at most budget + cap postings per article.
 */

/** What the related-story scorer needs of a published article. */
export interface RelatedInput { terms: Terms; tags: string[]; categorySlug: string; date: number; url: string }

/** Options: how many per article. */
export interface RelatedOptions { count: number }

/** How many of its strongest terms an article is matched on. */
const PROFILE_TERMS = 12;
/**
 * idf = ln(1 + SCALE / df) rather than ln(N / df): weights then depend on how many articles
 * carry a term, not on the archive's size, so publishing one article shifts only the weights
 * of its own terms, and the lists of articles that share none of them stay as they were.
 */
const SCALE = 100_000;
/** Weight of a tag relative to the idf-scaled maximum. */
const TAG_BOOST = 0.5;
/** Largest category bonus (for a category of one article). */
const CATEGORY_BONUS = 0.05;
/** Postings longer than this share of the archive (but at least POSTINGS_CAP_MIN) are skipped. */
const POSTINGS_CAP_SHARE = 0.02;
const POSTINGS_CAP_MIN = 50;

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
  /** Each article's distinct term ids, with their tf (tags: -1). */
  readonly interned = new WeakMap<RelatedInput, Profile>();
  /** Each article's profile, with the computation it was last checked in. */
  readonly profiles = new WeakMap<RelatedInput, { profile: Profile; round: number }>();
  round = 0;
  /** The scorer's buffers. */
  scratch?: Scratch;
  /** The same, by place in the last computation's recency order: cheaper to look up while no article moved. */
  readonly byPlace = { interned: new ByPlace<RelatedInput, Profile>(), profiles: new ByPlace<RelatedInput, Profile>() };
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
 * A computation, as the next one goes on from it. A list of `related` may be `UNREAD_LIST`,
 * when the memory was restored from the cache for stand-ins: it is in `stored` (flat, by index
 * in `articles`), read when first asked for (see `lastList`).
 */
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
  related: number[][];
  stored?: { start: Int32Array; items: Int32Array };
  scores: Float64Array;
}

/** For each article (by index), the indices of its related articles, most related first. */
export function relateArticles(articles: readonly RelatedInput[], options: RelatedOptions, memory = new RelatedMemory()): number[][] {
  const n = articles.length;
  const count = Math.max(0, Math.min(Math.floor(options.count), n - 1));
  if (!(count > 0)) return articles.map(() => []);
  const last = memory.last;
  const sameShape = last !== undefined && last.count === count && sameOrder(last.articles, articles);
  // Work in recency order: a lower number is newer (ties by URL), and stories sit close together.
  const order = sameShape ? last.order : recencyOrder(articles);
  const place = sameShape ? last.place : placesOf(order);
  const sorted = new Array<RelatedInput>(n);
  for (let r = 0; r < n; r++) sorted[r] = articles[order[r]!]!;
  const { own, idf } = buildProfiles(sorted, memory);
  const groups = sameShape ? last.groups : categoryGroups(sorted);
  const changed = sameShape ? changedProfiles(last.own, own) : undefined;
  const few = changed !== undefined && changed.length <= FEW_CHANGED;
  const input = { own, categoryOf: groups.of, rank: memory.rank };
  const cap = Math.max(POSTINGS_CAP_MIN, Math.ceil(n * POSTINGS_CAP_SHARE));
  const walk = (p: Profiles, a: number, postings: Int32Array) => walked(p, a, postings, cap).map((k) => p.term[k]!);
  const patch = few ? patchIndex(last!, input, changed, { inPlace: memory.inPlace, walk }) : undefined;
  const { profiles, index } = patch ?? indexProfiles(input);
  const scorer = new Scorer(profiles, index, groups, count, cap, (memory.scratch = scratchFor(n, memory.scratch)));
  const related: number[][] = sameShape ? last.related.slice() : new Array(n);
  // Each article's row is read before it is written, and by its own scoring alone: in place, when the memory allows.
  const scores = sameShape ? (memory.inPlace ? last.scores : last.scores.slice()) : new Float64Array(n * count);
  const around = changed ? aroundChanges(last!.own, own, changed, last!.index.start, index, cap) : Array.from(order.keys());
  const quick = patch ? new QuickRescore(last!, patch, groups, cap) : undefined;
  for (const r of [...(changed ?? []), ...around]) {
    const found = quick?.relate(r, scores) ?? scorer.relate(r, scores);
    if (found === KEPT) continue;
    const list = found.map((b) => order[b]!);
    // An unchanged list stays the same array: later stages tell unchanged lists by reference.
    const before = sameShape ? lastList(last, order[r]!) : undefined;
    related[order[r]!] = before && sameItems(before, list) ? before : list;
  }
  memory.last = { idf, articles: articles.slice(), order, place, count, groups, own, profiles, index, related, stored: sameShape ? last.stored : undefined, scores };
  return related;
}

/**
 * Up to how many changed profiles the index is patched and articles are rescored the quick way
 * (beyond, most of the archive is around them anyway).
 */
const FEW_CHANGED = 256;

/** Articles (numbered newest first) whose profile differs from the last computation's. */
function changedProfiles(before: readonly Profile[], after: readonly Profile[]): number[] {
  const changed: number[] = [];
  for (let r = 0; r < after.length; r++) if (!sameProfile(before[r]!, after[r]!)) changed.push(r);
  return changed;
}

/**
 * Articles (numbered newest first) besides the changed ones whose list can differ from the
 * last computation's: those that may walk a term that a changed profile had or has.
 * Any other article's profile, the postings it walks and their order are all as they were.
 * (An article that carried such a term before and kept its profile still carries it; a term
 * whose postings exceed the cap before and after is never walked, and sorts after every
 * term that is.)
 */
function aroundChanges(before: readonly Profile[], after: readonly Profile[], changed: readonly number[], was: Int32Array, index: Postings, cap: number): number[] {
  const terms = new Set<number>();
  for (const r of changed) {
    for (const t of before[r]!.term) terms.add(t);
    for (const t of after[r]!.term) terms.add(t);
  }
  const found = new Uint8Array(after.length);
  for (const r of changed) found[r] = 1;
  const around: number[] = [];
  const { start } = index;
  for (const t of terms) {
    const length = t + 1 < was.length ? was[t + 1]! - was[t]! : 0;
    if (length > cap && start[t + 1]! - start[t]! > cap) continue;
    for (let j = start[t]!; j < start[t + 1]!; j++) if (found[index.term[j]!] === 0) (found[index.term[j]!] = 1), around.push(index.term[j]!);
  }
  return around;
}

/** Whether two lists hold articles of the same dates, URLs and categories, in the same places. */
function sameOrder(before: readonly RelatedInput[], after: readonly RelatedInput[]): boolean {
  if (before.length !== after.length) return false;
  for (let i = 0; i < after.length; i++) {
    const x = before[i]!;
    const y = after[i]!;
    if (x !== y && (x.date !== y.date || x.url !== y.url || x.categorySlug !== y.categorySlug)) return false;
  }
  return true;
}

function sameProfile(a: Profile, b: Profile): boolean {
  if (a === b) return true;
  if (a.term.length !== b.term.length) return false;
  for (let k = 0; k < a.term.length; k++) if (a.term[k] !== b.term[k] || a.weight[k] !== b.weight[k]) return false;
  return true;
}

/** An article's distinct terms and tags as ids (the first weight of a repeated term counts); tags get tf -1. */
function intern(article: RelatedInput, memory: RelatedMemory): Profile {
  const known = memory.interned.get(article);
  if (known) return known;
  // Plain arrays: an article has a few dozen terms, and small typed arrays cost more to make.
  const made: Profile = { term: [], weight: [] };
  const add = (key: string, weight: number) => {
    let id = memory.ids.get(key);
    if (id === undefined) memory.ids.set(key, (id = memory.names.length)), memory.names.push(key);
    if (!made.term.includes(id)) made.term.push(id), made.weight.push(weight);
  };
  const { words, weights } = article.terms;
  if (words) words.split('\n').forEach((term, k) => weights[k]! > 0 && term[0] !== '#' && add(term, weights[k]!));
  for (const tag of article.tags) {
    const key = tag.trim().toLowerCase();
    if (key) add('#' + key, -1);
  }
  memory.interned.set(article, made);
  return made;
}

/**
 * Ranks every id in the order of the terms' names. Ties (rarest first, strongest first) break
 * by rank and decide the order scores are summed in; ids that depended on which article came
 * first would let one new article reorder floating-point sums, and so lists, everywhere.
 */
function rankNames(memory: RelatedMemory): void {
  const { names, rank } = memory;
  const known = rank.length;
  if (known === names.length) return;
  const byName = (a: number, b: number) => (names[a]! < names[b]! ? -1 : 1);
  const added = Int32Array.from({ length: names.length - known }, (_, k) => known + k).sort(byName);
  // Names added to ranked ones (an edit's new words) go in by binary search: sorting every
  // name again cost 60 ms at 60,000 names and 0.8 s at 400,000, for each edit with a new word.
  const ranked = new Int32Array(known);
  for (let id = 0; id < known; id++) ranked[rank[id]!] = id;
  const order = new Int32Array(names.length);
  let [from, at] = [0, 0];
  for (const id of added) {
    let [lo, hi] = [from, known];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (names[ranked[mid]!]! < names[id]!) lo = mid + 1;
      else hi = mid;
    }
    order.set(ranked.subarray(from, lo), at);
    at += lo - from;
    order[at++] = id;
    from = lo;
  }
  order.set(ranked.subarray(from), at);
  memory.rank = new Int32Array(names.length);
  for (let i = 0; i < order.length; i++) memory.rank[order[i]!] = i;
}

/**
 * Stands for an article's interned terms that a memory read back from the cache has only as
 * ids in its table: the article is interned again when its profile must be picked again.
 */
export const UNREAD: Profile = { term: [], weight: [] };

/** Each article's profile (its strongest weighted terms plus its tags), and each term's idf. */
function buildProfiles(articles: readonly RelatedInput[], memory: RelatedMemory): { own: Profile[]; idf: Float64Array } {
  const terms = memory.byPlace.interned.map(articles, (a) => intern(a, memory));
  rankNames(memory);
  const { table, recounted } = termTable(terms, memory.names.length, memory.table);
  memory.table = table;
  const { idf, moved } = idfOf(table.df, memory.last?.idf, recounted);
  const stale = carriers(table, moved);
  const picker = new ProfilePicker(memory.names, idf, Math.log(1 + SCALE));
  const round = ++memory.round;
  const profileOf = (article: RelatedInput, a: number) => {
    const known = memory.profiles.get(article);
    if (known && known.round === round - 1 && stale?.[a] !== 1) return (known.round = round), known.profile;
    const profile = picker.pick(terms[a] === UNREAD ? intern(article, memory) : terms[a]!);
    memory.profiles.set(article, { profile, round });
    return profile;
  };
  // Unchanged at its place, an article's profile was checked last time: only a moved idf can change it.
  const own = memory.byPlace.profiles.map(articles, profileOf, stale && ((_, a) => stale[a] !== 1));
  return { own, idf };
}

/**
 * Every article's interned term ids in one array (article a's at start[a] .. start[a + 1]):
 * passes over all articles' terms read it instead of visiting each article's object. With
 * each id's document frequency: how many articles carry it.
 */
export interface TermTable { items: readonly Profile[]; start: Int32Array; term: Int32Array; df: Float64Array }

/**
 * The table of `items`, copying the last table's runs of items found at the same place, for
 * `names` ids; its counts are the last table's less the rows replaced, plus their replacements
 * (counted afresh without a last table). `recounted`: the ids whose count may have changed
 * (undefined: every id).
 */
function termTable(items: readonly Profile[], names: number, last?: TermTable): { table: TermTable; recounted?: Set<number> } {
  const n = items.length;
  const same = (a: number) => last !== undefined && items[a] === last.items[a];
  const start = new Int32Array(n + 1);
  for (let a = 0; a < n; a++) start[a + 1] = start[a]! + (same(a) ? last!.start[a + 1]! - last!.start[a]! : items[a]!.term.length);
  const term = new Int32Array(start[n]!);
  for (let a = 0; a < n; ) {
    if (!same(a)) {
      term.set(items[a]!.term, start[a]);
      a++;
      continue;
    }
    let b = a + 1;
    while (b < n && same(b)) b++;
    term.set(last!.term.subarray(last!.start[a]!, last!.start[b]!), start[a]);
    a = b;
  }
  const df = new Float64Array(names);
  if (!last) {
    for (let k = 0; k < term.length; k++) df[term[k]!]!++;
    return { table: { items, start, term, df } };
  }
  df.set(last.df);
  const recounted = new Set<number>();
  const count = (from: Int32Array, first: number, end: number, by: number) => {
    for (let k = first; k < end; k++) (df[from[k]!]! += by), recounted.add(from[k]!);
  };
  for (let a = 0; a < last.items.length; a++) if (!(a < n && same(a))) count(last.term, last.start[a]!, last.start[a + 1]!, -1);
  for (let a = 0; a < n; a++) if (!same(a)) count(term, start[a]!, start[a + 1]!, 1);
  return { table: { items, start, term, df }, recounted };
}

/**
 * Each id's idf from its count, rounded to steps of 0.05 (one more article carrying a common
 * term then rarely moves its weight at all): the last computation's for ids not recounted and
 * known to it. `moved`: 1 for each id whose idf differs from the last computation's (every id
 * when there was none); undefined when none does.
 */
function idfOf(df: Float64Array, before: Float64Array | undefined, recounted: Set<number> | undefined): { idf: Float64Array; moved?: Uint8Array } {
  const idf = new Float64Array(df.length);
  const moved = new Uint8Array(df.length);
  let any = false;
  const update = (t: number) => {
    idf[t] = Math.round(20 * Math.log(1 + SCALE / df[t]!)) / 20;
    if (before === undefined || t >= before.length || before[t] !== idf[t]) (moved[t] = 1), (any = true);
  };
  if (before && recounted) {
    idf.set(before.subarray(0, Math.min(before.length, df.length)));
    for (const t of recounted) update(t);
    for (let t = before.length; t < df.length; t++) update(t);
  } else {
    // A loop, not df.map: typed arrays' map takes V8's slow generic path (3 ms for 10,000 articles' words).
    for (let t = 0; t < df.length; t++) update(t);
  }
  return { idf, moved: any ? moved : undefined };
}

/** 1 for each article (by place in the table) carrying a term whose idf moved; undefined when none moved. */
function carriers(table: TermTable, moved: Uint8Array | undefined): Uint8Array | undefined {
  if (!moved) return undefined;
  const n = table.start.length - 1;
  const flags = new Uint8Array(n);
  for (let a = 0; a < n; a++) {
    for (let k = table.start[a]!, end = table.start[a + 1]!; k < end; k++) if (moved[table.term[k]!] === 1) (flags[a] = 1), (k = end);
  }
  return flags;
}

/** Picks profiles; reuses its scratch arrays across articles. */
class ProfilePicker {
  private readonly id = new Int32Array(PROFILE_TERMS);
  private readonly weight = new Float64Array(PROFILE_TERMS);

  constructor(private readonly names: string[], private readonly idf: Float64Array, private readonly norm: number) {}

  /** An article's profile from its interned terms: L2-normalised tf × idf, strongest PROFILE_TERMS kept, then weighted tags. */
  pick(t: Profile): Profile {
    let size = 0;
    let sum = 0;
    for (let k = 0; k < t.term.length; k++) {
      const w = t.weight[k]! * this.idf[t.term[k]!]!;
      if (w > 0) (sum += w * w), (size = this.keep(t.term[k]!, w, size));
    }
    const length = Math.sqrt(sum);
    const out: Profile = { term: [], weight: [] };
    for (let i = 0; i < size; i++) out.term.push(this.id[i]!), out.weight.push(this.weight[i]! / length);
    for (let k = 0; k < t.term.length; k++) {
      const idf = this.idf[t.term[k]!]!;
      if (t.weight[k]! < 0 && idf > 0) out.term.push(t.term[k]!), out.weight.push((TAG_BOOST * idf) / this.norm);
    }
    return out;
  }

  /** Inserts (id, w) among the strongest kept so far (ties by term, for determinism); returns the new size. */
  private keep(id: number, w: number, size: number): number {
    if (size === PROFILE_TERMS && !this.ahead(id, w, size - 1)) return size;
    let i = size < PROFILE_TERMS ? size++ : size - 1;
    for (; i > 0 && this.ahead(id, w, i - 1); i--) (this.id[i] = this.id[i - 1]!), (this.weight[i] = this.weight[i - 1]!);
    this.id[i] = id;
    this.weight[i] = w;
    return size;
  }

  /** Whether (id, w) ranks ahead of kept entry i. */
  private ahead(id: number, w: number, i: number): boolean {
    return w > this.weight[i]! || (w === this.weight[i] && this.names[id]! < this.names[this.id[i]!]!);
  }
}

/** Article indices, newest first, equal dates by URL. */
function recencyOrder(articles: readonly RelatedInput[]): Int32Array {
  const order = Int32Array.from(articles.keys());
  const cmp = (a: number, b: number) => {
    const x = articles[a]!;
    const y = articles[b]!;
    return y.date - x.date || (x.url < y.url ? -1 : x.url > y.url ? 1 : a - b);
  };
  return order.sort(cmp);
}

/** Each article's number (place in recency order), by its index. */
export function placesOf(order: Int32Array): Int32Array {
  const place = new Int32Array(order.length);
  for (let r = 0; r < order.length; r++) place[order[r]!] = r;
  return place;
}

/** Categories: each article's category id and place in it, each category's bonus, and its articles newest first. */
export interface Groups { of: Int32Array; at: Int32Array; bonus: Float64Array; members: Int32Array[] }

/** Groups articles (numbered newest first) by category. */
function categoryGroups(sorted: readonly RelatedInput[]): Groups {
  const ids = new Map<string, number>();
  const of = new Int32Array(sorted.length);
  const at = new Int32Array(sorted.length);
  const lists: number[][] = [];
  sorted.forEach((article, a) => {
    let id = ids.get(article.categorySlug);
    if (id === undefined) ids.set(article.categorySlug, (id = lists.length)), lists.push([]);
    of[a] = id;
    at[a] = lists[id]!.length;
    lists[id]!.push(a);
  });
  const bonus = Float64Array.from(lists, (l) => (CATEGORY_BONUS * Math.log(1 + SCALE / l.length)) / Math.log(1 + SCALE));
  return { of, at, bonus, members: lists.map((l) => Int32Array.from(l)) };
}

/** A scorer's buffers over the archive's articles, kept for the next computation of the same size. */
interface Scratch { score: Float64Array; touched: Int32Array; picked: Int32Array; everyone: Int32Array }

/**
 * Buffers for `n` articles: the last ones when their size fits (scores are left at zero by
 * every scoring; marks of picked articles are cleared, as they name the article that picked),
 * else new ones.
 */
function scratchFor(n: number, last: Scratch | undefined): Scratch {
  if (last?.score.length === n) return (last.picked.fill(-1), last);
  const everyone = new Int32Array(n);
  for (let i = 0; i < n; i++) everyone[i] = i;
  return { score: new Float64Array(n), touched: new Int32Array(n), picked: new Int32Array(n).fill(-1), everyone };
}

/** Scores one article at a time, reusing its buffers across articles. Articles are numbered newest first. */
class Scorer {
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
    let walked = 0;
    for (let k = this.profiles.start[a]!, end = this.profiles.start[a + 1]!; k < end; k++) {
      const from = starts[terms[k]!]!;
      const to = starts[terms[k]! + 1]!;
      if (to - from > cap || (walked > 0 && walked + to - from > WALK_BUDGET)) break;
      walked += to - from;
      const wa = own[k]!;
      for (let j = from; j < to; j++) {
        const b = docs[j]!;
        if (b === a) continue;
        if (score[b] === 0) (touched[touchedCount++] = b), (score[b] = categories[j] === category ? bonus : 0);
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
      if (size === count && !(s > topScore[size - 1]! || (s === topScore[size - 1] && b < topDoc[size - 1]!))) continue;
      let i = size < count ? size++ : count - 1;
      for (; i > 0 && (s > topScore[i - 1]! || (s === topScore[i - 1] && b < topDoc[i - 1]!)); i--) {
        topScore[i] = topScore[i - 1]!;
        topDoc[i] = topDoc[i - 1]!;
      }
      topScore[i] = s;
      topDoc[i] = b;
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
    if (b !== a && this.picked[b] !== a) out.push(b), (this.picked[b] = a);
  }
}
