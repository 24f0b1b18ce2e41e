import type { Article, Terms } from '../content/article.js';
import { relatedList, type RelatedMemory } from '../site/related/memory.js';
import { relateAround, type RelatedInput, type RelatedLists } from '../site/related/relate.js';
import type { OpenedCache } from './opened.js';
import { restoreStandIns, saveRelated, type RelatedKeys, type RelatedState } from './related-state.js';

/**
 * The related stage's last computation as a cache opened a chunk at a time holds it (see
 * `OpenedCache`), for an edit of a few articles: every published article stands for itself as
 * the cache holds it, read only when asked for, so that only the articles around the edit are
 * read (at 100,000 articles, a few chunks instead of the whole cache).
 */
export class StoredRelated {
  private constructor(
    private readonly state: RelatedState,
    private readonly memory: RelatedMemory,
    private readonly articles: readonly RelatedInput[],
    /** The cached lists, as restored: a list still the very same array after `relate` is unchanged. */
    readonly cached: RelatedLists,
  ) {}

  /** The computation the cache holds; undefined when the build that wrote it left none. Nothing of the articles is read here. */
  static open(cache: OpenedCache): StoredRelated | undefined {
    const read = cache.related();
    if (!read) return undefined;
    const { state, keys } = read;
    const { memory, articles } = restoreStandIns(state, (i) => new StoredInput(i, state, keys, cache));
    // This process ends after the build, and the state is saved from the new computation.
    memory.inPlace = true;
    const cached = memory.last?.related;
    return cached && new StoredRelated(state, memory, articles, cached);
  }

  /** Every article's related list with the edited articles (by index) as they are now: computed again around them. */
  relate(edited: ReadonlyMap<number, Article>, count: number): RelatedLists {
    const inputs = this.articles.slice();
    for (const [i, article] of edited) inputs[i] = article;
    return relateAround(inputs, { count }, this.memory);
  }

  /** An article's related list, as computed or (when `relate` did not run) as cached, read from the cache when it was not. */
  list(index: number): number[] {
    return relatedList(this.memory, index);
  }

  /** The state to save after `relate`. */
  save(): RelatedState | undefined {
    return saveRelated(this.memory, this.state);
  }
}

/** A published article as the related stage sees it, read when asked for: its URL, date and category from the related state, its terms and tags from the cache (only when its profile is picked again). */
class StoredInput implements RelatedInput {
  constructor(
    private readonly index: number,
    private readonly state: RelatedState,
    private readonly keys: RelatedKeys,
    private readonly cache: OpenedCache,
  ) {}

  get url(): string {
    return this.keys.urls.at(this.index);
  }

  get date(): number {
    return this.state.dates[this.index]!;
  }

  get categorySlug(): string {
    return this.keys.categories.at(this.index);
  }

  get terms(): Terms {
    return this.cache.article(this.index).terms;
  }

  get tags(): string[] {
    return this.cache.article(this.index).tags;
  }
}
