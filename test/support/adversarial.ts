/**
 * Hostile inputs of about a megabyte each, and what warta does with them. Each family once
 * made a regex of warta (or a library it feeds) take time quadratic in the input's size: a
 * second for 40 kB, minutes for a megabyte. `linear-time.test.ts` runs every pair in a worker
 * thread (see `linear-time-worker.ts`), so a timeout can stop one that never ends.
 */
import { defaults } from '../../src/config.js';
import { parseArticle } from '../../src/content/parse.js';
import { readFrontMatter } from '../../src/content/frontmatter.js';
import { summarise } from '../../src/content/summary.js';
import { bodyImages } from '../../src/content/images.js';
import { extractTerms } from '../../src/content/terms.js';
import { isWebUrl } from '../../src/content/urls.js';
import { createBodyRenderer } from '../../src/render/markdown.js';
import { bodyPolicy, sanitize } from '../../src/render/sanitize.js';

const MB = 1 << 20;

/** About a megabyte of `unit` repeated after `prefix`. */
function fill(unit: string, prefix = ''): string {
  return prefix + unit.repeat(Math.ceil((MB - prefix.length) / unit.length));
}

const FIELDS = 'title: Judul\nbyline: AP Wira\ncategory: Nasional\ndate: 2025-04-02 15:22:12\n';

/** Markdown bodies. */
const bodies: Record<string, () => string> = {
  'a <<<<': () => fill('<', 'a '),
  '[[[[': () => fill('['),
  '[[[[ then ]': () => `${fill('[')}]`,
  '![![![': () => fill('!['),
  '](](](': () => fill(']('),
  '*a *a *a': () => fill('*a '),
  a_a_a_: () => fill('a_'),
  '`a `a `a': () => fill('`a '),
  '~~a ~~a': () => fill('~~a '),
  'digits 1111': () => fill('1'),
  'http://http://': () => fill('http://'),
  'www.www.': () => fill('www.'),
  '::::': () => fill(':'),
  '----': () => fill('-'),
  '&a&a&a': () => fill('&a'),
  '>>>> (nested quotes)': () => fill('>'),
  '- - - (nested lists)': () => fill('- '),
  '.jpg.jpg.jpg (one word)': () => fill('.jpg'),
  'a.jpg?a.jpg?': () => fill('a.jpg?'),
  '![](a.png)![](a.png)': () => fill('![](a.png)'),
};

/** Raw HTML, nested ever deeper and never closed. */
const html: Record<string, () => string> = {
  '<div><div>': () => fill('<div>'),
  '<div> blocks': () => fill('<div>\n\n'),
  '<div> blocks, each different': () => Array.from({ length: MB / 16 }, (_, i) => `<div id=${i}>\n\n`).join(''),
  '<b><b>': () => fill('<b>', 'a '),
  '<svg><svg>': () => fill('<svg>'),
  '50000 <div> then </p></p>': () => fill('</p>', '<div>'.repeat(50_000)),
};

/** Whole article files with hostile front matter. */
const articles: Record<string, () => string> = {
  'a key line of spaces': () => `---\n${FIELDS}k${' '.repeat(MB)}k: v\n---\nIsi.\n`,
  'a 1 MB key': () => `---\n${FIELDS}${'k'.repeat(MB)}: v\n---\nIsi.\n`,
  '100k fields': () => `---\n${FIELDS}${Array.from({ length: 100_000 }, (_, i) => `k${i}: v\n`).join('')}---\nIsi.\n`,
  '200k list items': () => `---\n${FIELDS}tags:\n${'- a\n'.repeat(200_000)}---\nIsi.\n`,
  'a nested duplicate after 100k keys': () =>
    `---\n${FIELDS}x:\n${Array.from({ length: 100_000 }, (_, i) => `  k${i}: v\n`).join('')}  k0: v\n---\nIsi.\n`,
  'a megabyte of blank lines': () => `---\n${FIELDS}${'\n'.repeat(MB)}---\nIsi.\n`,
  'a megabyte of lines of one space': () => `---\n${FIELDS}${' \n'.repeat(MB / 2)}---\nIsi.\n`,
  'a 1 MB image URL with a space': () => `---\n${FIELDS}image: https://a${'b'.repeat(MB)} c\n---\nIsi.\n`,
};

const renderBody = createBodyRenderer(bodyPolicy(defaults.iframeHosts));
const policy = bodyPolicy(defaults.iframeHosts);

/** Parses an article file and renders its body, as a build does; gives the problem codes. */
function buildOne(text: string): string[] {
  const parsed = parseArticle({ file: 'content/x.md', path: 'x.md', bytes: Buffer.from(text) }, { maxBytes: 2 * MB });
  const codes: string[] = parsed.problems.map((p) => p.code);
  if (parsed.article) {
    const body = renderBody(text.slice(parsed.article.bodyOffset));
    codes.push(...body.dropped.map(() => 'html-dropped'), ...(body.tooDeep ? ['html-too-deep'] : []));
  }
  return codes;
}

/** What reading each hostile front matter gives: fine, unless listed. */
const frontMatterCodes: Record<string, string> = {
  '100k fields': 'front-matter-size',
  '200k list items': 'front-matter-size',
  'a megabyte of blank lines': 'front-matter-blank',
  'a megabyte of lines of one space': 'front-matter-blank',
  'a nested duplicate after 100k keys': 'duplicate-key',
};

/** A function of warta, the inputs it is checked on, what it gives for each (when that is checked). */
interface Target {
  inputs: Record<string, () => string>;
  run: (input: string) => unknown;
  expected?: (input: string) => unknown;
}

/** Every function checked, by name. */
export const targets: Record<string, Target> = {
  summary: { inputs: { ...bodies, ...html }, run: (s) => summarise(s).length },
  terms: { inputs: { ...bodies, ...html }, run: (s) => extractTerms('', s, []).weights.length },
  'body images': { inputs: bodies, run: (s) => bodyImages(s, '/2025/04/02/berita/').length },
  'web URL': { inputs: bodies, run: (s) => isWebUrl(`https://a${s} `), expected: () => false },
  'front matter': {
    inputs: articles,
    run: (s) => {
      const r = readFrontMatter(s, 'x.md');
      return r.ok ? 'ok' : r.problem.code;
    },
    expected: (input) => frontMatterCodes[input] ?? 'ok',
  },
  sanitize: { inputs: html, run: (s) => typeof sanitize(s, policy), expected: () => 'undefined' },
  article: {
    inputs: { ...bodies, ...html, ...articles },
    run: (s) => buildOne(s.startsWith('---\n') ? s : `---\n${FIELDS}---\n${s}`),
    expected: (input) => {
      if (input in html) return ['html-too-deep'];
      if (input in frontMatterCodes) return [frontMatterCodes[input]];
      // A field no one knows is read and warned about, however long its name.
      if (input === 'a key line of spaces' || input === 'a 1 MB key') return ['field-unknown'];
      return input === 'a 1 MB image URL with a space' ? ['image'] : [];
    },
  },
};
