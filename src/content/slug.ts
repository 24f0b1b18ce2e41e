import { createRequire } from 'node:module';
import type anyAscii from 'any-ascii';

/** any-ascii, loaded for the first text that is not ASCII already: its tables cost a fresh process 20 ms, and most slugs come from plain ASCII. */
let transliterate: typeof anyAscii | undefined;
const NOT_ASCII = /[^\u0000-\u007f]/;

function toAscii(text: string): string {
  if (!NOT_ASCII.test(text)) return text;
  return (transliterate ??= (createRequire(import.meta.url)('any-ascii') as { default: typeof anyAscii }).default)(
    text,
  );
}

const VALID_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The longest file or folder name file systems commonly hold, in UTF-8 bytes: a slug or a part of an alias path becomes one. */
export const NAME_MAX_BYTES = 255;

/** A URL path segment's length in UTF-8 bytes when it is too long to become a file or folder name, else 0. */
export function nameTooLong(segment: string): number {
  const bytes = Buffer.byteLength(segment);
  return bytes > NAME_MAX_BYTES ? bytes : 0;
}

/** True when text is already a valid slug: lower-case ASCII letters, digits, single hyphens. */
export function isValidSlug(text: string): boolean {
  return VALID_SLUG.test(text);
}

/** Derives a slug: transliterated to ASCII, lower-cased, other runs made one hyphen. May be empty. */
export function slugify(text: string): string {
  return toAscii(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The slug a file name suggests: its base name without `.md` and without a leading `YYYY-MM-DD-`. */
export function slugFromPath(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/i, '');
  return slugify(base.replace(/^\d{4}-\d{2}-\d{2}(?:-|$)/, ''));
}
