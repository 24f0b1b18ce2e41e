// English messages, chosen with `language: "en"` in the site config or `--lang en`.

import type { MessageParam, MessageParams, SvgReason } from '../errors.js';
import { MONTHS, WEEKDAYS, YEARS } from '../time.js';
import { claimsIn, type MessageTable, type ReportCounts } from './table.js';

const EXAMPLES = '"2025-04-02 15:22:12", "2025-04-02T15:22:12+07:00" or "Rabu, 2 April 2025 15:22:12 WIB"';
const SITE_PATH = 'a path inside the site (like "/images/foto.jpg") or an http(s) URL';
const MAX_NAME = 'over the 255 bytes a file or folder name may have';

const KINDS: Record<string, string> = {
  list: 'a list',
  mapping: 'a mapping',
  text: 'text',
  number: 'a number',
  boolean: 'a boolean',
};
const EXPECTED_TYPE: Record<string, string> = {
  text: 'text',
  texts: 'non-empty text or a list of non-empty texts',
  boolean: 'true or false',
  'page-type': '"article" or "page"',
};
const CONFIG_EXPECTED: Record<string, string> = {
  text: 'a non-empty string',
  url: 'an http(s) URL',
  string: 'a string',
  count: 'a positive whole number',
  hosts: 'a list of host names',
  categories: 'a list of {"slug", "name"} objects',
  category: '{"slug": lower-case-ascii-with-hyphens, "name": non-empty string}',
  fields: 'a list of field names',
  links: 'a list of {"name", "url"} objects, each url a site path starting with / or an http(s) URL',
  raster: 'a site path ("/images/logo.png") or an http(s) URL of a raster image (not SVG)',
  'feed-content': '"summary" or "full"',
  colour: 'a hex colour like "#a3121a"',
  boolean: 'true or false',
};

/** `1 article`, `3 articles`. */
function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** `/a/ and /b/` from values joined with line breaks (no path holds one). */
function and(list: MessageParam, wrap = (s: string) => s): string {
  return String(list ?? '')
    .split('\n')
    .map(wrap)
    .join(' and ');
}

function link(p: MessageParams): string {
  switch (p.why) {
    case 'draft':
      return ': that article is a draft';
    case 'invalid':
      return ': that file has errors';
    case 'held':
      return `: that article is held back until ${p.until}`;
    case 'no-page':
      return `: it leads to ${p.path}, which no page or file of the site has`;
    case 'no-file':
      return `: there is no article file ${p.path} in the content folder`;
    default:
      return '';
  }
}

/** The claimants of an output file, named. */
function claimants(value: MessageParam): string[] {
  return claimsIn(value).map((c) => en.claims[c.kind](c));
}

function collision(p: MessageParams): string {
  if (p.kind === 'file-folder')
    return `/${p.path} is both a file and a folder: ${claimants(p.writers).join(', ')} writes the file, ${claimants(p.needers).join(', ')} needs the folder`;
  if (p.kind === 'case') {
    const labels = claimants(p.labels);
    const uses = String(p.folders)
      .split('\n')
      .map((f, i) => `${labels[i]} writes into /${f}/`);
    return `${and(p.folders, (f) => `/${f}/`)} differ only in case, one folder on macOS and Windows: ${uses.join(', ')}`;
  }
  const paths = String(p.paths).split('\n');
  const what = paths.length === 1 ? paths[0] : `${paths.join(' and ')}, one file on macOS and Windows`;
  return `${p.count} sources would write ${what}: ${claimants(p.by).join(', ')}`;
}

function dropped(p: MessageParams): string {
  if (p.kind === 'element') return `<${p.tag}> element`;
  if (p.kind === 'attribute') return `${p.attr} attribute on <${p.tag}>`;
  return `${p.attr}="${p.value}" on <${p.tag}>`;
}

const UNREADABLE: Record<string, string> = {
  permission: 'permission denied',
  folder: 'it is a folder',
  gone: 'it was removed while the build ran',
  special: 'not a regular file but a named pipe, socket or device',
};

/** Why a file or folder could not be read. */
function unreadable(p: MessageParams): string {
  return UNREADABLE[String(p.why)] ?? String(p.detail);
}

/** A `corrections` entry's or the `withdrawn` field's problem. */
function notice(p: MessageParams): string {
  const where = p.item === undefined ? '' : `correction ${p.item}: `;
  switch (p.problem) {
    case 'list':
      return `expected a list of corrections, each with "at" (a WIB timestamp) and "text", got ${p.value}`;
    case 'shape':
      return `${where}expected "at" (a WIB timestamp) and "${p.key}" (text) on their own indented lines, got ${p.value}`;
    case 'keys':
      return `${where}expected only "at" and "${p.key}", got ${p.value}`;
    case 'at-missing':
      return `${where}"at" is missing: expected a WIB timestamp like "2025-04-03 09:15"`;
    case 'at-time':
      return `${where}"at": expected ${en.time[p.reason as keyof MessageTable['time']](p)}, got ${p.value}`;
    case 'text':
      return `${where}"${p.key}": expected non-empty text, got ${p.value}`;
    default:
      return `${where}"at": expected a time no earlier than the article's date, got ${p.value}`;
  }
}

const PLACES: Record<string, string> = {
  working: 'the working folder',
  content: 'the content folder',
  templates: 'the templates folder',
  static: 'the static folder',
  home: 'the home folder',
  config: "the config file's folder",
};

/** Why an output folder is refused. */
function refused(p: MessageParams): string {
  const place = PLACES[String(p.place)];
  const refusals: Record<string, string> = {
    root: 'is the root of a file system',
    is: `is ${place}`,
    holds: `holds ${place} (${p.folder})`,
    inside: `is inside ${place} (${p.folder})`,
    link: 'is a symbolic link (give the folder it names as --out)',
    file: 'is a file, not a folder',
    mount: 'is the root of a file system (a mount point)',
    git: 'holds a repository (.git)',
    foreign: `holds files but no ${p.marker}, so warta did not build it (if it did, delete or empty it yourself)`,
  };
  return `${refusals[String(p.refusal)]}: warta replaces its output folder whole on every build; choose another --out`;
}

function summaryTail(c: ReportCounts): string {
  const due = c.nextDue ? `next due ${c.nextDue.long} = ${c.nextDue.iso}` : '';
  const held = c.heldBack ? `, ${c.heldBack} held back (${due})` : due && `, ${due}`;
  return `${held}${c.drafts ? `, ${count(c.drafts, 'draft')}` : ''}`;
}

/** The English table. */
export const en: MessageTable = {
  problems: {
    'too-large': (p) => `expected at most ${p.max} bytes, found ${p.size}`,
    encoding: (p) =>
      p.byte === undefined
        ? 'expected UTF-8 text, found UTF-16 (save the file as UTF-8)'
        : `expected UTF-8 text, found invalid byte sequences near byte ${p.byte}`,
    binary: () => 'expected a UTF-8 text file, found binary data (a NUL byte)',
    'file-name': () => 'expected a file name without backslashes or control characters; rename the file',
    'symlink-broken': () => 'symbolic link points to nothing',
    'symlink-outside': (p) =>
      `symbolic link points outside the ${p.folder === 'static' ? 'static' : 'content'} folder; copy the file in instead`,
    'symlink-folder': () => 'symbolic links to folders are not followed; move the folder in instead',
    'file-unreadable': (p) => `cannot read the ${p.of === 'article' ? 'article' : 'file'}: ${unreadable(p)}`,
    'folder-unreadable': (p) => `cannot read the folder (${unreadable(p)}): nothing in it is published`,
    'file-special': () => 'not a regular file but a named pipe, socket or device: not published',
    'file-backup': () =>
      "an editor's backup or temporary file, which may hold text not meant for readers, is not published (delete it, or keep it outside the content folder)",
    'file-hidden': () => 'a hidden file is not published',
    'file-markdown': () => 'only .md files are articles: this one is not published (rename it to .md to publish it)',
    'file-html': () =>
      "HTML under the content folder is not published: it would bypass the raw-HTML policy (write an article, or put the site's own pages in the static folder)",
    'file-type': (p) =>
      `${p.ext ? `.${p.ext} files are` : 'a file without an extension is'} not published: only images, audio, video, PDF, office documents, fonts, .txt, .csv and .json are (put the site's own files in the static folder)`,
    'svg-script': (p) =>
      `an SVG that can run script on the site is not published: it holds ${en.svg[p.risk as SvgReason](p)} (remove it, or export the image again as plain SVG or PNG)`,
    'front-matter-blank': () =>
      'expected fewer blank lines in a row in the front matter (about 250 at most); remove the blank lines',
    correction: notice,
    withdrawal: notice,
    'html-too-deep': (p) =>
      `raw HTML nests elements more than ${p.max} deep: all raw HTML of this article is shown as text; remove the extra nesting`,
    changed: () => 'the file changed during the build; build again',
    'front-matter-missing': () => 'expected front matter between "---" lines at the top of the file',
    'front-matter-unclosed': () => 'expected a closing "---" line after the front matter',
    'front-matter-shape': () => 'expected front matter fields ("title: ...", one per line)',
    'front-matter-size': (p) =>
      `expected at most ${p.max} values in the front matter (YAML aliases that repeat themselves count each time)`,
    'duplicate-key': (p) => `duplicate field${p.key === undefined ? '' : ` ${p.key}`}: each field may appear only once`,
    yaml: (p) => `invalid YAML: ${p.reason}`,
    'yaml-colon': (p) =>
      `a colon followed by a space inside a value ends the field name: put the value in double quotes, like: ${p.fixed}`,
    'yaml-tab': () => 'a Tab character is used to indent this line: indent with spaces instead',
    'yaml-quote': (p) =>
      `the quote ${p.quote} opened on this line is never closed: end the value with ${p.quote}, or write it without quotes`,
    'yaml-bracket': (p) =>
      `the ${p.open === '[' ? 'list' : 'mapping'} opened with ${p.open} on this line is never closed: end it with ${p.close}, and separate its items with commas`,
    'field-misspelt': (p) => `unknown field: did you mean "${p.meant}"?`,
    'field-unknown': () =>
      'unknown field, ignored: list it in "extraFields" in the site config if the templates use it',
    missing: () => 'required field is missing',
    empty: (p) =>
      p.what === 'list'
        ? 'expected at least one name, got an empty list'
        : 'expected non-empty text, got an empty value',
    type: (p) =>
      `expected ${EXPECTED_TYPE[String(p.expected)]}, got ${p.kind === undefined ? p.value : `${KINDS[String(p.kind)] ?? p.kind} ${p.value}`}`,
    time: (p) => `expected ${en.time[p.reason as keyof MessageTable['time']](p)}, got ${p.value}`,
    slug: (p) => {
      if (p.of === 'category') return `expected a name with at least one letter or digit, got ${p.value}`;
      if (p.of === 'derived')
        return `cannot derive a slug from the file name or the title ${p.value}: add a "slug" field`;
      return `expected lower-case ASCII letters, digits and single hyphens (like "wang-yi-di-moskow"), got ${p.value}`;
    },
    'name-too-long': (p) => {
      const long = `${p.bytes} bytes long, ${MAX_NAME}`;
      if (p.of === 'category') return `expected a shorter name: its URL segment ${p.value} is ${long}`;
      if (p.of === 'file name' || p.of === 'title')
        return `the slug derived from the ${p.of}, ${p.value}, is ${long}: add a shorter "slug" field`;
      if (p.of === 'aliases') return `expected shorter paths, each part at most 255 bytes: ${p.value}`;
      return `expected a shorter slug: ${p.value} is ${long}`;
    },
    image: (p) => `expected ${SITE_PATH}, got ${p.value}`,
    alias: (p) =>
      `expected absolute URL paths like "/old/path/" or "/old/page.html" without "..", query or fragment, got ${p.values}`,
    'alias-hidden': (p) =>
      `expected no part of a path to start with "." (hidden files such as /.htaccess belong to the web server), got ${p.values}`,
    'url-collision': collision,
    'link-broken': (p) => `link to ${p.href} goes nowhere${link(p)}`,
    'html-dropped': (p) => `raw HTML dropped by the sanitiser: ${dropped(p)}`,
    'image-missing': (p) =>
      `image ${p.path} is not a file of the site (put it under content/, e.g. content/images/, or in the static folder)`,
    'image-unreadable': () =>
      'cannot be read as an image (JPEG, PNG, WebP, GIF or AVIF): save it again from a photo editor',
    template: (p) => `${p.detail}`,
    'search-index': (p) =>
      `Pagefind could not make the search index: ${p.detail} (set "search": false in the site config to build without search)`,
    'config-read': (p) => `cannot read the config file (${p.detail})`,
    'config-json': (p) => `expected JSON (${p.detail})`,
    'config-shape': () => 'expected a JSON object',
    'config-field': (p) => `expected ${CONFIG_EXPECTED[String(p.expected)]}, got ${p.value}`,
    'config-unknown': () => 'unknown setting',
    'output-refused': (p) => (p.refusal === undefined ? 'expected a folder, got ""' : refused(p)),
    'output-permission': (p) =>
      p.folder === undefined
        ? `cannot be changed: ${p.change} was refused (${p.errno}); it, a file in it or the folder holding it may belong to another user or lie on a read-only disk: fix the permissions or choose another --out`
        : `cannot be changed: this user may not write ${p.folder} (it may belong to another user); fix its permissions or choose another --out`,
    'output-locked': (p) =>
      `${p.pid === undefined ? `another warta is taking the lock of ${p.out}/ this moment, or this file cannot be replaced` : `another warta (process ${p.pid}, since ${p.since}) is writing ${p.out}/`}: wait for it to finish or stop it; if no warta is running, delete this file`,
    'dev-build': (p) => `the build stopped: ${p.detail}`,
  },
  time: {
    text: () => `a timestamp written as text, like ${EXAMPLES}`,
    'with-time': () => 'a time as well as a date, like "2025-04-02 15:22:12"',
    'with-offset': () =>
      'a UTC offset after a "T" time, like "2025-04-02T15:22:12+07:00" (or a space for WIB: "2025-04-02 15:22:12")',
    padded: () => 'a zero-padded timestamp like "2025-04-02 15:22:12"',
    timestamp: () => `a WIB timestamp like ${EXAMPLES}`,
    'offset-range': () => 'a UTC offset between -14:00 and +14:00, like "+07:00"',
    'month-name': () => `an Indonesian month name (${MONTHS.join(', ')})`,
    'weekday-name': () => `an Indonesian weekday name (${WEEKDAYS.join(', ')})`,
    'year-range': () => `a date in the years ${YEARS.first} to ${YEARS.last} (WIB)`,
    'month-range': () => 'a real calendar date (months run 01–12)',
    'day-range': (p) => `a real calendar date (${p.month} has ${p.days} days)`,
    'time-range': () => 'a real time of day (hours 00–23, minutes and seconds 00–59)',
    weekday: (p) => `the weekday of ${p.date} ("${p.weekday}")`,
  },
  claims: {
    article: (c) => `${c.file} (${c.url})`,
    alias: (c) => `${c.file} (alias ${c.url})`,
    category: (c) => `category "${c.name}" (${c.url})`,
    indeks: () => 'the Indeks page',
    period: (c) => `the archive of ${c.name} (${c.url})`,
    topic: (c) => `the topic "${c.name}" (${c.url})`,
    author: (c) => `the author "${c.name}" (${c.url})`,
    list: (c) => `the list ${c.url}`,
    static: (c) => `static file ${c.file}`,
    reserved: (c) => `warta's own ${c.url}`,
  },
  svg: {
    declarations: () => 'its own entity or attribute declarations (<!ENTITY, <!ATTLIST)',
    doctype: () => 'its own declarations in the DOCTYPE',
    element: (p) => `a <${p.found}> element`,
    instruction: (p) => `a processing instruction (<?${p.found}>)`,
    handler: (p) => `an event-handler attribute (${p.found})`,
    'script-url': (p) => `a script URL in ${p.found}`,
    'animated-handler': (p) => `an animation of an event handler (${p.found})`,
    use: (p) => `a <use> of another file (${p.found})`,
    xhtml: () => 'HTML elements (the XHTML namespace)',
    unreadable: () => 'nothing that could be read',
    'wide-encoding': () => 'text in UTF-16 or UTF-32, which is not checked',
  },
  warning: 'warning: ',
  report: {
    check: (c) => {
      const found =
        c.errors + c.warnings ? `${count(c.errors, 'error')} and ${count(c.warnings, 'warning')}` : 'no problems';
      return `warta: check found ${found}; ${count(c.published, 'article')} ready to publish${summaryTail(c)}; nothing was written`;
    },
    buildFailed: (c, kept) =>
      `warta: build failed with ${count(c.errors, 'error')}${c.warnings ? `, ${count(c.warnings, 'warning')}` : ''}${kept ? `; ${kept}/ was left as it was` : ''}`,
    built: (c, w, seconds) => {
      const i = w.incremental;
      const changes = i
        ? `${i.written} of ${w.files} files changed${i.removed ? `, ${i.removed} removed` : ''} in ${w.out}/ (${count(i.parsed, 'article')} parsed, ${count(i.rendered, 'file')} rendered)`
        : `${w.files} files written to ${w.out}/`;
      const images = w.images ? `, ${count(w.images, 'image')} resized` : '';
      return `warta: ${c.published} articles published${summaryTail(c)}, ${changes}${images} in ${seconds} s${c.warnings ? `, ${count(c.warnings, 'warning')}` : ''}`;
    },
  },
};
