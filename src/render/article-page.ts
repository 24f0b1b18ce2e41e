import type { Article } from '../content/article.js';
import { warning, type Problem } from '../errors.js';
import type { PageImages } from './images.js';
import { linkTarget, type BodyLink } from './links.js';
import type { BodyRenderer } from './markdown.js';
import { ShownImages } from './page-images.js';
import { MAX_HTML_DEPTH } from './sanitize.js';
import type { Theme } from './templates.js';
import { articlePageView } from './viewmodel.js';
import type { SiteView, StoryView } from './views.js';

/** What an article page shows besides its body: plain data, so it can cross to a worker. */
export interface ArticlePageInput {
  /** The article, without its terms (not needed to render). */
  article: Article;
  /** How it is listed. */
  story: StoryView;
  /** Its related stories, most related first. */
  related: StoryView[];
  /** New hrefs for some of its body links (`.md` files become their articles' URLs). */
  rewrites?: Map<string, string>;
  /** The local images it may show (its lead photo and those its body names), by site path. */
  images?: PageImages;
}

/** What an article page needs from its surroundings. */
export interface ArticleRenderer {
  theme: Theme;
  renderBody: BodyRenderer;
  site: SiteView;
}

/**
 * A rendered article page: its HTML (absent when the template failed), its problems, and its
 * body links to this site, to check once every page is known.
 */
export interface RenderedArticle {
  html?: string;
  problems: Problem[];
  links: BodyLink[];
  /** Where the body's HTML stands in `html` (UTF-16 offsets), when the template shows it as it is. */
  body?: [number, number];
}

/** An article's body as rendered: its HTML, the body's problems and its links to this site. */
export interface ArticleBody {
  html: string;
  problems: Problem[];
  links: BodyLink[];
}

/** Renders one article page from the text of its body (the file's text from `article.bodyOffset`). */
export function renderArticlePage(input: ArticlePageInput, body: string, r: ArticleRenderer): RenderedArticle {
  return renderAroundBody(input, renderArticleBody(input, body, r), r);
}

/** Renders an article's body: Markdown to safe HTML, with its problems and its links to this site. */
function renderArticleBody(input: ArticlePageInput, body: string, r: ArticleRenderer): ArticleBody {
  const { article, rewrites } = input;
  const shown = new ShownImages(article, input.images);
  const rendered = r.renderBody(body, { rewrite: rewrites && ((href) => rewrites.get(href)), image: shown.image });
  const links = rendered.links
    .filter(({ href }) => linkTarget(href, article, r.site.baseUrl))
    .map(({ line, href }) => ({ line: article.bodyLine + line, href }));
  const problems = rendered.dropped.map(({ line, what }) =>
    warning({ code: 'html-dropped', file: article.file, line: article.bodyLine + line, params: what }),
  );
  if (rendered.tooDeep) problems.push(tooDeepWarning(article.file, article.bodyLine + rendered.tooDeep.line));
  problems.push(...shown.missing());
  return { html: rendered.html, problems, links };
}

/** Renders an article page around its body as rendered (now, or by the last build: see `ArticleTask`). */
export function renderAroundBody(input: ArticlePageInput, body: ArticleBody, r: ArticleRenderer): RenderedArticle {
  const { problems, links } = body;
  const lead = new ShownImages(input.article, input.images).lead;
  const page = articlePageView(input.article, input.story, body.html, input.related, r.site, lead || undefined);
  const result = r.theme.render('article.njk', { site: r.site, page });
  if ('problem' in result) return { problems: [...problems, result.problem], links };
  const at = result.html.indexOf(body.html);
  return { html: result.html, problems, links, body: at < 0 ? undefined : [at, at + body.html.length] };
}

/** The warning for raw HTML nested too deep to sanitise, shown as text instead. */
function tooDeepWarning(file: string, line: number): Problem {
  return warning({ code: 'html-too-deep', file, line, params: { max: MAX_HTML_DEPTH } });
}
