import type { RawElement, RawImage } from './sanitize.js';

/** The attributes for a body image, by its `src` and its line in the body (0-based); undefined for none (see `BodyOptions`). */
export type ImageAttrsOf = (src: string, line: number) => Readonly<Record<string, string>> | undefined;

/** A fragment of a body's raw HTML: its text, and where its lines are (the body line, 0-based, at each offset where a piece of it starts). */
export interface RawFragment {
  /** The body line its first piece starts on. */
  line: number;
  html: string;
  /** Offsets in `html` with the body line there, ascending; the first at 0. */
  starts: [offset: number, line: number][];
}

/**
 * The attributes raw `<img>` elements get, asked for once per image at its line (so that an
 * image the site lacks is reported there) and given to every `<img>` with that `src` as the
 * sanitiser writes it. The author's attributes stay as written: warta adds only those missing,
 * `width` and `height` together, `srcset` with `sizes`, and lazy loading.
 */
export class RawImages {
  private readonly bySrc = new Map<string, Readonly<Record<string, string>>>();

  constructor(private readonly attrsOf: ImageAttrsOf | undefined) {}

  /** Asks for the attributes of a fragment's images, found by the sanitiser's parser in order. */
  add(fragment: RawFragment, images: readonly RawImage[]): void {
    if (!this.attrsOf || !images.some((i) => i.src)) return;
    const lines = images.map((_, nth) => elementLine(fragment, { tag: 'img', nth }, images.length));
    images.forEach((image, k) => {
      if (!image.src) return;
      const attrs = this.attrsOf!(image.src, lines[k]!);
      if (attrs) this.bySrc.set(image.src, attrs);
    });
  }

  /** How the sanitiser changes an `<img>`'s attributes; undefined when no image gets any. */
  get fill(): ((attribs: Readonly<Record<string, string>>) => Record<string, string>) | undefined {
    return this.bySrc.size ? (attribs) => filled(attribs, this.bySrc.get(attribs.src ?? '')) : undefined;
  }
}

/** An `<img>`'s attributes with those of `attrs` it lacks, and lazy loading unless its author chose. */
function filled(
  attribs: Readonly<Record<string, string>>,
  attrs: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
  if (!attrs) return { ...attribs };
  const has = (name: string) => Object.hasOwn(attribs, name);
  const added: Record<string, string> = {};
  // Width and height go together (one of ours beside the author's other would give another shape); `sizes` only says how wide `srcset`'s candidates show.
  if (!has('width') && !has('height') && attrs.width && attrs.height)
    Object.assign(added, { width: attrs.width, height: attrs.height });
  if (!has('srcset') && attrs.srcset) {
    added.srcset = attrs.srcset;
    if (!has('sizes') && attrs.sizes) added.sizes = attrs.sizes;
  }
  if (!has('loading')) added.loading = 'lazy';
  if (!has('decoding')) added.decoding = 'async';
  return { ...attribs, ...added };
}

/**
 * The body line where an element of a fragment starts (its `<tag`), the parser having opened
 * `count` elements of that tag. When the tags found in the text are not as many (one inside a
 * comment or a script), the fragment's first line.
 */
export function elementLine(fragment: RawFragment, { tag, nth }: RawElement, count: number): number {
  const offsets = [...fragment.html.matchAll(tagStart(tag))].map((m) => m.index);
  if (offsets.length !== count) return fragment.line;
  const offset = offsets[nth]!;
  let k = fragment.starts.length - 1;
  while (k > 0 && fragment.starts[k]![0] > offset) k--;
  const [start, line] = fragment.starts[k]!;
  return line + newlines(fragment.html.slice(start, offset));
}

/** The start of a tag, as the HTML parser finds one (its name, case aside, then a space, `/` or `>`). */
function tagStart(tag: string): RegExp {
  return new RegExp(`<${tag.replace(/[^a-z0-9]/gi, '\\$&')}[\\s/>]`, 'gi');
}

/** How many line breaks a text holds. */
export function newlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
