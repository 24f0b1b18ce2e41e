import MarkdownIt from 'markdown-it';
import type sanitizeHtml from 'sanitize-html';
import { droppedBy, sanitize } from './sanitize.js';

/** A body rendered to HTML, with what the raw-HTML policy dropped and where. */
export interface RenderedBody {
  /** Safe HTML. */
  html: string;
  /** Dropped raw HTML: the line in the body (0-based) and a description. */
  dropped: { line: number; what: string }[];
}

/** Renders article bodies: CommonMark with tables, strikethrough and autolinked URLs. */
export type BodyRenderer = (markdown: string) => RenderedBody;

/** Makes a body renderer applying the given raw-HTML policy. */
export function createBodyRenderer(policy: sanitizeHtml.IOptions): BodyRenderer {
  const md = new MarkdownIt('default', { html: true, linkify: true, typographer: false });
  return (markdown) => {
    const tokens = md.parse(markdown, {});
    const raw = rawHtml(tokens);
    const html = md.renderer.render(tokens, md.options, {});
    if (raw.length === 0) return { html, dropped: [] };
    // Markdown-it escapes all text itself; only bodies with raw HTML need the (slower) sanitiser.
    const dropped = raw.flatMap(({ line, html: fragment }) => droppedBy(fragment, policy).map((what) => ({ line, what })));
    return { html: sanitize(html, policy), dropped };
  };
}

/** Raw HTML fragments of a token stream with the body line each starts on. */
function rawHtml(tokens: ReturnType<InstanceType<typeof MarkdownIt>['parse']>): { line: number; html: string }[] {
  const found: { line: number; html: string }[] = [];
  for (const token of tokens) {
    if (token.type === 'html_block') found.push({ line: token.map?.[0] ?? 0, html: token.content });
    else if (token.type === 'inline' && token.children) {
      const inline = token.children.filter((t) => t.type === 'html_inline').map((t) => t.content).join('');
      if (inline) found.push({ line: token.map?.[0] ?? 0, html: inline });
    }
  }
  return found;
}
