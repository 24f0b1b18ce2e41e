import { readFileSync } from 'node:fs';
import type { SiteConfig } from '../config.js';
import type { Article } from '../content/article.js';
import { parseArticle, type ParsedArticle } from '../content/parse.js';
import type { ContentFile } from '../content/read.js';
import { unreadableArticle } from '../content/walk.js';
import { decodeSource } from '../content/source.js';
import { withoutControls } from '../content/text.js';
import { packTerms } from '../content/terms.js';
import { error, type Problem } from '../errors.js';
import { digest } from '../util/digest.js';
import type { OutputWriter } from '../output/writer.js';
import {
  renderAroundBody,
  renderArticlePage,
  type ArticleBody,
  type ArticlePageInput,
  type ArticleRenderer,
  type RenderedArticle,
} from '../render/article-page.js';
import type { BodyLink } from '../render/links.js';
import type { PageImages } from '../render/images.js';
import { createBodyRenderer } from '../render/markdown.js';
import { bodyPolicy } from '../render/sanitize.js';
import { loadTheme, type Theme } from '../render/templates.js';
import type { SiteView, StoryView } from '../render/views.js';
import { outputFile } from '../site/paths.js';

/** Everything needed to render one article page; plain data, so it can cross to a worker. */
export interface ArticleTask extends ArticlePageInput {
  /** Absolute path of its source file. */
  abs: string;
  /** Digest of the bytes the article was parsed from: the body is read again, and must come from the same bytes. */
  source: string;
  /** The page the last build wrote from the same bytes, whose body is taken as it is while the file still has its bytes. */
  last?: LastPage;
}

/** An article page as the last build left it: where it is, the digest of its bytes, where its body stands, and what rendering the body found. */
export interface LastPage {
  /** Its absolute path. */
  abs: string;
  hash: string;
  /** Where the body's HTML stands in the page's text (see `RenderedArticle`). */
  body: [number, number];
  problems: Problem[];
  links: BodyLink[];
}

/** Render tasks go without terms: pages do not show them, and they are the bulk of an article to copy. */
const NO_TERMS = packTerms([]);

/** The task of rendering an article's page; `source` is the digest of the bytes the article was parsed from, `images` what it may show of the site's images. */
export function articleTask(
  article: Article,
  abs: string,
  source: string,
  story: StoryView,
  related: StoryView[],
  images?: PageImages,
  last?: LastPage,
): ArticleTask {
  return { article: { ...article, terms: NO_TERMS }, abs, source, story, related, last, ...(images && { images }) };
}

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
export async function parseBatch(
  files: readonly ContentFile[],
  setup: TaskSetup,
  expected: readonly (string | null)[] = [],
): Promise<(ParsedArticle | null)[]> {
  const out: (ParsedArticle | null)[] = [];
  for (let i = 0; i < files.length; i++) {
    const f = files[i]!;
    let bytes: Buffer;
    try {
      // Sync: on a worker there is nothing else to do meanwhile, and each await costs a thread-pool round trip.
      bytes = readFileSync(f.abs);
    } catch (e) {
      // Unreadable since it was listed (permissions, a folder or nothing in its place): a problem of the build, not its end.
      out.push({ problems: [unreadableArticle(f.file, e)], digest: '' });
      continue;
    }
    const last = expected[i];
    out.push(
      last && digest(bytes) === last
        ? null
        : parseArticle(
            { file: f.file, path: f.path, bytes },
            { maxBytes: setup.config.maxArticleBytes, extraFields: setup.config.extraFields },
          ),
    );
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
  /** Where each page's body stands in it, in task order (see `RenderedArticle`). */
  bodies: ([number, number] | null)[];
  /** How many pages took their body from the last build's page instead of rendering its Markdown. */
  reused: number;
}

/** Renders article pages; one per thread, holding the compiled templates and Markdown parser. */
export class PageRenderer {
  private readonly renderBody;

  constructor(
    setup: TaskSetup,
    private readonly theme: Theme = loadTheme(setup.templates),
  ) {
    this.renderBody = createBodyRenderer(bodyPolicy(setup.config.iframeHosts));
  }

  /** The stamp of the theme it renders with. */
  get themeStamp(): string {
    return this.theme.stamp;
  }

  /** Renders a batch of article pages and writes them; `links` holds each task's body links to this site, in order. */
  async renderBatch(tasks: readonly ArticleTask[], site: SiteView, writer: OutputWriter): Promise<RenderedBatch> {
    const out: RenderedBatch = { links: [], each: [], hashes: [], bodies: [], reused: 0 };
    const r = { theme: this.theme, renderBody: this.renderBody, site };
    for (const task of tasks) {
      const page = await writeArticlePage(task, r, writer);
      out.links.push(page.links);
      out.each.push(page.problems);
      out.hashes.push(page.hash ?? null);
      out.bodies.push(page.body ?? null);
      if (page.reused) out.reused++;
    }
    return out;
  }
}

/**
 * Renders and writes one article page. The body is read again from disk rather than kept from
 * parsing, so memory stays flat however large the archive grows. A file saved since it was
 * parsed fails the page: its body offset and every field the site was assembled from belong
 * to the old bytes, and the last good page stays in place.
 */
async function writeArticlePage(
  task: ArticleTask,
  r: ArticleRenderer,
  writer: OutputWriter,
): Promise<RenderedArticle & { hash?: string; reused?: boolean }> {
  const { article } = task;
  const last = task.rewrites ? undefined : lastBody(task.last);
  let page: RenderedArticle;
  if (last) page = renderAroundBody(task, last, r);
  else {
    const bytes = readFileSync(task.abs);
    const decoded = digest(bytes) === task.source ? decodeSource(bytes) : undefined;
    if (!decoded?.ok) return { problems: [error({ code: 'changed', file: article.file })], links: [] };
    page = renderArticlePage(task, withoutControls(decoded.text.slice(article.bodyOffset)), r);
  }
  if (page.html === undefined) return page;
  // Encoded once for both: writing a string and hashing it would encode the page twice.
  const bytes = Buffer.from(page.html);
  await writer.write(outputFile(article.url), bytes);
  return { ...page, hash: digest(bytes), reused: !!last };
}

/**
 * The body of the last build's page, while that page still has the bytes that build wrote
 * (anything else, or no page, means rendering the body again). Its body is then the one the
 * same source bytes give: a template change re-renders every page without any Markdown.
 */
function lastBody(last: LastPage | undefined): ArticleBody | undefined {
  if (!last) return undefined;
  let bytes: Buffer;
  try {
    bytes = readFileSync(last.abs);
  } catch {
    return undefined;
  }
  if (digest(bytes) !== last.hash) return undefined;
  return { html: bytes.toString('utf8').slice(...last.body), problems: last.problems, links: last.links };
}
