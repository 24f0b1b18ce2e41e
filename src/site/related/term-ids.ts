import { lowerBound } from '../../util/search.js';

/** Lookups by search a memory makes before it makes the map of every name after all. */
const SEARCHES = 4096;

/**
 * Each term's id, by its name (`names`: every name, by id). Names added one by one are kept in
 * a map. The names of a computation read back from the cache (hundreds of thousands in a
 * newsroom's archive) are found by binary search in their ranked order instead: a quick build
 * looks up the words of an edit or two, and making the map of 400,000 names cost it 0.3 s.
 * Past SEARCHES lookups (a build that reads many articles anew) the map is made after all.
 */
export class TermIds {
  private readonly added = new Map<string, number>();
  /** The ids of the restored names, in the order of their names. */
  private ranked?: Int32Array;
  private searches = 0;

  constructor(private readonly names: readonly string[]) {}

  /** Takes the names so far as restored, ranked by `rank` (each id's place in the order of the names). */
  restore(rank: Int32Array): void {
    const ranked = new Int32Array(rank.length);
    for (let id = 0; id < rank.length; id++) ranked[rank[id]!] = id;
    this.ranked = ranked;
  }

  get(name: string): number | undefined {
    const { ranked, names } = this;
    const id = this.added.get(name);
    if (id !== undefined || !ranked) return id;
    if (++this.searches > SEARCHES) {
      for (const known of ranked) this.added.set(names[known]!, known);
      this.ranked = undefined;
      return this.added.get(name);
    }
    const lo = lowerBound(0, ranked.length, (k) => names[ranked[k]!]! < name);
    return lo < ranked.length && names[ranked[lo]!] === name ? ranked[lo] : undefined;
  }

  set(name: string, id: number): void {
    this.added.set(name, id);
  }
}
