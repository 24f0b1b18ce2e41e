// What the command line prints about a build or check: its problems, one line each, and its
// summary line, in the reader's language.

import type { BuildResult } from '../build/build.js';
import type { Problem } from '../errors.js';
import { formatProblem } from '../messages/format.js';
import { messages, type Lang, type ReportCounts } from '../messages/index.js';
import { formatIso, formatLong } from '../time.js';

/** Writes each problem as its line. */
export function report(problems: readonly Problem[], err: NodeJS.WriteStream, lang: Lang): void {
  for (const p of problems) err.write(`${formatProblem(p, lang)}\n`);
}

/** What a build found, for its summary line. */
function counts(r: BuildResult): ReportCounts {
  const errors = r.problems.filter((p) => p.severity === 'error').length;
  const nextDue = r.nextDue !== undefined ? { long: formatLong(r.nextDue), iso: formatIso(r.nextDue) } : undefined;
  return {
    errors,
    warnings: r.problems.length - errors,
    published: r.published,
    drafts: r.drafts,
    heldBack: r.heldBack,
    nextDue,
  };
}

/** The one-line summary of `warta check`. */
export function checkSummary(r: BuildResult, lang: Lang): string {
  return messages(lang).report.check(counts(r));
}

/** The one-line summary a newsroom's scheduler and CI logs read. */
export function summary(r: BuildResult, outDir: string, lang: Lang): string {
  const seconds = Object.values(r.stages)
    .reduce((a, b) => a + b, 0)
    .toFixed(2);
  const report = messages(lang).report;
  // Refused a change to the output (another user's files), a build may have failed half-way through replacing it.
  const kept = r.problems.some((p) => p.code === 'output-permission') ? undefined : outDir;
  if (!r.ok) return report.buildFailed(counts(r), kept);
  const incremental = r.incremental
    ? { written: r.written, removed: r.removed, parsed: r.parsed, rendered: r.rendered }
    : undefined;
  return report.built(counts(r), { out: outDir, files: r.files, incremental, images: r.images }, seconds);
}
