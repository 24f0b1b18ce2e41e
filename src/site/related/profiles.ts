import { lowerBound } from '../../util/search.js';
import { RelatedMemory, UNREAD, type TermTable } from './memory.js';
import { SCALE, type RelatedInput } from './model.js';
import type { Profile } from './postings.js';

// Profiles: each article's strongest weighted terms and its tags, with each term's idf (see relate.ts, step 1).

/** How many of its strongest terms an article is matched on. */
const PROFILE_TERMS = 12;
/** Weight of a tag relative to the idf-scaled maximum. */
const TAG_BOOST = 0.5;

/** An article's distinct terms and tags as ids (the first weight of a repeated term counts); tags get tf -1. */
function intern(article: RelatedInput, memory: RelatedMemory): Profile {
  // Plain arrays: an article has a few dozen terms, and small typed arrays cost more to make.
  const made: Profile = { term: [], weight: [] };
  const add = (key: string, weight: number) => {
    let id = memory.ids.get(key);
    if (id === undefined) (memory.ids.set(key, (id = memory.names.length)), memory.names.push(key));
    if (!made.term.includes(id)) (made.term.push(id), made.weight.push(weight));
  };
  const { words, weights } = article.terms;
  if (words) words.split('\n').forEach((term, k) => weights[k]! > 0 && term[0] !== '#' && add(term, weights[k]!));
  for (const tag of article.tags) {
    const key = tag.trim().toLowerCase();
    if (key) add('#' + key, -1);
  }
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
    const lo = lowerBound(from, known, (k) => names[ranked[k]!]! < names[id]!);
    order.set(ranked.subarray(from, lo), at);
    at += lo - from;
    order[at++] = id;
    from = lo;
  }
  order.set(ranked.subarray(from), at);
  memory.rank = new Int32Array(names.length);
  for (let i = 0; i < order.length; i++) memory.rank[order[i]!] = i;
}

/** Each article's profile (its strongest weighted terms plus its tags), and each term's idf. */
export function buildProfiles(
  articles: readonly RelatedInput[],
  memory: RelatedMemory,
): { own: Profile[]; idf: Float64Array } {
  // Terms known only as a row of the last table (restored from the cache) are read again at
  // another place: the table's rows are copied by place.
  const terms = memory.interned.map(
    articles,
    (a) => intern(a, memory),
    (t, _, elsewhere) => !elsewhere || t !== UNREAD,
  );
  rankNames(memory);
  const { table, recounted } = termTable(terms, memory.names.length, memory.table);
  memory.table = table;
  const { idf, moved } = idfOf(table.df, memory.last?.idf, recounted);
  const stale = carriers(table, moved);
  const picker = new ProfilePicker(memory.names, idf, Math.log(1 + SCALE));
  const pick = (article: RelatedInput, a: number) =>
    picker.pick(terms[a] === UNREAD ? intern(article, memory) : terms[a]!);
  // An article found in the last computation had its profile picked then: only a moved idf can change it.
  const own = memory.profiles.map(articles, pick, stale && ((_, a) => stale[a] !== 1));
  return { own, idf };
}

/**
 * The table of `items`, copying the last table's runs of items found at the same place, for
 * `names` ids; its counts are the last table's less the rows replaced, plus their replacements
 * (counted afresh without a last table). `recounted`: the ids whose count may have changed
 * (undefined: every id).
 */
function termTable(
  items: readonly Profile[],
  names: number,
  last?: TermTable,
): { table: TermTable; recounted?: Set<number> } {
  const n = items.length;
  const same = (a: number) => last !== undefined && items[a] === last.items[a];
  const start = new Int32Array(n + 1);
  for (let a = 0; a < n; a++)
    start[a + 1] = start[a]! + (same(a) ? last!.start[a + 1]! - last!.start[a]! : items[a]!.term.length);
  const term = new Int32Array(start[n]!);
  for (let a = 0; a < n;) {
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
    for (let k = first; k < end; k++) ((df[from[k]!]! += by), recounted.add(from[k]!));
  };
  for (let a = 0; a < last.items.length; a++)
    if (!(a < n && same(a))) count(last.term, last.start[a]!, last.start[a + 1]!, -1);
  for (let a = 0; a < n; a++) if (!same(a)) count(term, start[a]!, start[a + 1]!, 1);
  return { table: { items, start, term, df }, recounted };
}

/**
 * Each id's idf from its count, rounded to steps of 0.05 (one more article carrying a common
 * term then rarely moves its weight at all): the last computation's for ids not recounted and
 * known to it. `moved`: 1 for each id whose idf differs from the last computation's (every id
 * when there was none); undefined when none does.
 */
function idfOf(
  df: Float64Array,
  before: Float64Array | undefined,
  recounted: Set<number> | undefined,
): { idf: Float64Array; moved?: Uint8Array } {
  const idf = new Float64Array(df.length);
  const moved = new Uint8Array(df.length);
  let any = false;
  const update = (t: number) => {
    idf[t] = Math.round(20 * Math.log(1 + SCALE / df[t]!)) / 20;
    if (before === undefined || t >= before.length || before[t] !== idf[t]) ((moved[t] = 1), (any = true));
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
    for (let k = table.start[a]!, end = table.start[a + 1]!; k < end; k++)
      if (moved[table.term[k]!] === 1) ((flags[a] = 1), (k = end));
  }
  return flags;
}

/** Picks profiles; reuses its scratch arrays across articles. */
class ProfilePicker {
  private readonly id = new Int32Array(PROFILE_TERMS);
  private readonly weight = new Float64Array(PROFILE_TERMS);

  constructor(
    private readonly names: string[],
    private readonly idf: Float64Array,
    private readonly norm: number,
  ) {}

  /** An article's profile from its interned terms: L2-normalised tf × idf, strongest PROFILE_TERMS kept, then weighted tags. */
  pick(t: Profile): Profile {
    let size = 0;
    let sum = 0;
    for (let k = 0; k < t.term.length; k++) {
      const w = t.weight[k]! * this.idf[t.term[k]!]!;
      if (w > 0) ((sum += w * w), (size = this.keep(t.term[k]!, w, size)));
    }
    const length = Math.sqrt(sum);
    const out: Profile = { term: [], weight: [] };
    for (let i = 0; i < size; i++) (out.term.push(this.id[i]!), out.weight.push(this.weight[i]! / length));
    for (let k = 0; k < t.term.length; k++) {
      const idf = this.idf[t.term[k]!]!;
      if (t.weight[k]! < 0 && idf > 0) (out.term.push(t.term[k]!), out.weight.push((TAG_BOOST * idf) / this.norm));
    }
    return out;
  }

  /** Inserts (id, w) among the strongest kept so far (ties by term, for determinism); returns the new size. */
  private keep(id: number, w: number, size: number): number {
    if (size === PROFILE_TERMS && !this.ahead(id, w, size - 1)) return size;
    let i = size < PROFILE_TERMS ? size++ : size - 1;
    for (; i > 0 && this.ahead(id, w, i - 1); i--)
      ((this.id[i] = this.id[i - 1]!), (this.weight[i] = this.weight[i - 1]!));
    this.id[i] = id;
    this.weight[i] = w;
    return size;
  }

  /** Whether (id, w) ranks ahead of kept entry i. */
  private ahead(id: number, w: number, i: number): boolean {
    return w > this.weight[i]! || (w === this.weight[i] && this.names[id]! < this.names[this.id[i]!]!);
  }
}
