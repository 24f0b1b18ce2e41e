/** How bad a problem is: errors fail the build, warnings are only reported. */
export type Severity = 'error' | 'warning';

/** Every kind of problem warta reports; each has a message in every language's table (src/messages/). */
export const PROBLEM_CODES = [
  // The file itself
  'too-large',
  'encoding',
  'binary',
  'file-name',
  'symlink-broken',
  'symlink-outside',
  'symlink-folder',
  'changed',
  'file-unreadable',
  'folder-unreadable',
  'file-special',
  'file-backup',
  'file-hidden',
  'file-markdown',
  'file-html',
  'file-type',
  'svg-script',
  // Front matter as YAML
  'front-matter-missing',
  'front-matter-unclosed',
  'front-matter-shape',
  'front-matter-size',
  'front-matter-blank',
  'duplicate-key',
  'yaml',
  'yaml-colon',
  'yaml-tab',
  'yaml-quote',
  'yaml-bracket',
  // Fields
  'field-misspelt',
  'field-unknown',
  'missing',
  'empty',
  'type',
  'time',
  'slug',
  'name-too-long',
  'image',
  'alias',
  'alias-hidden',
  'correction',
  'withdrawal',
  // The site and its pages
  'url-collision',
  'link-broken',
  'image-missing',
  'image-unreadable',
  'html-dropped',
  'html-too-deep',
  'template',
  'search-index',
  // The site config, the output folder and the dev server
  'config-read',
  'config-json',
  'config-shape',
  'config-field',
  'config-unknown',
  'output-refused',
  'output-permission',
  'output-locked',
  'dev-build',
] as const;

/** A stable problem code, e.g. `time`; listed with their meanings in docs/content.md. */
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** What claims an output file, as a collision message names it; each language's table words the kind. */
export const CLAIM_KINDS = [
  'article',
  'alias',
  'category',
  'indeks',
  'period',
  'topic',
  'author',
  'list',
  'static',
  'reserved',
] as const;

/** A kind of claim on an output file: an article's page, an alias, a category page or feed, an archive page, a static file, a file warta writes itself. */
export type ClaimKind = (typeof CLAIM_KINDS)[number];

/** Who claims an output file, for a collision message: what it is, and the file, name and URL that tell it apart. */
export interface ClaimLabel {
  kind: ClaimKind;
  /** The source file: an article, an alias's article, a static file. */
  file?: string;
  /** A category's, period's, topic's or author's name. */
  name?: string;
  /** The URL claimed, as the site spells it. */
  url?: string;
}

/** Why an SVG is refused (`svg-script`): what in it could run script; each language's table words it. */
export const SVG_REASONS = [
  'declarations',
  'doctype',
  'element',
  'instruction',
  'handler',
  'script-url',
  'animated-handler',
  'use',
  'xhtml',
  'unreadable',
  'wide-encoding',
] as const;

/** A reason an SVG is refused. */
export type SvgReason = (typeof SVG_REASONS)[number];

/** One value a message is made from: a found value (already quoted), a limit, a name, or the claimants of an output file. */
export type MessageParam = string | number | undefined | readonly ClaimLabel[];

/** Values a message is made from, by name. */
export type MessageParams = Readonly<Record<string, MessageParam>>;

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

/** Orders problems by file, line, column, field, code, then the message's values, so reports are stable; each problem once. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  const sorted = [...problems].sort(compareProblems);
  // Two stages that read the same file may find the same problem (a file changed during the build): it is reported once.
  return sorted.filter(
    (p, i) => i === 0 || compareProblems(sorted[i - 1]!, p) !== 0 || sorted[i - 1]!.severity !== p.severity,
  );
}

function compareProblems(a: Problem, b: Problem): number {
  return (
    cmp(a.file ?? '', b.file ?? '') ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    cmp(a.field ?? '', b.field ?? '') ||
    cmp(a.code, b.code) ||
    cmp(JSON.stringify(a.params ?? {}), JSON.stringify(b.params ?? {}))
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Quotes a found value for a message, shortened so one line stays readable. */
export function quote(value: unknown): string {
  const text =
    typeof value === 'string'
      ? value
      : (yamlNumber(value) ?? JSON.stringify(value, (_, v: unknown) => yamlNumber(v) ?? v) ?? String(value));
  const short = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return JSON.stringify(short);
}

/** YAML's spelling of the numbers JSON has none for (it would write `null`): `.inf`, `-.inf`, `.nan`. */
function yamlNumber(value: unknown): string | undefined {
  if (typeof value !== 'number' || Number.isFinite(value)) return undefined;
  return Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf';
}
