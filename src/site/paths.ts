/**
 * The output file for a site URL path: `/a/b/` and `/a/b` become `a/b/index.html`,
 * `/a/b.html` stays `a/b.html`. Callers pass only paths already checked safe.
 */
export function outputFile(url: string): string {
  const path = url.replace(/^\/+/, '');
  if (path === '' || path.endsWith('/')) return `${path}index.html`;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return last.includes('.') ? path : `${path}/index.html`;
}

/** The search page's URL (when the config keeps search on). */
export const SEARCH_URL = '/cari/';
/** The folder of the search index in the output: Pagefind's script and the empty index it starts from, and a folder per part. */
export const SEARCH_FOLDER = 'pagefind';

/** Output files the site itself produces, which no article, alias or static file may take. */
export const RESERVED_FILES = [
  'index.html',
  '404.html',
  'feed.xml',
  'atom.xml',
  'sitemap.xml',
  'robots.txt',
  outputFile(SEARCH_URL),
];

/** Output folders the site itself fills. */
export const RESERVED_FOLDERS = ['assets/', 'sitemaps/', '_img/', `${SEARCH_FOLDER}/`];
