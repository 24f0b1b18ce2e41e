import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeedBody } from '../render/feeds.js';
import { decodeSource } from '../content/source.js';
import { createBodyRenderer } from '../render/markdown.js';
import { bodyPolicy } from '../render/sanitize.js';

/**
 * Renders bodies for feeds (config `feedContent: "full"`), reading each article's file from
 * the content folder `root` again, as its page does. A file that cannot be read now gives no
 * content (its page reports the change).
 */
export function feedBodies(root: string, iframeHosts: readonly string[], baseUrl: string): FeedBody {
  const render = createBodyRenderer(bodyPolicy(iframeHosts));
  return (article) => {
    const decoded = decodeSource(readFileSync(join(root, article.path)));
    if (!decoded.ok) return '';
    const { html } = render(decoded.text.slice(article.bodyOffset));
    // Site paths (`/images/x.jpg`), not protocol-relative ones (`//host/x`).
    return html.replace(/\b(href|src)="\/(?!\/)/g, `$1="${baseUrl}/`);
  };
}
