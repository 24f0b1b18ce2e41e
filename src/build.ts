import type { SiteConfig } from './config.js';
import type { ParsedArticle } from './content/parse.js';
import { listContent, type ContentFile } from './content/read.js';
import { hasErrors, sortProblems, type Problem } from './errors.js';
import { FolderWriter, openStaging, type Staging } from './output/staging.js';
import type { OutputWriter } from './output/writer.js';
import { batches, WorkerPool } from './pool.js';
import type { ArticleTask } from './render/article-page.js';
import { writeFeeds } from './render/feeds.js';
import { renderListPages } from './render/list-pages.js';
import { loadTheme, themeAssets } from './render/templates.js';
import { siteView, storyView } from './render/viewmodel.js';
import type { SiteView } from './render/views.js';
import { assembleSite, type Clock, type Site } from './site/assemble.js';
import { relateArticles } from './site/related.js';
import { PageRenderer, parseBatch, type TaskSetup } from './tasks.js';

/** What to build, from where, to where. */
export interface BuildOptions {
  /** The archive folder. */
  content: string;
  /** The output folder (ignored when `writer` is given). */
  out: string;
  /** The site's own templates folder, overriding the default theme. */
  templates?: string;
  config: SiteConfig;
  clock: Clock;
  /** Threads for parsing and rendering; 1 runs everything on the main thread. */
  jobs: number;
  /** Write here instead of swapping a staging folder in (tests; `warta check`). */
  writer?: OutputWriter;
  /** Told about progress, for a progress display. */
  progress?: (stage: Stage, done: number, total: number) => void;
}

/** The stages of a build, in order. */
export type Stage = 'read' | 'parse' | 'model' | 'related' | 'render' | 'write';

/** What a build did. */
export interface BuildResult {
  /** Every problem, errors and warnings, sorted by file and line. */
  problems: Problem[];
  /** True when the build had no errors and its output is in place. */
  ok: boolean;
  published: number;
  heldBack: number;
  drafts: number;
  /** When the next held-back article falls due, epoch milliseconds. */
  nextDue?: number;
  /** Files written (pages, feeds, copies). */
  files: number;
  /** Seconds spent in each stage. */
  stages: Record<Stage, number>;
}

const PARSE_BATCH = 64;
const RENDER_BATCH = 32;

/** Builds the site: read → parse → model → related → render → write. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const timer = stageTimer();
  const setup: TaskSetup = { config: options.config, templates: options.templates };
  const pool = options.jobs > 1 ? new WorkerPool(options.jobs, setup) : undefined;
  try {
    const listing = await listContent(options.content);
    timer.lap('read');
    const parsed = await parseAll(listing.articles, setup, pool, options);
    timer.lap('parse');
    const problems = [...listing.problems, ...parsed.flatMap((p) => p.problems)];
    const articles = parsed.flatMap((p) => (p.article ? [p.article] : []));
    const { site, problems: siteProblems } = assembleSite(articles, options.config, options.clock, listing.statics);
    problems.push(...siteProblems);
    timer.lap('model');
    const result = (files: number, ok: boolean): BuildResult => ({
      problems: sortProblems(problems), ok, files, published: site.articles.length, heldBack: site.heldBack, drafts: site.drafts, nextDue: site.nextDue, stages: timer.stages,
    });
    if (hasErrors(problems)) return result(0, false);
    const related = relateArticles(site.articles, { count: options.config.relatedCount });
    timer.lap('related');
    const abs = new Map(listing.articles.map((f) => [f.path, f.abs]));
    const output = await renderSite({ site, related, abs, statics: listing.statics, setup, pool, options });
    problems.push(...output.problems);
    timer.lap('render');
    const ok = !hasErrors(problems);
    await (ok ? output.staging?.commit() : output.staging?.abort());
    timer.lap('write');
    return result(ok ? output.files : 0, ok);
  } finally {
    await pool?.close();
  }
}

/** Parses every article file, on the workers when there are some. */
async function parseAll(files: readonly ContentFile[], setup: TaskSetup, pool: WorkerPool | undefined, options: BuildOptions): Promise<ParsedArticle[]> {
  let done = 0;
  const report = (batch: readonly ContentFile[]) => options.progress?.('parse', (done += batch.length), files.length);
  if (!pool) {
    const results = [];
    for (const batch of batches(files, PARSE_BATCH)) results.push(...(await parseBatch(batch, setup)), report(batch));
    return results.filter((r): r is ParsedArticle => r !== undefined);
  }
  const results = await pool.map<ContentFile[], ParsedArticle[]>(batches(files, PARSE_BATCH), (b) => ({ kind: 'parse', files: b }), report);
  return results.flat();
}

interface RenderInput {
  site: Site;
  related: number[][];
  abs: Map<string, string>;
  statics: readonly ContentFile[];
  setup: TaskSetup;
  pool: WorkerPool | undefined;
  options: BuildOptions;
}

/** Renders every page into a staging folder (or the given writer); nothing is committed here. */
async function renderSite(input: RenderInput): Promise<{ problems: Problem[]; files: number; staging?: Staging }> {
  const { site, options } = input;
  const staging = options.writer ? undefined : await openStaging(options.out);
  try {
    const writer = options.writer ?? new FolderWriter(staging!.folder);
    const names = new Map(site.categories.map((c) => [c.slug, c.name]));
    const stories = site.articles.map((a) => storyView(a, names.get(a.categorySlug)!));
    const view = siteView(options.config, site.categories);
    const tasks = site.articles.map((article, i): ArticleTask => ({
      article: { ...article, terms: [] },
      abs: input.abs.get(article.path)!,
      story: stories[i]!,
      related: input.related[i]!.map((j) => stories[j]!),
    }));
    const theme = loadTheme(options.templates);
    const [articleProblems, listProblems] = await Promise.all([
      renderArticles(tasks, view, writer, staging, input),
      renderListPages({ site, config: options.config, view, stories, theme, writer }),
    ]);
    await writeFeeds(site, options.config, writer);
    const assets = await themeAssets(theme);
    for (const asset of assets) await writer.copy(asset.path, asset.abs);
    for (const file of input.statics) await writer.copy(file.path, file.abs);
    const files = tasks.length + countListPages(site) + assets.length + input.statics.length + feedFiles(site);
    return { problems: [...articleProblems, ...listProblems], files, staging };
  } catch (e) {
    await staging?.abort();
    throw e;
  }
}

/** Article pages, on the workers when there are some. */
async function renderArticles(tasks: ArticleTask[], view: SiteView, writer: OutputWriter, staging: Staging | undefined, input: RenderInput): Promise<Problem[]> {
  const { pool, options } = input;
  let done = 0;
  const report = (batch: readonly ArticleTask[]) => options.progress?.('render', (done += batch.length), tasks.length);
  if (!pool || !staging) {
    const renderer = new PageRenderer(input.setup);
    const problems: Problem[] = [];
    for (const batch of batches(tasks, RENDER_BATCH)) problems.push(...(await renderer.renderBatch(batch, view, writer))), report(batch);
    return problems;
  }
  await pool.broadcast({ kind: 'render-setup', render: { site: view, folder: staging.folder } });
  const results = await pool.map<ArticleTask[], Problem[]>(batches(tasks, RENDER_BATCH), (b) => ({ kind: 'render', tasks: b }), report);
  return results.flat();
}

function countListPages(site: Site): number {
  return 2 + site.aliases.length + site.categories.reduce((n, c) => n + c.pages.length, 0);
}

function feedFiles(site: Site): number {
  return 3 + Math.ceil((site.articles.length + site.categories.length + 1) / 50_000);
}

/** Times stages: each lap closes the stage that just ran. */
function stageTimer() {
  const stages = { read: 0, parse: 0, model: 0, related: 0, render: 0, write: 0 } as Record<Stage, number>;
  let last = performance.now();
  return {
    stages,
    lap(stage: Stage) {
      const now = performance.now();
      stages[stage] = (now - last) / 1000;
      last = now;
    },
  };
}
