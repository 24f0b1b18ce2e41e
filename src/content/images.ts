import { decodePath } from './urls.js';

/**
 * Local images an article shows. The body's are found here, at parse time, generously (every
 * word ending in an image extension, in Markdown images, raw `<img>`, reference definitions or
 * prose alike), so that a page's signature can cover the images it may show; which of them are
 * images the body really shows is told by the Markdown renderer, which resolves each with
 * `imagePath` as this module does.
 */

/** Extensions of image files, as a body may name them. */
const IMAGE = /\.(?:jpe?g|png|webp|gif|avif|svg)$/i;
/** What ends a word that may be an image's address in Markdown or HTML. */
const BOUNDARY = /[\s()<>[\]"'`]/;
/** A made-up origin to resolve relative paths against; nothing is ever fetched from it. */
const ORIGIN = 'https://warta.invalid';

/**
 * The site path of a local image as a page at `url` names it (a browser's reading: a relative
 * one counts from the page's URL), percent-decoded as output files are named; undefined for an
 * image elsewhere (a scheme, `//host`) or an address that is not a path.
 */
export function imagePath(src: string, url: string): string | undefined {
  const trimmed = src.trim();
  if (!trimmed || /^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//')) return undefined;
  let resolved: URL;
  try {
    resolved = new URL(trimmed, ORIGIN + url);
  } catch {
    return undefined;
  }
  if (resolved.origin !== ORIGIN) return undefined;
  const path = decodePath(resolved.pathname);
  return IMAGE.test(path) ? path : undefined;
}

/** An image extension ending a word (a query or fragment may follow). */
const EXTENSION = /\.(?:jpe?g|png|webp|gif|avif|svg)(?=[\s()<>[\]"'`?#]|$)/gi;

/**
 * Every local image path the body of a page at `url` may show, sorted, each once: the words
 * ending in an image extension (a query or fragment cut off) that are not addresses elsewhere.
 * Each extension found is followed back to the start of its word, never past the last word
 * looked at, so the text is read about twice whatever it holds.
 */
export function bodyImages(body: string, url: string): string[] {
  const found = new Set<string>();
  let floor = 0;
  for (const match of body.matchAll(EXTENSION)) {
    const end = match.index + match[0].length;
    let start = match.index;
    while (start > floor && !BOUNDARY.test(body[start - 1]!)) start--;
    floor = end;
    const path = imagePath(body.slice(start, end), url);
    if (path) found.add(path);
  }
  return [...found].sort();
}
