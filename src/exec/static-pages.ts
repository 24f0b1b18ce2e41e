import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteConfig } from '../config.js';
import type { Article } from '../content/article.js';
import { decodeSource } from '../content/source.js';
import { error, warning, type Problem } from '../errors.js';
import { imageAttrs, type PageImages } from '../render/images.js';
import { linkTarget, sourceRewriter, type BodyLink } from '../render/links.js';
import { createBodyRenderer } from '../render/markdown.js';
import { ShownImages } from '../render/page-images.js';
import { bodyPolicy } from '../render/sanitize.js';
import type { StaticPageView } from '../render/views.js';

/** The static pages' views, and their body links to this site, to check once every output file is known. */
export interface StaticPages {
  views: StaticPageView[];
  links: { page: Article; links: BodyLink[] }[];
  problems: Problem[];
}

/**
 * The views of the static pages, their bodies rendered here: a site has a handful, each read
 * and rendered again at every build (a page's signature is its view, so an unchanged page is
 * not written again). Links to the `.md` files of `published` articles become their URLs, and
 * the site's images (`images`: what is known of those a page shows) get their size, as on
 * article pages.
 */
export function staticPageViews(
  pages: readonly Article[],
  root: string,
  config: SiteConfig,
  published: readonly Article[],
  images: (page: Article) => PageImages | undefined = () => undefined,
): StaticPages {
  const views: StaticPageView[] = [];
  const problems: Problem[] = [];
  const found: StaticPages['links'] = [];
  if (!pages.length) return { views, links: found, problems };
  const renderBody = createBodyRenderer(bodyPolicy(config.iframeHosts));
  const rewrite = sourceRewriter(published, config.baseUrl);
  for (const page of pages) {
    const decoded = decodeSource(readFileSync(join(root, page.path)));
    if (!decoded.ok) {
      problems.push(error({ code: 'changed', file: page.file }));
      continue;
    }
    const shown = new ShownImages(page, images(page));
    const body = renderBody(decoded.text.slice(page.bodyOffset), {
      rewrite: (href) => rewrite(href, page),
      image: shown.image,
    });
    for (const { line, what } of body.dropped)
      problems.push(warning({ code: 'html-dropped', file: page.file, line: page.bodyLine + line, params: what }));
    problems.push(...shown.missing());
    const links = body.links
      .filter(({ href }) => linkTarget(href, page, config.baseUrl))
      .map(({ line, href }) => ({ line: page.bodyLine + line, href }));
    if (links.length) found.push({ page, links });
    const lead = shown.lead;
    views.push({
      kind: 'static',
      title: page.title,
      url: page.url,
      summary: page.summary,
      ...(page.image && { image: page.image, caption: page.caption, credit: page.credit }),
      ...(lead && { lead: imageAttrs(page.image!, lead) }),
      bodyHtml: body.html,
    });
  }
  return { views, links: found, problems };
}
