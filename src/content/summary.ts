import { forwardSearch } from './forward-search.js';

const LIMIT = 160;
const SKIPPED_BLOCK = /^(?:#|!\[|<|>|\||```|~~~|[-*+] |\d+[.)] |={3,}|-{3,}|\*{3,})/;
/** Made when first needed (text without spaces): making one costs every process 30 ms of ICU at start. */
let segmenter: Intl.Segmenter | undefined;

/** The default summary: the first paragraph of the body as plain text, cut near 160 characters. */
export function summarise(body: string): string {
  return cut(plainText(firstParagraph(body)), LIMIT);
}

/** The first block of prose, skipping headings, images, quotes, lists, tables and HTML. */
function firstParagraph(body: string): string {
  for (const block of body.split(/\n[ \t]*\n/)) {
    const trimmed = block.trim();
    if (trimmed && !SKIPPED_BLOCK.test(trimmed)) return trimmed;
  }
  return '';
}

/**
 * Strips inline Markdown and HTML so the summary reads as plain text. Links, tags and
 * emphasis are stripped by scans that give what `/!?\[([^\]]*)\]\([^)]*\)/g`, `/<[^>]*>/g` and
 * `/(\*\*|__|\*|_|~~|`)(?=\S)([^]*?\S)\1/g` would, in time linear in the text (those regexes
 * search from every `[`, `<` or `*` to the end when nothing closes it).
 */
export function plainText(markdown: string): string {
  return stripEmphasis(stripTags(stripLinks(stripLinks(markdown, '!['), '[')))
    .replace(/\\([\\`*_{}[\]()#+\-.!~|])/g, '$1')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Each `[text](target)` (`![alt](source)` when `open` is `![`) replaced by its text. */
function stripLinks(text: string, open: '[' | '!['): string {
  const closeBracket = forwardSearch(text, ']');
  const closeParen = forwardSearch(text, ')');
  let out = '';
  let done = 0;
  for (let at = text.indexOf(open); at !== -1;) {
    const bracket = closeBracket(at + open.length);
    if (bracket === -1) break;
    if (text[bracket + 1] !== '(') {
      at = text.indexOf(open, at + 1);
      continue;
    }
    // No `)` after this `(` means none after any later one either.
    const paren = closeParen(bracket + 2);
    if (paren === -1) break;
    out += text.slice(done, at) + text.slice(at + open.length, bracket);
    done = paren + 1;
    at = text.indexOf(open, done);
  }
  return out + text.slice(done);
}

/** Every `<…>` removed. */
function stripTags(text: string): string {
  let out = '';
  let done = 0;
  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', done)) {
    const end = text.indexOf('>', at + 1);
    if (end === -1) break;
    out += text.slice(done, at);
    done = end + 1;
  }
  return out + text.slice(done);
}

/** Emphasis delimiters, in the order they are tried at one position. */
const DELIMITERS = ['**', '__', '*', '_', '~~', '`'];
const SPACE = /\s/;
const DELIMITER_START = /[*_~`]/g;

/**
 * Each run of text between a pair of one delimiter (`**bold**`, `_italic_`, `` `code` ``)
 * replaced by the run: it starts and ends with a non-space character, and ends at the first
 * delimiter after a non-space character.
 */
function stripEmphasis(text: string): string {
  const closers = DELIMITERS.map((d) => forwardSearch(text, d, (at) => !SPACE.test(text[at - 1]!)));
  let out = '';
  let done = 0;
  DELIMITER_START.lastIndex = 0;
  for (let m = DELIMITER_START.exec(text); m !== null; m = DELIMITER_START.exec(text)) {
    const at = m.index;
    for (let k = 0; k < DELIMITERS.length; k++) {
      const d = DELIMITERS[k]!;
      const inner = at + d.length;
      if (!text.startsWith(d, at) || inner >= text.length || SPACE.test(text[inner]!)) continue;
      const end = closers[k]!(inner + 1);
      if (end === -1) continue;
      out += text.slice(done, at) + text.slice(inner, end);
      done = end + d.length;
      DELIMITER_START.lastIndex = done;
      break;
    }
  }
  return out + text.slice(done);
}

/**
 * Cuts text near `limit` characters: at the last space before it when the text has spaces
 * (Indonesian), else at a character boundary (Chinese, Japanese), never inside a character.
 */
export function cut(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const head = text.slice(0, limit + 1);
  const space = head.lastIndexOf(' ');
  if (space > limit / 2) return `${head.slice(0, space).replace(/[\s,.;:!?-]+$/, '')}…`;
  let out = '';
  for (const { segment } of (segmenter ??= new Intl.Segmenter('id', { granularity: 'grapheme' })).segment(text)) {
    if (out.length + segment.length > limit) break;
    out += segment;
  }
  return `${out}…`;
}
