import { readFileSync } from 'node:fs';
import type { Article } from '../content/article.js';
import { decodeSource } from '../content/source.js';
import { withoutControls } from '../content/text.js';
import { packTerms } from '../content/terms.js';
import { error, warning, type Problem } from '../errors.js';
import type { OutputWriter } from '../output/writer.js';
import { digest } from '../incremental/hash.js';
import { outputFile } from '../site/paths.js';
import { linkTarget, type BodyLink } from './links.js';
import type { BodyRenderer } from './markdown.js';
import type { Theme } from './templates.js';
import { articlePageView } from './viewmodel.js';
import type { SiteView, StoryView } from './views.js';

/** Everything needed to render one article page; plain data, so it can cross to a worker. */
export interface ArticleTask {
  /** The article, without its terms (not needed to render). */
  article: Article;
  /** Absolute path of its source file. */
  abs: string;
  /** Digest of the bytes the article was parsed from: the body is read again, and must come from the same bytes. */
  source: string;
  /** How it is listed. */
  story: StoryView;
  /** Its related stories, most related first. */
  related: StoryView[];
  /** New hrefs for some of its body links (`.md` files become their articles' URLs). */
  rewrites?: Map<string, string>;
}

/** Render tasks go without terms: pages do not show them, and they are the bulk of an article to copy. */
const NO_TERMS = packTerms([]);

/** The task of rendering an article's page; `source` is the digest of the bytes the article was parsed from. */
export function articleTask(article: Article, abs: string, source: string, story: StoryView, related: StoryView[]): ArticleTask {
  return { article: { ...article, terms: NO_TERMS }, abs, source, story, related };
}

/** A rendered article page: its problems, and the body links to this site, to check once every page is known. */
export interface RenderedArticle {
  problems: Problem[];
  links: BodyLink[];
  /** Digest of the page written; absent when the page could not be rendered. */
  hash?: string;
}

/** What an article page needs from its surroundings. */
export interface ArticleRenderer {
  theme: Theme;
  renderBody: BodyRenderer;
  site: SiteView;
  writer: OutputWriter;
}

/**
 * Renders and writes one article page. The body is read again from disk rather than
 * kept from parsing, so memory stays flat however large the archive grows. A file saved
 * since it was parsed fails the page: its body offset and every field the site was
 * assembled from belong to the old bytes, and the last good page stays in place.
 */
export async function renderArticlePage(task: ArticleTask, r: ArticleRenderer): Promise<RenderedArticle> {
  const { article, rewrites } = task;
  const bytes = readFileSync(task.abs);
  const decoded = digest(bytes) === task.source ? decodeSource(bytes) : undefined;
  if (!decoded?.ok) return { problems: [error({ code: 'changed', file: article.file })], links: [] };
  const body = r.renderBody(withoutControls(decoded.text.slice(article.bodyOffset)), { rewrite: rewrites && ((href) => rewrites.get(href)) });
  const links = body.links.filter(({ href }) => linkTarget(href, article, r.site.baseUrl)).map(({ line, href }) => ({ line: article.bodyLine + line, href }));
  const problems = body.dropped.map(({ line, what }) =>
    warning({ code: 'html-dropped', file: article.file, line: article.bodyLine + line, params: what }),
  );
  const page = articlePageView(article, task.story, body.html, task.related, r.site);
  const result = r.theme.render('article.njk', { site: r.site, page });
  if ('problem' in result) return { problems: [...problems, result.problem], links };
  await r.writer.write(outputFile(article.url), result.html);
  return { problems, links, hash: digest(result.html) };
}
