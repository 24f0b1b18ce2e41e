import { readFileSync } from 'node:fs';
import type { SiteConfig } from './config.js';
import { parseArticle, type ParsedArticle } from './content/parse.js';
import type { ContentFile } from './content/read.js';
import type { Problem } from './errors.js';
import { digest } from './incremental/hash.js';
import type { OutputWriter } from './output/writer.js';
import { renderArticlePage, type ArticleTask } from './render/article-page.js';
import type { BodyLink } from './render/links.js';
import { createBodyRenderer } from './render/markdown.js';
import { bodyPolicy } from './render/sanitize.js';
import { loadTheme, type Theme } from './render/templates.js';
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
  /** The stamp of the theme the pages are planned with: a worker holding another loads it again. */
  theme: string;
}

/**
 * Parses a batch of article files. A file given the digest its bytes had at its last parse
 * (`expected`, by place) and still holding those bytes gives null: that parse stands.
 */
export async function parseBatch(files: readonly ContentFile[], setup: TaskSetup, expected: readonly (string | null)[] = []): Promise<(ParsedArticle | null)[]> {
  const out: (ParsedArticle | null)[] = [];
  for (let i = 0; i < files.length; i++) {
    const f = files[i]!;
    // Sync: on a worker there is nothing else to do meanwhile, and each await costs a thread-pool round trip.
    const bytes = readFileSync(f.abs);
    const last = expected[i];
    out.push(last && digest(bytes) === last ? null : parseArticle({ file: f.file, path: f.path, bytes }, { maxBytes: setup.config.maxArticleBytes, extraFields: setup.config.extraFields }));
  }
  return out;
}

/** What rendering a batch of article pages gives. */
export interface RenderedBatch {
  /** Body links to this site of each task of the batch, in task order. */
  links: BodyLink[][];
  /** Problems of each task of the batch, in task order. */
  each: Problem[][];
  /** Digest of each page written, in task order; null where it could not be rendered. */
  hashes: (string | null)[];
}

/** Renders article pages; one per thread, holding the compiled templates and Markdown parser. */
export class PageRenderer {
  private readonly renderBody;

  constructor(setup: TaskSetup, private readonly theme: Theme = loadTheme(setup.templates)) {
    this.renderBody = createBodyRenderer(bodyPolicy(setup.config.iframeHosts));
  }

  /** The stamp of the theme it renders with. */
  get themeStamp(): string {
    return this.theme.stamp;
  }

  /** Renders a batch of article pages and writes them; `links` holds each task's body links to this site, in order. */
  async renderBatch(tasks: readonly ArticleTask[], site: SiteView, writer: OutputWriter): Promise<RenderedBatch> {
    const out: RenderedBatch = { links: [], each: [], hashes: [] };
    const r = { theme: this.theme, renderBody: this.renderBody, site, writer };
    for (const task of tasks) {
      const page = await renderArticlePage(task, r);
      out.links.push(page.links);
      out.each.push(page.problems);
      out.hashes.push(page.hash ?? null);
    }
    return out;
  }
}
