import { readFileSync } from 'node:fs';
import type { Article } from '../content/article.js';
import { decodeSource } from '../content/source.js';
import { packTerms } from '../content/terms.js';
import { error, warning, type Problem } from '../errors.js';
import type { OutputWriter } from '../output/writer.js';
import { digest } from '../incremental/hash.js';
import { outputFile } from '../site/paths.js';
import { linkTarget, type BodyLink } from './links.js';
import type { BodyRenderer } from './markdown.js';
import { MAX_HTML_DEPTH } from './sanitize.js';
import type { Theme } from './templates.js';
import { articlePageView } from './viewmodel.js';
import type { SiteView, StoryView } from './views.js';

/** Everything needed to render one article page; plain data, so it can cross to a worker. */
export interface ArticleTask {
  /** The article, without its terms (not needed to render). */
  article: Article;
  /** Absolute path of its source file. */
  abs: string;
  /** How it is listed. */
  story: StoryView;
  /** Its related stories, most related first. */
  related: StoryView[];
  /** New hrefs for some of its body links (`.md` files become their articles' URLs). */
  rewrites?: Map<string, string>;
}

/** Render tasks go without terms: pages do not show them, and they are the bulk of an article to copy. */
const NO_TERMS = packTerms([]);

/** The task of rendering an article's page. */
export function articleTask(article: Article, abs: string, story: StoryView, related: StoryView[]): ArticleTask {
  return { article: { ...article, terms: NO_TERMS }, abs, story, related };
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
 * kept from parsing, so memory stays flat however large the archive grows.
 */
export async function renderArticlePage(task: ArticleTask, r: ArticleRenderer): Promise<RenderedArticle> {
  const { article, rewrites } = task;
  const decoded = decodeSource(readFileSync(task.abs));
  if (!decoded.ok) return { problems: [error({ code: 'changed', file: article.file, message: 'the file changed during the build; build again' })], links: [] };
  const body = r.renderBody(decoded.text.slice(article.bodyOffset), { rewrite: rewrites && ((href) => rewrites.get(href)) });
  const links = body.links.filter(({ href }) => linkTarget(href, article, r.site.baseUrl)).map(({ line, href }) => ({ line: article.bodyLine + line, href }));
  const problems = body.dropped.map(({ line, what }) =>
    warning({ code: 'html-dropped', file: article.file, line: article.bodyLine + line, message: `raw HTML dropped by the sanitiser: ${what}` }),
  );
  if (body.tooDeep) problems.push(tooDeepWarning(article.file, article.bodyLine + body.tooDeep.line));
  const page = articlePageView(article, task.story, body.html, task.related, r.site);
  const result = r.theme.render('article.njk', { site: r.site, page });
  if ('problem' in result) return { problems: [...problems, result.problem], links };
  await r.writer.write(outputFile(article.url), result.html);
  return { problems, links, hash: digest(result.html) };
}

/** The warning for raw HTML nested too deep to sanitise, shown as text instead. */
function tooDeepWarning(file: string, line: number): Problem {
  return warning({
    code: 'html-too-deep',
    file,
    line,
    message: `raw HTML nests elements more than ${MAX_HTML_DEPTH} deep: all raw HTML of this article is shown as text; remove the extra nesting`,
  });
}
