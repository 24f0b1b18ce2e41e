// Every message warta shows an editor comes from one table per language, keyed by problem code;
// a problem carries its code and values, and the text is made when it is reported.

import type { MessageParams, Problem, ProblemCode } from '../errors.js';
import type { TimeExpected } from '../time.js';
import { en } from './en.js';
import { id } from './id.js';

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
  /** The next held-back article's date, long and ISO forms, when one is held back. */
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
  /** Set for an incremental build. */
  incremental?: { written: number; removed: number; parsed: number; rendered: number };
}

const TABLES: Record<Lang, MessageTable> = { id, en };

/** The table of a language. */
export function messages(lang: Lang): MessageTable {
  return TABLES[lang];
}

/** A problem's message in a language. */
export function messageOf(p: Problem, lang: Lang): string {
  return TABLES[lang].problems[p.code](p.params ?? {});
}

/** What a timestamp should have been, in a language. */
export function timeExpected(expected: TimeExpected, lang: Lang): string {
  return TABLES[lang].time[expected.reason](expected as unknown as MessageParams);
}

/** The message language a site's `language` setting or `--lang` names: English for `en…`, else Indonesian. */
export function readLang(language: string): Lang {
  return /^en\b/i.test(language) ? 'en' : 'id';
}
