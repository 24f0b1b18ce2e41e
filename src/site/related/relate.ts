import { sameItems } from '../../util/memo.js';
import { RelatedMemory, scratchFor } from './memory.js';
import { KEPT, QuickRescore } from './rescore.js';
import {
  everyList,
  lastList,
  placesOf,
  SCALE,
  walked,
  type Groups,
  type RelatedInput,
  type RelatedLists,
  type RelatedOptions,
} from './model.js';
import { patchIndex } from './index-patch.js';
import { indexProfiles, type Postings, type Profile, type Profiles } from './postings.js';
import { buildProfiles } from './profiles.js';
import { Scorer } from './scoring.js';

export { RelatedMemory } from './memory.js';
export type { RelatedInput, RelatedLists, RelatedOptions } from './model.js';

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

/** Largest category bonus (for a category of one article). */
const CATEGORY_BONUS = 0.05;
/** Postings longer than this share of the archive (but at least POSTINGS_CAP_MIN) are skipped. */
const POSTINGS_CAP_SHARE = 0.02;
const POSTINGS_CAP_MIN = 50;

/** For each article (by index), the indices of its related articles, most related first. */
export function relateArticles(
  articles: readonly RelatedInput[],
  options: RelatedOptions,
  memory = new RelatedMemory(),
): number[][] {
  const related = relateAround(articles, options, memory);
  // Lists are left unread only in a memory's last computation (none when there were too few articles).
  return memory.last?.related === related ? everyList(memory.last) : (related as number[][]);
}

/**
 * `relateArticles`, leaving unread the lists a memory restored from the cache for stand-ins has
 * not read and the computation kept (undefined, as they were: see `RelatedLists`): after an
 * edit, only the lists around it are read.
 */
export function relateAround(
  articles: readonly RelatedInput[],
  options: RelatedOptions,
  memory = new RelatedMemory(),
): RelatedLists {
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
  const related: RelatedLists = sameShape ? last.related.slice() : new Array(n);
  // Each article's row is read before it is written, and by its own scoring alone: in place, when the memory allows.
  const scores = sameShape ? (memory.inPlace ? last.scores : last.scores.slice()) : new Float64Array(n * count);
  const around = changed
    ? aroundChanges(last!.own, own, changed, last!.index.start, index, cap)
    : Array.from(order.keys());
  const quick = patch ? new QuickRescore(last!, patch, groups, cap) : undefined;
  for (const r of [...(changed ?? []), ...around]) {
    const found = quick?.relate(r, scores) ?? scorer.relate(r, scores);
    if (found === KEPT) continue;
    const list = found.map((b) => order[b]!);
    // An unchanged list stays the same array: later stages tell unchanged lists by reference.
    const before = sameShape ? lastList(last, order[r]!) : undefined;
    related[order[r]!] = before && sameItems(before, list) ? before : list;
  }
  memory.last = {
    idf,
    articles: articles.slice(),
    order,
    place,
    count,
    groups,
    own,
    profiles,
    index,
    related,
    stored: sameShape ? last.stored : undefined,
    scores,
  };
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
function aroundChanges(
  before: readonly Profile[],
  after: readonly Profile[],
  changed: readonly number[],
  was: Int32Array,
  index: Postings,
  cap: number,
): number[] {
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
    for (let j = start[t]!; j < start[t + 1]!; j++)
      if (found[index.term[j]!] === 0) ((found[index.term[j]!] = 1), around.push(index.term[j]!));
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

/** Groups articles (numbered newest first) by category. */
function categoryGroups(sorted: readonly RelatedInput[]): Groups {
  const ids = new Map<string, number>();
  const of = new Int32Array(sorted.length);
  const at = new Int32Array(sorted.length);
  const lists: number[][] = [];
  sorted.forEach((article, a) => {
    let id = ids.get(article.categorySlug);
    if (id === undefined) (ids.set(article.categorySlug, (id = lists.length)), lists.push([]));
    of[a] = id;
    at[a] = lists[id]!.length;
    lists[id]!.push(a);
  });
  const bonus = Float64Array.from(
    lists,
    (l) => (CATEGORY_BONUS * Math.log(1 + SCALE / l.length)) / Math.log(1 + SCALE),
  );
  return { of, at, bonus, members: lists.map((l) => Int32Array.from(l)) };
}
