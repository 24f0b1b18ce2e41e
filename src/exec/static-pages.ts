import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteConfig } from '../config.js';
import type { Article } from '../content/article.js';
import { decodeSource } from '../content/source.js';
import { error, warning, type Problem } from '../errors.js';
import { createBodyRenderer } from '../render/markdown.js';
import { bodyPolicy } from '../render/sanitize.js';
import type { StaticPageView } from '../render/views.js';

/**
 * The views of the static pages, their bodies rendered here: a site has a handful, each read
 * and rendered again at every build (a page's signature is its view, so an unchanged page is
 * not written again).
 */
export function staticPageViews(
  pages: readonly Article[],
  root: string,
  config: SiteConfig,
): { views: StaticPageView[]; problems: Problem[] } {
  const views: StaticPageView[] = [];
  const problems: Problem[] = [];
  if (!pages.length) return { views, problems };
  const renderBody = createBodyRenderer(bodyPolicy(config.iframeHosts));
  for (const page of pages) {
    const decoded = decodeSource(readFileSync(join(root, page.path)));
    if (!decoded.ok) {
      problems.push(error({ code: 'changed', file: page.file }));
      continue;
    }
    const body = renderBody(decoded.text.slice(page.bodyOffset));
    for (const { line, what } of body.dropped)
      problems.push(warning({ code: 'html-dropped', file: page.file, line: page.bodyLine + line, params: what }));
    views.push({ kind: 'static', title: page.title, url: page.url, summary: page.summary, bodyHtml: body.html });
  }
  return { views, problems };
}
