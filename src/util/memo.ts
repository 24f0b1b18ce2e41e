/** Whether two lists hold the same items (by reference) in the same order. */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Results for a list that is mostly the same list build after build, as the archive's articles
 * are in `warta dev`: an item that is the very object found at the same place last time keeps
 * its last result. Checking by place costs one comparison per item, where a lookup by key
 * (a WeakMap per article) costs milliseconds at 10,000 articles and slows every garbage
 * collection down.
 *
 * A memo that `follows` moves keeps results that do not depend on their item's place for an
 * item found at another place too: an article added or removed moves every later one by a
 * place, and the items past it are found at that shift again, one comparison each; a map of
 * the last items' places is made only for an item found neither there nor between two items
 * found at their places (a lone new item: an edit).
 */
export class ByPlace<T, R> {
  private items: readonly T[] = [];
  private results: R[] = [];

  /** `follows`: whether an item's result is kept at another place (see above). */
  constructor(private readonly follows = false) {}

  /**
   * A result per item: the last one when the item is unchanged (at its place, or moved when
   * the memo follows moves) and `keep` (if given) allows it, else a new one from `make`, which
   * is also given the last result when only `keep` refused it.
   */
  map(
    items: readonly T[],
    make: (item: T, index: number, last?: R) => R,
    keep?: (result: R, index: number, moved: boolean) => boolean,
  ): R[] {
    const results = new Array<R>(items.length);
    const [lastItems, lastResults] = [this.items, this.results];
    // An item's last place is its place plus `shift`, unless it moved on its own. `found`: the
    // last item was at its last place; a new item between two such is an edit, not a move.
    let shift = 0;
    let found = true;
    let places: Map<T, number> | undefined;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      let at = i + shift;
      if (
        item !== lastItems[at] &&
        this.follows &&
        lastItems.length &&
        !(found && items[i + 1] === lastItems[at + 1])
      ) {
        const place = (places ??= placesOf(lastItems)).get(item);
        if (place !== undefined) [at, shift] = [place, place - i];
      }
      found = item === lastItems[at];
      results[i] =
        found && (!keep || keep(lastResults[at]!, i, at !== i))
          ? lastResults[at]!
          : make(item, i, found ? lastResults[at] : undefined);
    }
    this.items = items;
    this.results = results;
    return results;
  }

  /** Takes `results` as the last ones, for `items` at their places (a memory read back from a cache). */
  restore(items: readonly T[], results: R[]): void {
    this.items = items;
    this.results = results;
  }
}

/** Each item's place in a list. */
function placesOf<T>(items: readonly T[]): Map<T, number> {
  const places = new Map<T, number>();
  for (let i = 0; i < items.length; i++) places.set(items[i]!, i);
  return places;
}
