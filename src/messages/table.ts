// The shape of one language's messages: the tables themselves (id.ts, en.ts) and the functions
// that read them (index.ts) both depend on it, so it lives apart from either.

import type { MessageParams, ProblemCode } from '../errors.js';
import type { TimeExpected } from '../time.js';

/** A language warta speaks: Bahasa Indonesia (the default) or English. */
export type Lang = 'id' | 'en';

/** One language's messages: every problem code, every reason a timestamp fails, and the summary lines. */
export interface MessageTable {
  /** The message of each problem, from its values. */
  problems: Record<ProblemCode, (p: MessageParams) => string>;
  /** What a timestamp should have been, by reason. */
  time: Record<TimeExpected['reason'], (p: MessageParams) => string>;
  /** The summary lines of `warta build` and `warta check`. */
  report: ReportTexts;
}

/** What a build or check found, for its summary line. */
export interface ReportCounts {
  errors: number;
  warnings: number;
  published: number;
  drafts: number;
  heldBack: number;
  /** When the site next changes by the clock (a held-back article falls due, a story leaves the news sitemap), long and ISO forms. */
  nextDue?: { long: string; iso: string };
}

/** The summary lines, in one language. */
export interface ReportTexts {
  /** `warta check`'s line. */
  check(c: ReportCounts): string;
  /** A failed build's line; `kept` names the output folder left as it was, if it was. */
  buildFailed(c: ReportCounts, kept: string | undefined): string;
  /** A good build's line; `changes` and `seconds` as the build measured them. */
  built(c: ReportCounts, changes: BuildChanges, seconds: string): string;
}

/** What a good build wrote. */
export interface BuildChanges {
  out: string;
  files: number;
  /** Images whose smaller copies were made, when any were. */
  images?: number;
  /** Set for an incremental build. */
  incremental?: { written: number; removed: number; parsed: number; rendered: number };
}
