// The shape of one language's messages: the tables themselves (id.ts, en.ts, cli-id.ts, cli-en.ts)
// and the functions that read them (index.ts) all depend on it, so it lives apart from them.

import type { ClaimKind, ClaimLabel, MessageParam, MessageParams, ProblemCode, SvgReason } from '../errors.js';
import type { TimeExpected } from '../time.js';

/** A language warta speaks: Bahasa Indonesia (the default) or English. */
export type Lang = 'id' | 'en';

/** One language's messages: every problem code, every reason a timestamp fails, and the summary lines. */
export interface MessageTable {
  /** The message of each problem, from its values. */
  problems: Record<ProblemCode, (p: MessageParams) => string>;
  /** What a timestamp should have been, by reason. */
  time: Record<TimeExpected['reason'], (p: MessageParams) => string>;
  /** How a collision message names each kind of claim on an output file. */
  claims: Record<ClaimKind, (c: ClaimLabel) => string>;
  /** What an SVG holds that could run script, by reason (`found`: the name or value found). */
  svg: Record<SvgReason, (p: MessageParams) => string>;
  /** The word before a warning's message, with its colon and space. */
  warning: string;
  /** The summary lines of `warta build` and `warta check`. */
  report: ReportTexts;
}

/** All of one language's messages: the problems' table, and the command line's and `warta dev`'s own texts. */
export interface Messages extends MessageTable {
  /** The command line's own texts: usage errors, help, `warta new` and `warta init`, progress. */
  cli: CliTexts;
  /** `warta dev`'s texts: its status lines in the terminal and what it shows in the browser. */
  dev: DevTexts;
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

/** The claimants a collision's value names (none when it names none). */
export function claimsIn(value: MessageParam): readonly ClaimLabel[] {
  return Array.isArray(value) ? value : [];
}

/** Every usage error of the command line (exit code 2), worded by each table from its values. */
export const USAGE_CODES = [
  'unknown-option',
  'missing-value',
  'no-value',
  'arguments',
  'only-for',
  'unknown-command',
  'no-command',
  'unexpected-argument',
  'title-unquoted',
  'content-missing',
  'static-missing',
  'static-content',
  'out-in-static',
  'check-out',
  'format',
  'base-url-missing',
  'url',
  'port',
  'clock',
  'jobs',
  'lang',
  'site-title',
  'init-not-empty',
  'init-not-folder',
  'new-title',
  'new-slug',
  'port-in-use',
  'listen',
] as const;

/** A usage error's code. */
export type UsageCode = (typeof USAGE_CODES)[number];

/** The stages a build's progress display names. */
export type StageName = 'read' | 'parse' | 'model' | 'related' | 'render' | 'search' | 'write';

/** The command line's own texts, in one language. */
export interface CliTexts {
  /** Each usage error, from its values. */
  usage: Record<UsageCode, (p: MessageParams) => string>;
  /** The line after a usage error: where usage is explained. */
  seeHelp: string;
  /** `warta --help`. */
  help: string;
  /** `warta new` wrote nothing: the file is already there. */
  newExists(path: string): string;
  /** What `warta init` wrote, and what to do next; `dir` is `.` for the working folder. */
  initDone(dir: string, files: readonly string[], hasBaseUrl: boolean): string;
  /** `warta dev` stops after Ctrl-C. */
  stopping: string;
  /** Each build stage's name in the progress display. */
  stages: Record<StageName, string>;
  /** A stage's progress: done of total, at a rate per second. */
  progress(stage: string, done: number, total: number, rate: number): string;
  /** A stage starting, in a log: how much it has to do. */
  started(stage: string, total: number): string;
}

/** What a finished `warta dev` build tells its status line. */
export interface DevBuild {
  /** The first build since the server started. */
  first: boolean;
  /** Milliseconds from the file event (or the start) to the files written. */
  ms: number;
}

/** `warta dev`'s texts, in one language. */
export interface DevTexts {
  /** The first line: what is served where, and what is watched. */
  serving(out: string, url: string, watched: readonly string[]): string;
  /** A good build: what it published. */
  built(b: DevBuild, c: { published: number; heldBack: number; drafts: number; warnings: number }): string;
  /** A failed build: its errors, and what is served meanwhile (`out` when nothing good was built yet). */
  failed(b: DevBuild, errors: number, out: string): string;
  /** A request that failed unexpectedly. */
  serveFailed(url: string, detail: string): string;
  /** The watcher reported a failure. */
  watchFailed(detail: string): string;
  /** Plain-text replies: a foreign Host header, a method other than GET and HEAD, a bad path, a redirect, a file gone during a rebuild, too many live-reload listeners, a bug. */
  forbidden(url: string): string;
  methodNotAllowed: string;
  badRequest: string;
  moved(location: string): string;
  rebuilding: string;
  tooManyListeners(max: number): string;
  internalError: string;
  /** The page for a missing file while the site has no 404.html: its language code, title and text. */
  notFound: { lang: string; title: string; text: string };
  /** The overlay over pages after a failed build. */
  overlay: {
    title(errors: number): string;
    more(n: number): string;
    footer: string;
    hide: string;
    hideTitle: string;
  };
  /** In the browser's console when a page goes without live reload. */
  liveReloadOff: string;
}
