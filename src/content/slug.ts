import anyAscii from 'any-ascii';

const VALID_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** True when text is already a valid slug: lower-case ASCII letters, digits, single hyphens. */
export function isValidSlug(text: string): boolean {
  return VALID_SLUG.test(text);
}

/** Derives a slug: transliterated to ASCII, lower-cased, other runs made one hyphen. May be empty. */
export function slugify(text: string): string {
  return anyAscii(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The slug a file name suggests: its base name without `.md` and without a leading `YYYY-MM-DD-`. */
export function slugFromPath(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/i, '');
  return slugify(base.replace(/^\d{4}-\d{2}-\d{2}(?:-|$)/, ''));
}
