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

/** Strips inline Markdown and HTML so the summary reads as plain text. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]*>/g, '')
    .replace(/(\*\*|__|\*|_|~~|`)(?=\S)([^]*?\S)\1/g, '$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!~|])/g, '$1')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
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
