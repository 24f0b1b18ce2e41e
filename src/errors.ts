import { messageOf, type Lang } from './messages/index.js';

/** How bad a problem is: errors fail the build, warnings are only reported. */
export type Severity = 'error' | 'warning';

/** Every kind of problem warta reports; each has a message in every language's table (src/messages/). */
export const PROBLEM_CODES = [
  // The file itself
  'too-large', 'encoding', 'binary', 'file-name', 'symlink-broken', 'symlink-outside', 'symlink-folder', 'changed',
  // Front matter as YAML
  'front-matter-missing', 'front-matter-unclosed', 'front-matter-shape', 'front-matter-size', 'duplicate-key',
  'yaml', 'yaml-colon', 'yaml-tab', 'yaml-quote', 'yaml-bracket',
  // Fields
  'field-misspelt', 'field-unknown', 'missing', 'empty', 'type', 'time', 'slug', 'name-too-long', 'image', 'alias', 'alias-hidden',
  // The site and its pages
  'url-collision', 'link-broken', 'html-dropped', 'template',
  // The site config, the output folder and the dev server
  'config-read', 'config-json', 'config-shape', 'config-field', 'config-unknown',
  'output-refused', 'output-permission', 'output-locked', 'dev-build',
] as const;

/** A stable problem code, e.g. `time`; documented in docs/messages.md. */
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** Values a message is made from: found values (already quoted), limits, names. */
export type MessageParams = Readonly<Record<string, string | number | undefined>>;

/** One problem found in the archive, templates or config, as plain data. */
export interface Problem {
  /** Whether the problem fails the build. */
  severity: Severity;
  /** Stable machine-readable code, e.g. `time`; it picks the message in each language. */
  code: ProblemCode;
  /** Path of the file concerned, relative to the working directory. */
  file?: string;
  /** 1-based line in that file, where one applies. */
  line?: number;
  /** 1-based column in that line, where one applies. */
  column?: number;
  /** Front matter field or config key concerned. */
  field?: string;
  /** What the message says was expected and found; the text is made in the reader's language when reported. */
  params?: MessageParams;
}

/** Fields of a problem other than its severity. */
export type ProblemInit = Omit<Problem, 'severity'>;

/** Builds an error-severity problem. */
export function error(init: ProblemInit): Problem {
  return { severity: 'error', ...init };
}

/** Builds a warning-severity problem. */
export function warning(init: ProblemInit): Problem {
  return { severity: 'warning', ...init };
}

/** True when any of the problems fails the build. */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/**
 * Formats a problem as one clickable line: `file:line:col field: message`. Control characters
 * (a file name may hold an escape sequence or a line break) are shown escaped, as `\x1b` or
 * `\n`, never sent to the terminal.
 */
export function formatProblem(p: Problem, lang: Lang): string {
  let where = p.file ?? '';
  if (p.file && p.line) where += `:${p.line}`;
  if (p.file && p.line && p.column) where += `:${p.column}`;
  const field = p.field ? `${p.field}: ` : '';
  const prefix = p.severity === 'warning' ? (lang === 'en' ? 'warning: ' : 'peringatan: ') : '';
  return visible(`${where ? `${where} ` : ''}${prefix}${field}${messageOf(p, lang)}`);
}

const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
const NAMED_CONTROLS: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** C0 and C1 control characters and DEL written as escapes. */
export function visible(text: string): string {
  return text.replace(CONTROLS, (c) => NAMED_CONTROLS[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The problem's message in a language, with control characters shown escaped. */
export function problemMessage(p: Problem, lang: Lang): string {
  return visible(messageOf(p, lang));
}

/** Orders problems by file, line, column, field, code, then the message's values, so reports are stable. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      cmp(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      cmp(a.field ?? '', b.field ?? '') ||
      cmp(a.code, b.code) ||
      cmp(JSON.stringify(a.params ?? {}), JSON.stringify(b.params ?? {})),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Quotes a found value for a message, shortened so one line stays readable. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  const short = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return JSON.stringify(short);
}
