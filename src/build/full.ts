// The stages of a build (parse → model → related → render → write) once `build` (build.ts)
// has started walking the archive: this module, with the Markdown parser, the templates and
// the sanitiser it imports, loads while the archive is walked.

import type { Article } from '../content/article.js';
import type { ParsedArticle } from '../content/parse.js';
import { copiedFiles, type ContentFile, type ContentListing } from '../content/read.js';
import { checkSvgFiles } from '../content/svg.js';
import { hasErrors, sortProblems } from '../errors.js';
import type { BuildCache } from '../incremental/cache.js';
import { batches, WorkerPool } from '../exec/pool.js';
import { quickBuild } from './quick.js';
import { summarize } from './summary.js';
import { parseBatch, type TaskSetup } from '../exec/tasks.js';
import { buildResult, triesQuick, type BuildOptions, type BuildResult } from './options.js';
import type { StageTimer } from './progress.js';
import { Previous } from './previous.js';
import { renderSite } from './full-render.js';
import { commit } from './full-commit.js';
import { SiteImages } from './images.js';

const PARSE_BATCH = 64;
const MIN_ARTICLES_FOR_WORKERS = 100;

/** The stages of a build once its archive is being walked (see `build`). */
export async function runStages(
  options: BuildOptions,
  listed: Promise<ContentListing>,
  timer: StageTimer,
): Promise<BuildResult> {
  const setup: TaskSetup = { config: options.config, templates: options.templates };
  const previous = Previous.open(options);
  if (triesQuick(options)) {
    const quick = await quickBuild({ options, previous, listed, lap: timer.lap, stages: timer.stages });
    if (quick) return quick;
  }
  // The full path asks for all of the last build's cache.
  await previous.read();
  const { cache } = previous;
  const listing = await listed;
  timer.lap('read');
  const again = new Set(options.rehearse);
  const known = previous.parses(listing.articles(), again);
  const toRead = listing.articles().filter((_, i) => !known[i]);
  // A file the cache holds at another stamp is parsed only if its bytes changed: a fresh clone gives every file a new time.
  const expected = toRead.map((f) => (again.has(f.path) ? null : (previous.digestOf(f.path) ?? null)));
  let pool = workerPool(options, setup, toRead.length, previous);
  // Workers for the article pages to render when none were started to parse (a template-only change parses nothing).
  const renderPool = (pages: number) => (pool ??= workerPool(options, setup, pages, previous));
  let images: SiteImages | undefined;
  try {
    // Starting workers, or sending them a few files, costs more than parsing a few files here.
    const read = await parseAll(
      toRead,
      expected,
      setup,
      toRead.length >= MIN_ARTICLES_FOR_WORKERS ? pool : undefined,
      options,
    );
    const fresh = toRead.map((f) => ({ file: f, parsed: read.get(f.path) ?? cache!.sources.get(f.path)!.parsed }));
    const parsedNow = toRead.filter((f) => read.get(f.path));
    // The files read are the listing's without a known parse, in order.
    let k = 0;
    const parsed = listing.articles().map((_, i) => known[i] ?? fresh[k++]!.parsed);
    timer.lap('parse');
    // An SVG the last committed build copied at the same stamp was found safe then.
    const problems = [
      ...listing.problems,
      ...checkSvgFiles(listing.statics, (f) => cache?.copies.get(f.abs)?.stamp === f.stamp),
    ];
    const articles: Article[] = [];
    for (const p of parsed) {
      if (p.problems.length) problems.push(...p.problems);
      if (p.article) articles.push(p.article);
    }
    const assembly = previous.assemble(articles, options.config, options.clock, copiedFiles(listing));
    const { site } = assembly;
    problems.push(...assembly.problems);
    images = await SiteImages.open(options, listing, [...site.articles, ...site.pages]);
    problems.push(...images.problems);
    timer.lap('model');
    const result = (
      files: number,
      written: number,
      removed: number,
      rendered: number,
      ok: boolean,
      reused = 0,
    ): BuildResult =>
      buildResult(
        {
          problems: sortProblems(problems),
          published: site.articles.length,
          heldBack: site.heldBack,
          drafts: site.drafts,
          nextDue: site.nextDue,
        },
        { ok, files, written, removed, parsed: parsedNow.length, rendered, reused, incremental: !!cache, quick: false },
        timer.stages,
      );
    if (hasErrors(problems) && !options.keepGoing) return result(0, 0, 0, 0, false);
    const { related, state, cachedRelated } = previous.relate(site.articles, parsedNow, options.config.relatedCount);
    timer.lap('related');
    const digestOf = sourceDigests(read, cache);
    const render = await renderSite({
      lap: timer.lap,
      site,
      related,
      cachedRelated,
      listing,
      digestOf,
      valid: articles,
      previous,
      setup,
      pool: renderPool,
      options,
      images,
    });
    // A build's own workers are done: stopped now, their heaps are not held while the cache is written, where memory peaks.
    if (!previous.keepsWorkers(pool)) await pool?.close();
    problems.push(...render.problems);
    timer.lap('render');
    const ok = !hasErrors(problems) && !options.writer;
    const sources = { files: listing.articles(), parsed, fresh };
    // For the next build's quick path, which reports these problems again (warnings: the build is ok).
    const summary =
      ok && previous.saves
        ? summarize(
            site,
            listing,
            sortProblems(problems),
            options.clock,
            render.theme,
            render.view,
            render.plan.length,
            render.search,
          )
        : undefined;
    const counts = ok
      ? await commit(render, sources, state, previous, options, summary)
      : (await render.staging?.abort(), { written: 0, removed: 0 });
    if (ok) images.keep();
    timer.lap('write');
    return {
      ...result(
        ok ? render.plan.length : 0,
        counts.written,
        counts.removed,
        render.produced.size,
        !hasErrors(problems),
        render.reused,
      ),
      ...(images.made && { images: images.made }),
      indexed: render.indexed,
    };
  } finally {
    images?.close();
    if (!previous.keepsWorkers(pool)) await pool?.close();
  }
}

/**
 * The worker threads of a build, when the archive is worth starting them for. In one process
 * (`warta dev`) they are kept for the next builds (see `createEngine`'s close), which render
 * edits that touch several pages on them.
 */
function workerPool(
  options: BuildOptions,
  setup: TaskSetup,
  toParse: number,
  previous: Previous,
): WorkerPool | undefined {
  // Starting workers costs more than a small archive takes to build on one thread.
  return previous.workers(() =>
    options.jobs > 1 && toParse >= MIN_ARTICLES_FOR_WORKERS ? new WorkerPool(options.jobs, setup) : undefined,
  );
}

/**
 * Parses article files, on the workers when there are some; results by content path, null
 * for a file whose bytes still have the digest expected of it (see `parseBatch`).
 */
async function parseAll(
  files: readonly ContentFile[],
  expected: readonly (string | null)[],
  setup: TaskSetup,
  pool: WorkerPool | undefined,
  options: BuildOptions,
): Promise<Map<string, ParsedArticle | null>> {
  let done = 0;
  const report = (batch: readonly number[]) => options.progress?.('parse', (done += batch.length), files.length);
  const groups = batches([...files.keys()], PARSE_BATCH);
  const results: (ParsedArticle | null)[][] = [];
  const pick = <T>(list: readonly T[], batch: readonly number[]) => batch.map((i) => list[i] as T);
  if (pool)
    results.push(
      ...(await pool.map<number[], (ParsedArticle | null)[]>(
        groups,
        (b) => ({ kind: 'parse', files: pick(files, b), expected: pick(expected, b) }),
        report,
      )),
    );
  else
    for (const group of groups)
      (results.push(await parseBatch(pick(files, group), setup, pick(expected, group))), report(group));
  return new Map(results.flat().map((p, i) => [files[i]!.path, p]));
}

/**
 * The digest of each article file's bytes, by content path, which its page signs. A file read
 * now has its parse's (new, or the cached one it still matches); any other was not read because
 * a cache holds its parse (in one process, one agreeing with the last build's), with its digest.
 */
function sourceDigests(
  read: ReadonlyMap<string, ParsedArticle | null>,
  cache: BuildCache | undefined,
): (path: string) => string | undefined {
  return (path) => read.get(path)?.digest ?? cache?.sources.get(path)?.parsed.digest;
}
