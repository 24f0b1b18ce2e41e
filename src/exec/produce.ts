import { setImmediate as turn } from 'node:timers/promises';
import type { Problem } from '../errors.js';
import { digest } from '../util/digest.js';
import type { OutputWriter } from '../output/writer.js';
import { batches, type WorkerPool } from './pool.js';
import type { BodyLink } from '../render/links.js';
import type { PagePlan } from '../render/plan.js';
import type { Theme } from '../render/templates.js';
import type { SiteView } from '../render/views.js';
import { PageRenderer, type ArticleTask, type RenderedBatch, type TaskSetup } from './tasks.js';

/** An article page as rendered: its problems, its body links to this site, the digest of its bytes. */
export interface RenderedPage {
  problems: Problem[];
  links: BodyLink[];
  /** Null when the page could not be rendered (a template error). */
  hash: string | null;
  /** Where its body stands in it (see `RenderedArticle`). */
  body: [number, number] | null;
}

/** What producing a set of planned files gave. */
export interface Produced {
  /** Problems of template pages (home, categories, redirects), each reported once. */
  problems: Problem[];
  /** Rendered article pages by article index. */
  articles: Map<number, RenderedPage>;
  /** Digest of every other file written, by path. */
  files: Map<string, string>;
  /** How many article pages took their body from the last build's page (see `LastPage`). */
  reused: number;
}

/** Where and how to produce files. */
export interface ProduceInput {
  /** The files to produce now. */
  todo: readonly PagePlan[];
  /** The render task of a published article, by index; made only for the articles rendered. */
  task: (index: number) => ArticleTask;
  view: SiteView;
  theme: Theme;
  setup: TaskSetup;
  /** Writes on this thread. */
  writer: OutputWriter;
  /** Workers, and the folder they write into; without them articles render on this thread. */
  workers?: { pool: WorkerPool; folder: string };
  /** Told after each batch of articles. */
  progress?: (done: number, total: number) => void;
}

const RENDER_BATCH = 32;
/** Fewer article pages than this render on this thread: sending them to the workers costs more. */
const WORKER_PAGES = 4;

/** Renders and writes the planned files: articles on the workers, everything else on this thread meanwhile. */
export async function produce(input: ProduceInput): Promise<Produced> {
  const articles = input.todo.flatMap((p) => (p.kind === 'article' ? [p.index] : []));
  const [rendered, others] = await Promise.all([renderArticles(articles, input), produceOthers(input)]);
  return { ...others, ...rendered };
}

async function renderArticles(
  indices: number[],
  input: ProduceInput,
): Promise<{ articles: Map<number, RenderedPage>; reused: number }> {
  const workers = indices.length >= WORKER_PAGES ? input.workers : undefined;
  // Small sets are split evenly, so that every worker takes a share.
  const groups = batches(indices, Math.min(RENDER_BATCH, Math.ceil(indices.length / (workers?.pool.size ?? 1))));
  let done = 0;
  const report = (group: number[]) => input.progress?.((done += group.length), indices.length);
  const toTasks = (group: number[]) => group.map(input.task);
  let results: RenderedBatch[] = [];
  if (workers) {
    // A worker takes its messages in order: its first batches are sent with the setup, not after its reply, while this thread goes on planning.
    const setup = workers.pool.broadcast({
      kind: 'render-setup',
      render: { site: input.view, folder: workers.folder, theme: input.theme.stamp },
    });
    const rendering = workers.pool.map<number[], RenderedBatch>(
      groups,
      (g) => ({ kind: 'render', tasks: toTasks(g) }),
      report,
    );
    results = (await Promise.all([setup, rendering]))[1];
  } else if (indices.length) {
    const renderer = new PageRenderer(input.setup, input.theme);
    for (const group of groups)
      (results.push(await renderer.renderBatch(toTasks(group), input.view, input.writer)), report(group));
  }
  const out = new Map<number, RenderedPage>();
  results.forEach((batch, b) =>
    groups[b]!.forEach((index, k) =>
      out.set(index, {
        problems: batch.each[k]!,
        links: batch.links[k]!,
        hash: batch.hashes[k]!,
        body: batch.bodies[k]!,
      }),
    ),
  );
  return { articles: out, reused: results.reduce((n, batch) => n + batch.reused, 0) };
}

/** Template pages, generated data and copies. */
async function produceOthers(input: ProduceInput): Promise<{ problems: Problem[]; files: Map<string, string> }> {
  const problems: Problem[] = [];
  const files = new Map<string, string>();
  const seen = new Set<string>();
  for (const p of input.todo) {
    // Writes are synchronous: without a turn of the event loop between pages, the workers' replies would wait for the last page, and the workers for their next batch.
    if (input.workers) await turn();
    if (p.kind === 'page') {
      const result = input.theme.render(p.template, { site: input.view, page: p.page });
      if ('html' in result) {
        // Encoded once for both, as an article page is (see writeArticlePage).
        const bytes = Buffer.from(result.html);
        await input.writer.write(p.path, bytes);
        files.set(p.path, digest(bytes));
      } else if (!seen.has(JSON.stringify(result.problem))) {
        // A broken template fails every page that uses it: report it once.
        seen.add(JSON.stringify(result.problem));
        problems.push(result.problem);
      }
    } else if (p.kind === 'data') {
      await input.writer.write(p.path, p.data);
      files.set(p.path, p.sig);
    } else if (p.kind === 'copy') {
      await input.writer.copy(p.path, p.from);
      files.set(p.path, p.sig);
    } else if (p.kind === 'search' || p.kind === 'written') {
      // Written when made: an archive's index, or its feeds, held in memory until now would cost hundreds of megabytes.
      files.set(p.path, p.hash);
    }
  }
  return { problems, files };
}
