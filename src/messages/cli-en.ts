// The command line's and `warta dev`'s own texts in English, chosen with `--lang en` or
// `language: "en"` in the site config.

import { en } from './en.js';
import type { CliTexts, DevTexts, MessageTable } from './table.js';

const HELP = `warta — a static site generator for news archives

Usage:
  warta build [options]     build the archive into the output folder
  warta dev [options]       build into .warta-dev/, serve it on http://127.0.0.1:8080/ and rebuild
                            on every save of the content, templates or config; open pages reload
                            by themselves and show errors over the page; Ctrl-C stops it
  warta check [options]     check the whole archive (articles, templates, links between articles)
                            as build would, and write nothing
  warta init [DIR] [--title T] [--url URL]
                            write a new site repository into DIR (default: the current folder),
                            which must be new or empty: package.json, warta.config.json, two
                            example articles, templates/, .gitignore and deploy examples for
                            GitHub Pages and GitLab Pages
  warta new TITLE [--category C] [--byline B] [--at TIMESTAMP] [--content DIR]
                            start a draft article: writes content/YYYY/MM/<slug>.md (the WIB date
                            of now or --at; the slug from the title) and prints its path; never
                            replaces a file (exit 1)
  warta --help | --version

Options:
  --content DIR      the archive of Markdown articles (default: content)
  --out DIR          the output folder (default: dist; for dev: .warta-dev), replaced whole by every
                     build: it must be missing, empty, or one warta built (it holds .warta-output)
  --templates DIR    the site's own templates, overriding the default theme (default: templates, if present)
  --static DIR       files published at the site's root as they are, e.g. CNAME (default: static, if present)
  --config FILE      the site config (default: warta.config.json, if present)
  --base-url URL     the deployed site's address, e.g. https://berita.example, for feeds, sitemaps
                     and canonical links (default: "baseUrl" in the config; build needs one of them;
                     dev: the config's, else its own address; check: the config's, if any)
  --now TIMESTAMP    the build clock, e.g. "2025-04-02 15:22:12" (WIB); default: the current time
  --future           publish articles dated after the clock too
  --clean            build: ignore the build cache (.warta-cache/ beside the output) and rebuild everything
  --jobs N           threads for parsing and rendering (default: the machine's cores)
  --port N           dev: the port on 127.0.0.1 (default: 8080, or the next free one; 0: any free port)
  --quiet            build, check: no progress display and no summary line (unless it failed);
                     dev: only the URL and errors
  --format FORMAT    check: print problems to stdout as "text" (one line each, as build prints
                     them), "json" (an array of {severity, file, line, column, field, code,
                     message}; absent values are null; schemas/check-output.schema.json) or
                     "github" (GitHub Actions annotations) (default: text)
  --lang LANG        every command: messages in "id" (Bahasa Indonesia) or "en" (English)
                     (default: "en" when the config's "language" is English, else "id")

Exit codes: 0 built; 1 content or template errors, or another build writing the output folder
(the output is left as it was); 2 usage or config errors, or an output folder warta refuses
(init: also a folder that is not empty).
warta check: 0 no errors (warnings allowed); 1 errors; 2 usage or config errors.
warta dev runs until Ctrl-C (then 0); 2 on usage errors, a refused output folder, or no free port.
Content, template and config errors while it runs never stop it: they are shown in the terminal
and on the page.
`;

/** `1 error`, `3 errors`. */
function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** The command line's English texts. */
export const cliEn: CliTexts = {
  usage: {
    'unknown-option': (p) => `unknown option ${p.option}`,
    'missing-value': (p) =>
      `${p.option} needs a value, e.g. ${p.option} VALUE (a value that starts with "-": ${p.option}=-VALUE)`,
    'no-value': (p) => `${p.option} takes no value`,
    arguments: (p) => `cannot read the arguments: ${p.detail}`,
    'only-for': (p) => `${p.option} is for "warta ${p.command}" only`,
    'unknown-command': (p) => `unknown command "${p.command}"`,
    'no-command': () => 'no command given',
    'unexpected-argument': (p) => `unexpected argument "${p.value}"`,
    'title-unquoted': (p) => `unexpected argument "${p.value}" (put the title in quotes)`,
    'content-missing': (p) => `the content folder "${p.folder}" does not exist`,
    'static-missing': (p) => `the static folder "${p.folder}" does not exist`,
    'static-content': (p) =>
      `the static folder "${p.static}" and the content folder "${p.content}" must be apart, neither inside the other`,
    'out-in-static': (p) =>
      `the output folder "${p.out}" is inside the static folder "${p.static}"; choose another --out`,
    'check-out': () => '--out: "warta check" writes nothing',
    format: (p) => `--format: expected "text", "json" or "github", got ${p.value}`,
    'base-url-missing': (p) =>
      `the site's address is missing: set "baseUrl" in ${p.config} (e.g. "https://berita.example") or pass --base-url`,
    url: (p) => `${p.option}: expected an absolute http(s) URL, e.g. "https://berita.example", got ${p.value}`,
    port: (p) => `--port: expected a port number from 0 to 65535, got ${p.value}`,
    clock: (p) => `${p.option}: expected ${en.time[p.reason as keyof MessageTable['time']](p)}, got ${p.value}`,
    jobs: (p) => `--jobs: expected a whole number of threads, got ${p.value}`,
    lang: (p) => `--lang: expected "id" or "en", got ${p.value}`,
    'site-title': () => "--title: expected the site's name",
    'init-not-empty': (p) =>
      `the folder "${p.folder}" is not empty (it holds ${p.held}); warta init writes only into a new or empty folder`,
    'init-not-folder': (p) => `"${p.folder}" is a file, not a folder`,
    'new-title': () => 'expected the title: warta new "Judul artikel"',
    'new-slug': (p) => `cannot make a slug from the title ${p.title}: it needs a letter or digit`,
    'port-in-use': (p) =>
      `cannot listen on ${p.host}:${p.port} (ports ${p.first}–${p.port} are all in use; choose one with --port)`,
    listen: (p) => `cannot listen on ${p.host}:${p.port} (${p.detail})`,
  },
  seeHelp: 'Run "warta --help" for usage.',
  help: HELP,
  newExists: (path) => `warta: ${path} already exists; nothing was written`,
  initDone: (dir, files, hasBaseUrl) => {
    const cd = dir === '.' ? '' : `  cd ${dir}\n`;
    const address = hasBaseUrl ? '' : ' (first set "baseUrl" in warta.config.json to the site\'s address)';
    return `warta: wrote a new site of ${files.length} files into ${dir === '.' ? 'this folder' : `${dir}/`}:\n${files.map((f) => `  ${f}\n`).join('')}Next:\n${cd}  npm install\n  npm run dev       preview the site, updated on every save\n  npm run build     build it into dist/${address}\n`;
  },
  stopping: 'warta: stopping',
  stages: {
    read: 'read',
    parse: 'parse',
    model: 'model',
    related: 'related',
    render: 'render',
    search: 'search',
    write: 'write',
  },
  progress: (stage, done, total, rate) => `${stage}: ${done}/${total} (${rate}/s)`,
  started: (stage, total) => `${stage}: ${total} to do`,
};

/** `warta dev`'s English texts. */
export const devEn: DevTexts = {
  serving: (out, url, watched) =>
    `warta dev: serving ${out}/ at ${url} (watching ${watched.join(', ')}; Ctrl-C to stop)`,
  built: (b, c) => {
    const notes = [`${c.published} articles published`];
    if (c.heldBack) notes.push(`${c.heldBack} held back`);
    if (c.drafts) notes.push(count(c.drafts, 'draft'));
    if (c.warnings) notes.push(count(c.warnings, 'warning'));
    const took = b.first ? `built in ${b.ms} ms` : `rebuilt in ${b.ms} ms (from file event to files written)`;
    return `warta: ${took}; ${notes.join(', ')}`;
  },
  failed: (b, errors, out) => {
    const serving = b.first ? `serving what ${out}/ already holds` : 'still serving the last good pages';
    return `warta: ${b.first ? 'build' : 'rebuild'} failed with ${count(errors, 'error')} after ${b.ms} ms; ${serving} (fix and save to retry)`;
  },
  serveFailed: (url, detail) => `warta: serving ${url}: ${detail}`,
  watchFailed: (detail) => `warta: watching: ${detail}`,
  forbidden: (url) => `Forbidden: open ${url} instead`,
  methodNotAllowed: 'Method not allowed',
  badRequest: 'Bad request',
  moved: (location) => `Moved to ${location}`,
  rebuilding: 'The site is being rebuilt; try again',
  tooManyListeners: (max) => `${max} pages already listen for reloads: close some and reload this one`,
  internalError: 'Internal error',
  notFound: {
    lang: 'en',
    title: 'Not found',
    text: 'warta dev has no page here (and the site has no 404.html yet).',
  },
  overlay: {
    title: (errors) => `warta dev: the last rebuild failed with ${count(errors, 'error')}`,
    more: (n) => `… and ${n} more (see the terminal).`,
    footer: 'The last good pages are still being served. Fix the file and save: this page reloads by itself.',
    hide: 'Hide',
    hideTitle: 'Hide until the next rebuild',
  },
  liveReloadOff: 'warta dev: live reload is off for this page (too many pages listen); reload by hand',
};
