import { JoinedFields } from '../util/joined.js';
import type { Postings, Profile, Profiles } from '../site/related/postings.js';
import { RelatedMemory, UNREAD } from '../site/related/memory.js';
import {
  everyList,
  lastList,
  placesOf,
  type Groups,
  type LastComputation,
  type RelatedInput,
  type RelatedLists,
} from '../site/related/model.js';

/**
 * The related-story stage's last computation as plain data in typed arrays, kept in the build
 * cache, so that a fresh process (`warta build` after an edit) goes on from it as `warta dev`
 * goes on from the last rebuild: only the articles around a change are scored again. What
 * can be made again cheaply is left out: the postings (from the profiles), each profile in
 * strongest-first order (the profiles' own order serves), and each article's interned weights
 * (read again from the article, which the cache keeps, when its profile must be picked again).
 */
export interface RelatedState {
  /** Every term's name, by id, joined by NUL: read back at once, where 400,000 names in JSON took 0.2–0.26 s. */
  names: string;
  rank: Int32Array;
  /** By index in the computation's input: what its shape is compared on (URLs and category slugs each joined by NUL, see `RelatedKeys`). */
  urls: string;
  dates: Float64Array;
  categories: string;
  /** By place in recency order: each article's interned term ids; by id, how many articles carry each. */
  table: { start: Int32Array; term: Int32Array; df: Float64Array };
  idf: Float64Array;
  order: Int32Array;
  count: number;
  groups: Groups;
  profiles: Profiles;
  /** The profiles' postings: made again from them in 150 ms at 100,000 articles, read in a fraction of that. */
  index: Postings;
  /** Each article's related articles, by index in the input. */
  related: { start: Int32Array; items: Int32Array };
  scores: Float64Array;
}

/**
 * The last computation of `memory`, as state for the cache; undefined when there was none.
 * `from`: the state the memory was restored from, whose articles' URLs, dates and categories
 * are kept while the computation kept its order (then they are the same).
 */
export function saveRelated(memory: RelatedMemory, from?: RelatedState): RelatedState | undefined {
  const { last, table } = memory;
  if (!last || !table) return undefined;
  const same = from?.order === last.order;
  return {
    names: from && memory.names.length === from.rank.length ? from.names : memory.names.join('\0'),
    rank: memory.rank,
    // Joined: one string is copied in and out of the cache at once, 100,000 take a tenth of a second each way.
    urls: same ? from.urls : last.articles.map((a) => a.url).join('\0'),
    dates: same ? from.dates : datesOf(last.articles),
    categories: same ? from.categories : last.articles.map((a) => a.categorySlug).join('\0'),
    table: { start: table.start, term: table.term, df: table.df },
    idf: last.idf,
    order: last.order,
    count: last.count,
    groups: last.groups,
    profiles: last.profiles,
    index: last.index,
    related: same ? patchedLists(last, from) : flatten(last),
    scores: last.scores,
  };
}

/**
 * A memory holding the saved computation, for `articles` (the new computation's input). An
 * article found at the index it had, with the URL, date and category it had, and unchanged
 * since (its file was not parsed again: the state was saved with the parses in the cache)
 * stands for the article the state was computed from; any other index holds what the state
 * knew of it, which no article will be taken for, so everything about it is computed again.
 */
export function restoreRelated<T extends RelatedInput>(
  state: RelatedState | undefined,
  articles: readonly T[],
  unchanged: (article: T) => boolean,
): RelatedMemory {
  if (!state) return new RelatedMemory();
  const { urls, categories } = relatedKeys(state);
  const known = new Array<RelatedInput>(urls.length);
  for (let i = 0; i < known.length; i++) {
    const [article, url, date, categorySlug] = [articles[i], urls.at(i), state.dates[i]!, categories.at(i)];
    const same =
      article &&
      article.url === url &&
      article.date === date &&
      article.categorySlug === categorySlug &&
      unchanged(article);
    known[i] = same
      ? article
      : { url, date, categorySlug, tags: [], terms: { words: '', weights: new Float64Array(0) } };
  }
  return restoreFor(state, known, unflatten(state.related));
}

/**
 * A memory holding the saved computation for the very articles it was computed from, each
 * standing for itself as `standIn` makes it by index (a cold quick build's, whose words are
 * read from the cache only when asked for: see quick.ts); the articles to compute with. Nothing
 * of them is read here.
 */
export function restoreStandIns(
  state: RelatedState,
  standIn: (index: number) => RelatedInput,
): { memory: RelatedMemory; articles: RelatedInput[] } {
  const articles = new Array<RelatedInput>(state.order.length);
  for (let i = 0; i < articles.length; i++) articles[i] = standIn(i);
  // Lists too are read when asked for: after an edit, those of the few articles around it.
  return {
    memory: restoreFor(state, articles, new Array<number[] | undefined>(state.order.length).fill(undefined)),
    articles,
  };
}

/** A memory holding the saved computation, with `known` standing for the articles it was computed from, and their `related` lists. */
function restoreFor(state: RelatedState, known: RelatedInput[], related: RelatedLists): RelatedMemory {
  const memory = new RelatedMemory(state.rank.length ? state.names.split('\0') : []);
  memory.ids.restore(state.rank);
  memory.rank = state.rank;
  const sorted = new Array<RelatedInput>(state.order.length);
  for (let r = 0; r < sorted.length; r++) sorted[r] = known[state.order[r]!]!;
  const own = fromProfiles(state.profiles);
  const items = sorted.map(() => UNREAD);
  memory.interned.restore(sorted, items);
  memory.profiles.restore(sorted, own);
  memory.table = { items, ...state.table };
  const place = placesOf(state.order);
  const { idf, order, count, groups, profiles, scores } = state;
  const { index } = state;
  const stored = { flat: state.related, restored: related };
  memory.last = { idf, articles: known, order, place, count, groups, own, profiles, index, related, stored, scores };
  return memory;
}

/** The URL and category slug of each article a state was computed from, by index. */
export interface RelatedKeys {
  urls: JoinedFields;
  categories: JoinedFields;
}

/** The keys of a state (see `RelatedKeys`): each field found once, cut out when asked for. */
export function relatedKeys(state: RelatedState): RelatedKeys {
  return { urls: new JoinedFields(state.urls), categories: new JoinedFields(state.categories) };
}

// Plain loops below: typed arrays' from and subarray take V8's slow generic paths, 100,000 times here.

/**
 * Each article's profile, as the profiles' arrays hold it (rarest first), made when first read:
 * after an edit only the few articles around it are read, and making 100,000 profiles up front
 * cost a cold build 50 ms and their garbage.
 */
function fromProfiles(profiles: Profiles): Profile[] {
  const lists = new Array<Profile>(profiles.start.length - 1);
  for (let i = 0; i < lists.length; i++) lists[i] = new StoredProfile(profiles, i);
  return lists;
}

class StoredProfile implements Profile {
  private made?: Profile;

  constructor(
    private readonly profiles: Profiles,
    private readonly article: number,
  ) {}

  get term(): number[] {
    return this.read().term;
  }

  get weight(): number[] {
    return this.read().weight;
  }

  private read(): Profile {
    if (this.made) return this.made;
    const { start, term, weight } = this.profiles;
    const made: Profile = { term: [], weight: [] };
    for (let k = start[this.article]!; k < start[this.article + 1]!; k++)
      (made.term.push(term[k]!), made.weight.push(weight[k]!));
    return (this.made = made);
  }
}

function datesOf(articles: readonly RelatedInput[]): Float64Array {
  const dates = new Float64Array(articles.length);
  for (let i = 0; i < articles.length; i++) dates[i] = articles[i]!.date;
  return dates;
}

/**
 * The lists flattened, from the state they were restored from: its arrays copied, with only the
 * lists that changed written again (after an edit, nearly all are the very lists restored, and
 * those not read are not lists yet: see `RelatedLists`); else flattened afresh.
 */
function patchedLists(last: LastComputation, from: RelatedState): RelatedState['related'] {
  const lists = last.related;
  const restored = last.stored?.flat === from.related ? last.stored.restored : undefined;
  if (!restored || restored.length !== lists.length) return flatten(last);
  const n = lists.length;
  const was = from.related;
  const changed: number[] = [];
  for (let i = 0; i < n; i++) if (lists[i] !== restored[i]) changed.push(i);
  const start = new Int32Array(n + 1);
  for (let i = 0, c = 0, shift = 0; i < n; i++) {
    if (i === changed[c]) ((shift += lastList(last, i).length - (was.start[i + 1]! - was.start[i]!)), c++);
    start[i + 1] = was.start[i + 1]! + shift;
  }
  const items = new Int32Array(start[n]!);
  let a = 0;
  for (const i of [...changed, n]) {
    items.set(was.items.subarray(was.start[a]!, was.start[i]!), start[a]);
    if (i < n) items.set(lastList(last, i), start[i]);
    a = i + 1;
  }
  return { start, items };
}

/** The last computation's lists, flat (each read from the cache that was not yet). */
function flatten(last: LastComputation): { start: Int32Array; items: Int32Array } {
  const lists = everyList(last);
  const start = new Int32Array(lists.length + 1);
  for (let i = 0; i < lists.length; i++) start[i + 1] = start[i]! + lists[i]!.length;
  const items = new Int32Array(start[lists.length]!);
  for (let i = 0; i < lists.length; i++)
    for (let k = 0; k < lists[i]!.length; k++) items[start[i]! + k] = lists[i]![k]!;
  return { start, items };
}

function unflatten({ start, items }: { start: Int32Array; items: Int32Array }): number[][] {
  const lists = new Array<number[]>(start.length - 1);
  for (let i = 0; i < lists.length; i++) {
    // Made at their length: pushing grew each list, and took half as long again.
    const list = new Array<number>(start[i + 1]! - start[i]!);
    for (let k = 0; k < list.length; k++) list[k] = items[start[i]! + k]!;
    lists[i] = list;
  }
  return lists;
}
