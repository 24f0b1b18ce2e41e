import type { Term } from '../content/article.js';

/**
 * Related stories ("Berita Lainnya"): for every article, the articles most like it.
 *
 * 1. Profiles. Each term gets tf × idf, with tf the weight `extractTerms` gave it and
 *    idf = ln(N / df), df counted over all articles' term lists. The vector is L2-normalised
 *    and only its 12 strongest terms are kept: the article's profile. Tags (lower-cased) join
 *    the profile as terms of their own, weighted TAG_BOOST × idf / ln N: they are the editor's
 *    intent, so a rare shared tag weighs like a strongly shared name, but only some articles
 *    have tags, so they add to the text's evidence instead of replacing it.
 * 2. Inverted index: term → the articles carrying it in their profile (one Int32Array in CSR
 *    form, with the weights alongside).
 * 3. Scoring article a: walk the postings of a's profile terms and add w_a(t) × w_b(t) to b's
 *    score (a dot product of profiles), in a Float64Array with a list of touched entries that
 *    is reset afterwards, so each article costs only its candidates, never N. Postings longer
 *    than max(50, 2% of N) are skipped: such terms are too common to tell stories apart (the
 *    stop-word cut-off of search engines), and they would make the walk quadratic.
 * 4. Candidates in a's category get CATEGORY_BONUS × idf(category) / ln N, so sharing a small
 *    category (Sains) counts more than sharing a huge one (Nasional). The bonus only reorders
 *    candidates found through terms or tags; it never brings in new ones.
 * 5. The best `count` are kept by a bounded insertion selection (no sort of all candidates),
 *    ordered by score, then date (newest first), then URL. When fewer than `count` were
 *    found, the list is filled with the newest articles of a's category, then of the whole
 *    archive, so every list is full when the archive allows it. Never a itself.
 *
 * Everything is deterministic: ties between terms break by the term, between articles by
 * date and URL, never by input order. Cost is O(total postings walked), about 1 s at 100,000
 * articles on one core.
 */

/** What the related-story scorer needs of a published article. */
export interface RelatedInput { terms: Term[]; tags: string[]; categorySlug: string; date: number; url: string }

/** Options: how many per article. */
export interface RelatedOptions { count: number }

/** How many of its strongest terms an article is matched on. */
const PROFILE_TERMS = 12;
/** Weight of a tag relative to the idf-scaled maximum. */
const TAG_BOOST = 0.5;
/** Largest category bonus (for a category of one article). */
const CATEGORY_BONUS = 0.05;

/** Articles' profiles in CSR form: article a owns entries start[a] .. start[a + 1]. */
interface Profiles { start: Int32Array; term: Int32Array; weight: Float64Array; terms: number }

/** For each article (by index), the indices of its related articles, most related first. */
export function relateArticles(articles: readonly RelatedInput[], options: RelatedOptions): number[][] {
  const n = articles.length;
  const count = Math.max(0, Math.min(Math.floor(options.count), n - 1));
  if (count === 0) return articles.map(() => []);
  const profiles = buildProfiles(articles);
  const index = invert(profiles, n);
  const order = recencyOrder(articles);
  const rank = new Int32Array(n);
  order.forEach((a, i) => (rank[a] = i));
  const groups = categoryGroups(articles, order);
  const scorer = new Scorer(profiles, index, rank, groups, order, count, Math.max(50, Math.ceil(n * 0.02)));
  const related: number[][] = new Array(n);
  for (let a = 0; a < n; a++) related[a] = scorer.relate(a);
  return related;
}

/** Each article's profile: its strongest weighted terms plus its tags. */
function buildProfiles(articles: readonly RelatedInput[]): Profiles {
  const n = articles.length;
  const ids = new Map<string, number>();
  const perArticle = articles.map((a) => internAll(a, ids));
  const df = new Float64Array(ids.size);
  for (const list of perArticle) for (const [id] of list) df[id]!++;
  const names: string[] = new Array(ids.size);
  for (const [name, id] of ids) names[id] = name;
  const norm = Math.log(Math.max(n, 2));
  const start = new Int32Array(n + 1);
  const term: number[] = [];
  const weight: number[] = [];
  perArticle.forEach((list, a) => {
    for (const [id, w] of strongestProfile(list, df, n, norm, names)) term.push(id), weight.push(w);
    start[a + 1] = term.length;
  });
  return { start, term: Int32Array.from(term), weight: Float64Array.from(weight), terms: ids.size };
}

/**
 * An article's term and tag ids with their tf (tags: -1, a marker), each id once. Tags live
 * in the same id space under a `#` key, which no extracted word can start with.
 */
function internAll(article: RelatedInput, ids: Map<string, number>): [id: number, tf: number][] {
  const out: [number, number][] = [];
  const seen = new Set<number>();
  const add = (key: string, tf: number) => {
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    if (!seen.has(id)) seen.add(id), out.push([id, tf]);
  };
  for (const [t, tf] of article.terms) if (tf > 0 && !t.startsWith('#')) add(t, tf);
  for (const tag of article.tags) {
    const key = tag.trim().toLowerCase();
    if (key) add('#' + key, -1);
  }
  return out;
}

/** The profile of one article: L2-normalised tf × idf, strongest PROFILE_TERMS kept, plus weighted tags. */
function strongestProfile(list: [number, number][], df: Float64Array, n: number, norm: number, names: string[]): [number, number][] {
  const words: [number, number][] = [];
  const tags: [number, number][] = [];
  let sum = 0;
  for (const [id, tf] of list) {
    const idf = Math.log(n / df[id]!);
    if (idf <= 0) continue;
    if (tf < 0) tags.push([id, (TAG_BOOST * idf) / norm]);
    else words.push([id, tf * idf]), (sum += (tf * idf) ** 2);
  }
  const length = Math.sqrt(sum);
  for (const w of words) w[1] /= length;
  words.sort((x, y) => y[1] - x[1] || (names[x[0]]! < names[y[0]]! ? -1 : 1));
  return words.slice(0, PROFILE_TERMS).concat(tags);
}

/** Postings of every term: the articles carrying it in their profile, with the weights there. */
function invert(p: Profiles, n: number): Profiles {
  const start = new Int32Array(p.terms + 1);
  for (const t of p.term) start[t + 1]!++;
  for (let t = 0; t < p.terms; t++) start[t + 1]! += start[t]!;
  const fill = start.slice(0, p.terms);
  const doc = new Int32Array(p.term.length);
  const weight = new Float64Array(p.term.length);
  for (let a = 0; a < n; a++) {
    for (let k = p.start[a]!; k < p.start[a + 1]!; k++) {
      const at = fill[p.term[k]!]!++;
      doc[at] = a;
      weight[at] = p.weight[k]!;
    }
  }
  return { start, term: doc, weight, terms: p.terms };
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

/** Categories: each article's category id, each category's bonus, and its articles newest first. */
interface Groups { of: Int32Array; bonus: Float64Array; members: Int32Array[] }

/** Groups articles by category, in recency order. */
function categoryGroups(articles: readonly RelatedInput[], order: Int32Array): Groups {
  const ids = new Map<string, number>();
  const of = new Int32Array(articles.length);
  const lists: number[][] = [];
  for (const a of order) {
    const slug = articles[a]!.categorySlug;
    let id = ids.get(slug);
    if (id === undefined) ids.set(slug, (id = lists.length)), lists.push([]);
    of[a] = id;
    lists[id]!.push(a);
  }
  const norm = Math.log(Math.max(articles.length, 2));
  const bonus = Float64Array.from(lists, (l) => (CATEGORY_BONUS * Math.log(articles.length / l.length)) / norm);
  return { of, bonus, members: lists.map((l) => Int32Array.from(l)) };
}

/** Scores one article at a time, reusing its buffers across articles. */
class Scorer {
  private readonly score: Float64Array;
  private readonly touched: Int32Array;
  private readonly picked: Int32Array;
  private readonly topScore: Float64Array;
  private readonly topDoc: Int32Array;

  constructor(
    private readonly profiles: Profiles,
    private readonly index: Profiles,
    private readonly rank: Int32Array,
    private readonly groups: Groups,
    private readonly order: Int32Array,
    private readonly count: number,
    private readonly cap: number,
  ) {
    const n = rank.length;
    this.score = new Float64Array(n);
    this.touched = new Int32Array(n);
    this.picked = new Int32Array(n).fill(-1);
    this.topScore = new Float64Array(count);
    this.topDoc = new Int32Array(count);
  }

  /** The related articles of `a`, most related first. */
  relate(a: number): number[] {
    const touched = this.accumulate(a);
    const found = this.select(a, touched);
    const out = Array.from(this.topDoc.subarray(0, found));
    for (const b of out) this.picked[b] = a;
    if (found < this.count) this.fill(a, out, this.groups.members[this.groups.of[a]!]!);
    if (out.length < this.count) this.fill(a, out, this.order);
    return out;
  }

  /** Adds w_a(t) × w_b(t) over a's profile terms to every b; returns how many b were touched. */
  private accumulate(a: number): number {
    const { profiles: p, index: x, score, touched } = this;
    let touchedCount = 0;
    for (let k = p.start[a]!; k < p.start[a + 1]!; k++) {
      const t = p.term[k]!;
      const from = x.start[t]!;
      const to = x.start[t + 1]!;
      if (to - from > this.cap) continue;
      const wa = p.weight[k]!;
      for (let j = from; j < to; j++) {
        const b = x.term[j]!;
        if (b === a) continue;
        if (score[b] === 0) touched[touchedCount++] = b;
        score[b] += wa * x.weight[j]!;
      }
    }
    return touchedCount;
  }

  /** Keeps the best `count` touched candidates in topDoc (category bonus added), resets scores; returns how many. */
  private select(a: number, touchedCount: number): number {
    const { score, touched, rank, topScore, topDoc, count } = this;
    const category = this.groups.of[a]!;
    const bonus = this.groups.bonus[category]!;
    let size = 0;
    for (let k = 0; k < touchedCount; k++) {
      const b = touched[k]!;
      const s = score[b]! + (this.groups.of[b] === category ? bonus : 0);
      score[b] = 0;
      if (size === count && !(s > topScore[size - 1]! || (s === topScore[size - 1] && rank[b]! < rank[topDoc[size - 1]!]!))) continue;
      let i = size < count ? size++ : count - 1;
      while (i > 0 && (s > topScore[i - 1]! || (s === topScore[i - 1] && rank[b]! < rank[topDoc[i - 1]!]!))) {
        topScore[i] = topScore[i - 1]!;
        topDoc[i] = topDoc[i - 1]!;
        i--;
      }
      topScore[i] = s;
      topDoc[i] = b;
    }
    return size;
  }

  /** Tops `out` up from `pool` (newest first), skipping a and articles already listed. */
  private fill(a: number, out: number[], pool: Int32Array): void {
    for (let k = 0; k < pool.length && out.length < this.count; k++) {
      const b = pool[k]!;
      if (b !== a && this.picked[b] !== a) out.push(b), (this.picked[b] = a);
    }
  }
}
