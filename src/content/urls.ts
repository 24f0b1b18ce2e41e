const SEGMENT = /^[A-Za-z0-9._~!$&'()*+,;=:@%-]+$/;

/**
 * Checks an absolute URL path from front matter: starts with `/`, no `..` or `.` segment,
 * no query, fragment, backslash or control character. Such a path can never leave the output folder.
 */
export function isSafeSitePath(path: string): boolean {
  if (!path.startsWith('/') || path.startsWith('//')) return false;
  const segments = path.slice(1).split('/');
  return segments.every((s, i) => (s === '' ? i === segments.length - 1 : s !== '.' && s !== '..' && SEGMENT.test(s)));
}

/**
 * True for an absolute http(s) URL: the scheme, a host, and no white space anywhere. Two
 * tests, not one regex: `[^\s/?#]+[^\s]*$` backtracks through every split of a long value
 * that has a space near its end (quadratic time).
 */
export function isWebUrl(value: string): boolean {
  return /^https?:\/\/[^\s/?#]/i.test(value) && !/\s/.test(value);
}

/** The article URL for a WIB day and slug: `/2025/04/02/slug/`. */
export function articleUrl(day: { year: string; month: string; day: string }, slug: string): string {
  return `/${day.year}/${day.month}/${day.day}/${slug}/`;
}

/**
 * Percent-decodes each segment of a path, as output files are named (`foto%20baru.jpg` is the
 * file `foto baru.jpg`). A segment stays as written when it does not decode, or when decoding
 * would make it a folder step (`%2e%2e`, `a%2fb`): it can then only name a file literally.
 */
export function decodePath(path: string): string {
  return path
    .split('/')
    .map((s) => {
      try {
        const d = decodeURIComponent(s);
        return d === '.' || d === '..' || /[/\\]/.test(d) ? s : d;
      } catch {
        return s;
      }
    })
    .join('/');
}
