import { readFile } from 'node:fs/promises';
import type { Article } from '../content/article.js';
import { decodeSource } from '../content/source.js';
import { error, warning, type Problem } from '../errors.js';
import type { OutputWriter } from '../output/writer.js';
import { outputFile } from '../site/paths.js';
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
  /** How it is listed. */
  story: StoryView;
  /** Its related stories, most related first. */
  related: StoryView[];
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
export async function renderArticlePage(task: ArticleTask, r: ArticleRenderer): Promise<Problem[]> {
  const { article } = task;
  const decoded = decodeSource(await readFile(task.abs));
  if (!decoded.ok) return [error({ code: 'changed', file: article.file, message: 'the file changed during the build; build again' })];
  const body = r.renderBody(decoded.text.slice(article.bodyOffset));
  const problems = body.dropped.map(({ line, what }) =>
    warning({ code: 'html-dropped', file: article.file, line: article.bodyLine + line, message: `raw HTML dropped by the sanitiser: ${what}` }),
  );
  const page = articlePageView(article, task.story, body.html, task.related, r.site);
  const result = r.theme.render('article.njk', { site: r.site, page });
  if ('problem' in result) return [...problems, result.problem];
  await r.writer.write(outputFile(article.url), result.html);
  return problems;
}
