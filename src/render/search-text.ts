/**
 * The text of a Markdown body for the search index: the words a reader reads, Markdown's marks
 * and raw HTML's tags taken out, by pattern rather than by the Markdown parser. A quick build
 * indexes a part of a few hundred bodies in a fresh process, where the parser, before the JIT
 * has warmed it, takes two or three milliseconds a body: as long as Pagefind takes to index
 * it. The text only feeds word matching and excerpts, where a mark left in a rare construct
 * costs nothing; a page's body is still rendered by the parser (markdown.ts).
 */

// Raw HTML whose content no reader sees (the sanitiser drops it with its content), and comments.
const HIDDEN =
  /<!--[^]*?-->|<(script|style|textarea|option|noscript|object|embed|template|svg|math|iframe)\b[^>]*>[^]*?<\/\1\s*>/gi;
// Elements that end a line of text; every other tag is dropped where it stands (`ka<b>ta</b>` is one word).
const BLOCK_TAG =
  /<\/?(?:address|article|aside|blockquote|br|caption|dd|details|div|dl|dt|figcaption|figure|h[1-6]|hr|li|ol|p|pre|section|summary|table|td|th|tr|ul)\b[^>]*>/gi;
const TAG = /<\/?[a-z][^>]*>/gi;
// Lines that hold no text: code fences, link definitions, table rules, thematic breaks and setext underlines.
// Line patterns start at the line break before the line (the text is given one first): a
// pattern starting with a plain character is looked for quickly, one starting with `^` is tried at every character.
const MARK_LINE =
  /\n {0,3}(?:`{3,}[^\n]*|~{3,}[^\n]*|\[[^\]\n]+\]:[^\n]*|\|?[ \t:|-]*-{3,}[ \t:|-]*|[ \t]*(?:[*_=-][ \t]*){3,})(?=\n|$)/g;
// What starts a line: heading, block quote and list marks.
const LINE_START = /\n[ \t]*(?:>[ \t]?)*[ \t]*(?:#{1,6}(?=[ \t\n]|$)|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))?[ \t]*/g;
const IMAGE = /!\[[^\]\n]*\](?:\((?:[^()\n]|\([^()\n]*\))*\)|\[[^\]\n]*\])?/g;
const LINK = /\[([^\]\n]*)\](?:\((?:[^()\n]|\([^()\n]*\))*\)|\[[^\]\n]*\])/g;
const AUTOLINK = /<((?:[a-z][a-z0-9+.-]{1,31}:|[^\s<>@]+@)[^\s<>]*)>/gi;
// Emphasis, strikethrough and code marks; underscores only at a word's edge (`nama_berkas` keeps its own).
const EMPHASIS = /[*`]+|~~|(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu;
// A backslash-escaped mark stands for itself: kept aside (as a private-use character) while the marks go.
const ESCAPE = /\\([!-/:-@[-`{-~])/g;
const ESCAPED = /[\ue000-\ue07f]/g;
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos|nbsp));/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The text of a Markdown body, for the search index; Pagefind runs its spaces and line breaks together. */
export function searchText(markdown: string): string {
  return `\n${markdown}`
    .replace(/\r\n?/g, '\n')
    .replace(ESCAPE, (_, mark: string) => String.fromCharCode(0xe000 + mark.charCodeAt(0)))
    .replace(HIDDEN, ' ')
    .replace(MARK_LINE, '\n')
    .replace(IMAGE, '')
    .replace(LINK, '$1')
    .replace(AUTOLINK, '$1')
    .replace(BLOCK_TAG, '\n')
    .replace(TAG, '')
    .replace(LINE_START, '\n')
    .replace(/\|/g, ' ')
    .replace(EMPHASIS, '')
    .replace(ESCAPED, (c) => String.fromCharCode(c.charCodeAt(0) - 0xe000))
    .replace(ENTITY, entity)
    .trim();
}

function entity(whole: string, decimal?: string, hex?: string, name?: string): string {
  if (name) return NAMED[name.toLowerCase()]!;
  const code = decimal ? Number(decimal) : parseInt(hex!, 16);
  return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
}
