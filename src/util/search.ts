/**
 * The first place from `lo` up to (not including) `hi` where `below` is false, for a `below`
 * that is true up to some place and false from there on (a sorted list searched for where a
 * value goes): `hi` when it is true throughout. The one binary search of the code.
 */
export function lowerBound(lo: number, hi: number, below: (place: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (below(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
