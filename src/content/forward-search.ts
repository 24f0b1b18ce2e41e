/**
 * `indexOf` for a scan whose search starts only move forward: the last answer is kept while
 * it still lies ahead, so all the searches of one scan read the text once between them. A
 * regex such as `<[^>]*>` searches anew from every candidate instead, which on `<<<<…`
 * without a `>` reads the rest of the text once per `<`: quadratic time.
 *
 * The returned function gives the first `needle` at or after `from` for which `accept` (a test
 * of the position alone) holds, or -1; `from` must never decrease between calls.
 */
export function forwardSearch(
  text: string,
  needle: string,
  accept?: (at: number) => boolean,
): (from: number) => number {
  let found = -2;
  return (from) => {
    if (found === -1 || found >= from) return found;
    let at = text.indexOf(needle, from);
    while (at !== -1 && accept && !accept(at)) at = text.indexOf(needle, at + 1);
    return (found = at);
  };
}
