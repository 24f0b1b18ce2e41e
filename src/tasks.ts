import { readFile } from 'node:fs/promises';
import type { SiteConfig } from './config.js';
import { parseArticle, type ParsedArticle } from './content/parse.js';
import type { ContentFile } from './content/read.js';
import type { Problem } from './errors.js';
import type { OutputWriter } from './output/writer.js';
import { renderArticlePage, type ArticleTask } from './render/article-page.js';
import { createBodyRenderer } from './render/markdown.js';
import { bodyPolicy } from './render/sanitize.js';
import { loadTheme } from './render/templates.js';
import type { SiteView } from './render/views.js';

/** What a worker (or the main thread, with one job) needs to parse and render. */
export interface TaskSetup {
  config: SiteConfig;
  /** The site's own templates folder, if any. */
  templates?: string;
}

/** Settings for a render phase, known once the site is assembled. */
export interface RenderSetup {
  site: SiteView;
  /** Folder the pages are written to. */
  folder: string;
}

/** Parses a batch of article files. */
export async function parseBatch(files: readonly ContentFile[], setup: TaskSetup): Promise<ParsedArticle[]> {
  const out: ParsedArticle[] = [];
  for (const f of files) {
    const bytes = await readFile(f.abs);
    out.push(parseArticle({ file: f.file, path: f.path, bytes }, { maxBytes: setup.config.maxArticleBytes }));
  }
  return out;
}

/** Renders article pages; one per thread, holding the compiled templates and Markdown parser. */
export class PageRenderer {
  private readonly theme;
  private readonly renderBody;

  constructor(setup: TaskSetup) {
    this.theme = loadTheme(setup.templates);
    this.renderBody = createBodyRenderer(bodyPolicy(setup.config.iframeHosts));
  }

  /** Renders a batch of article pages and writes them. */
  async renderBatch(tasks: readonly ArticleTask[], site: SiteView, writer: OutputWriter): Promise<Problem[]> {
    const problems: Problem[] = [];
    const r = { theme: this.theme, renderBody: this.renderBody, site, writer };
    for (const task of tasks) problems.push(...(await renderArticlePage(task, r)));
    return problems;
  }
}
