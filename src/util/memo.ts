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
 */
export class ByPlace<T, R> {
  private items: readonly T[] = [];
  private results: R[] = [];

  /**
   * A result per item: the last one when the item is unchanged at its place and `keep` (if
   * given) allows it, else a new one from `make`, which is also given the last result when
   * only `keep` refused it.
   */
  map(
    items: readonly T[],
    make: (item: T, index: number, last?: R) => R,
    keep?: (result: R, index: number) => boolean,
  ): R[] {
    const results = new Array<R>(items.length);
    const [lastItems, lastResults] = [this.items, this.results];
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const same = item === lastItems[i];
      results[i] =
        same && (!keep || keep(lastResults[i]!, i))
          ? lastResults[i]!
          : make(item, i, same ? lastResults[i] : undefined);
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
