import yaml from 'js-yaml';

/** A node js-yaml has opened and not yet closed: where it starts, and the last child it closed. */
interface Open {
  position: number;
  /** The last child read (in a mapping whose value is being read: its key). */
  last: unknown;
}

/**
 * The dotted path of the key at `position` of a YAML mapping (`corrections.at`, `x.b.c`),
 * found by reading the YAML again with js-yaml's listener up to the error that key raises
 * (a duplicate). Sequences add no part: the line of the message says which item it is.
 */
export function keyPath(source: string, position: number, schema: yaml.Schema): string | undefined {
  const open: Open[] = [];
  let key: unknown;
  const listener = (event: 'open' | 'close', state: { position: number; result: unknown }) => {
    if (event === 'open') return void open.push({ position: state.position, last: undefined });
    const node = open.pop()!;
    if (node.position === position) key = state.result;
    if (open.length) open[open.length - 1]!.last = state.result;
  };
  try {
    yaml.load(source, { schema, listener } as yaml.LoadOptions);
    return undefined;
  } catch {
    // The error is the duplicate again: `open` holds the key's ancestors, innermost last.
  }
  if (key === undefined) return undefined;
  const parts = open.slice(0, -1).flatMap((node) => (isMapping(source, node.position) ? [String(node.last)] : []));
  return [...parts, String(key)].join('.');
}

/**
 * Whether the collection starting at `at` (perhaps after white space, comments, a tag or an
 * anchor) is a mapping rather than a sequence (`[` or a `- ` item).
 */
function isMapping(source: string, at: number): boolean {
  let i = at;
  for (;;) {
    while (i < source.length && ' \t\r\n'.includes(source[i]!)) i++;
    const c = source[i];
    if (c !== '#' && c !== '!' && c !== '&') break;
    // A comment runs to the end of its line; a tag or anchor to the next white space.
    while (i < source.length && !(c === '#' ? '\n' : ' \t\r\n').includes(source[i]!)) i++;
  }
  const c = source[i];
  return !(c === '[' || (c === '-' && (i + 1 === source.length || ' \t\r\n'.includes(source[i + 1]!))));
}
