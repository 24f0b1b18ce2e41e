// The plan of a full build (see full-render.ts), taken from `planPages` in two parts: the article
// pages, which the workers render at once, then the rest, planned and its data files written on
// this thread while they do.

import { setImmediate as turn } from 'node:timers/promises';
import type { OutputWriter } from '../output/writer.js';
import type { PagePlan, PlanInput } from '../render/plan.js';
import type { Site } from '../site/assemble.js';
import { outputFile } from '../site/paths.js';
import type { Previous } from './previous.js';

/** How long planning runs before it gives the event loop a turn, in milliseconds: a worker renders a batch of pages in about 50. */
export const TURN_MS = 5;

/** The first `count` plans of `planning` (the article pages, which `planPages` yields first), leaving the rest to be taken. */
export function takeArticles(planning: Iterator<PagePlan>, count: number): PagePlan[] {
  const plans: PagePlan[] = [];
  while (plans.length < count) {
    const next = planning.next();
    if (next.done) break;
    plans.push(next.value);
  }
  return plans;
}

/** How the rest of the plan is taken (see `planRest`). */
export interface RestInput {
  /** The plans already taken, whose paths a data file may share. */
  taken: readonly PagePlan[];
  /** Whether data files are written as they are planned (see `planRest`). */
  write: boolean;
  /** Whether workers render meanwhile, waiting on this thread's event loop for their next batch. */
  turns: boolean;
}

/**
 * The rest of the plan. With `write`, each data file (feeds, sitemaps) is written as soon as it
 * is planned (when it changed since the cached build) and its plan replaced by what is left once
 * it is written, letting its text go before the next is made: at 100,000 articles the texts are
 * 180 MB, which made the build's peak when held until the whole plan was made. Only in a build of
 * its own: in one process the plans are kept for the next build, which compares their texts.
 */
export async function planRest(
  planning: Iterator<PagePlan>,
  { copies }: Pick<PlanInput, 'copies'>,
  previous: Pick<Previous, 'entries'>,
  writer: OutputWriter,
  { taken, write, turns }: RestInput,
): Promise<PagePlan[]> {
  const plan: PagePlan[] = [];
  // A data file whose path another file also has (an alias named `/feed.xml`) keeps its turn, as the plan orders them: the pages come before the data files, the copies after.
  const others = new Set([...taken, ...copies].map((p) => p.path));
  let paused = performance.now();
  for (let next = planning.next(); !next.done; next = planning.next()) {
    // Planning runs for seconds at 100,000 articles: a turn of the event loop now and then hands the workers their next batch.
    if (turns && performance.now() - paused > TURN_MS) (await turn(), (paused = performance.now()));
    const p = next.value;
    if (!write || p.kind !== 'data' || others.has(p.path)) {
      if (p.kind !== 'data') others.add(p.path);
      plan.push(p);
      continue;
    }
    if (previous.entries([p]).stale.length) await writer.write(p.path, p.data);
    plan.push({ kind: 'written', path: p.path, sig: p.sig, hash: p.sig });
  }
  return plan;
}

/**
 * Places of the pages a rehearsal renders again among `plans`, a part of the plan beginning at
 * `start`: those of the rehearsed articles, and the home page.
 */
export function rehearsed(
  plans: readonly PagePlan[],
  start: number,
  site: Site,
  articles: readonly string[] = [],
): number[] {
  const again: number[] = [];
  if (!articles.length) return again;
  plans.forEach(
    (p, i) =>
      (p.kind === 'article' ? articles.includes(site.articles[p.index]!.path) : p.path === outputFile('/')) &&
      again.push(start + i),
  );
  return again;
}
