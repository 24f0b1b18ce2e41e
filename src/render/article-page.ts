import type { Article } from '../content/article.js';
import { imagePath } from '../content/images.js';
import { error, quote, warning, type Problem } from '../errors.js';
import { imageAttrs, type PageImages } from './images.js';
import { linkTarget, type BodyLink } from './links.js';
import type { BodyRenderer } from './markdown.js';
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
  const images = input.images ?? {};
  const known = (path: string) => (Object.hasOwn(images, path) ? images[path] : undefined);
  const missing: Problem[] = [];
  const image = (src: string, line: number) => {
    const path = imagePath(src, article.url);
    const facts = path === undefined ? undefined : known(path);
    if (facts === null) missing.push(missingImage(article, path!, article.bodyLine + line));
    return facts ? imageAttrs(path!, facts) : undefined;
  };
  const rendered = r.renderBody(body, { rewrite: rewrites && ((href) => rewrites.get(href)), image });
  const lead = article.image === undefined ? undefined : known(article.image);
  if (lead === null) missing.unshift(missingImage(article, article.image!, article.imageLine, 'image'));
  const links = rendered.links
    .filter(({ href }) => linkTarget(href, article, r.site.baseUrl))
    .map(({ line, href }) => ({ line: article.bodyLine + line, href }));
  const problems = rendered.dropped.map(({ line, what }) =>
    warning({ code: 'html-dropped', file: article.file, line: article.bodyLine + line, params: what }),
  );
  if (rendered.tooDeep) problems.push(tooDeepWarning(article.file, article.bodyLine + rendered.tooDeep.line));
  problems.push(...missing);
  return { html: rendered.html, problems, links };
}

/** Renders an article page around its body as rendered (now, or by the last build: see `ArticleTask`). */
export function renderAroundBody(input: ArticlePageInput, body: ArticleBody, r: ArticleRenderer): RenderedArticle {
  const { problems, links } = body;
  const { image } = input.article;
  const lead =
    image !== undefined && input.images && Object.hasOwn(input.images, image) ? input.images[image] : undefined;
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

/** The error for a local image the site does not have: the lead photo's field, or a body image's line. */
function missingImage(article: Article, path: string, line: number | undefined, field?: string): Problem {
  return error({
    code: 'image-missing',
    file: article.file,
    line,
    ...(field && { field }),
    params: { path: quote(path) },
  });
}
