/** How bad a problem is: errors fail the build, warnings are only reported. */
export type Severity = 'error' | 'warning';

/**
 * Every problem's code: stable and machine-readable (`warta check --format json` prints it).
 * A new kind of problem adds its code here.
 */
export type ProblemCode =
  // Reading the archive: files and their bytes.
  | 'file-name' // a path with a backslash or control character
  | 'symlink-broken' // a symbolic link to nothing
  | 'symlink-outside' // a symbolic link out of the content folder
  | 'symlink-folder' // a symbolic link to a folder
  | 'too-large' // an article over `maxArticleBytes`
  | 'encoding' // not UTF-8
  | 'binary' // a NUL byte
  | 'changed' // an article file changed while the build read it
  | 'file-unreadable' // an article file the build cannot read (permissions, a pipe, nothing in its place)
  | 'folder-unreadable' // a folder of the archive the build cannot list
  | 'file-special' // a pipe, socket or device where a file was expected (a warning)
  | 'file-backup' // an editor's backup or temporary file, not published (a warning)
  | 'file-hidden' // a hidden file, not published (a warning)
  | 'file-markdown' // .markdown or .mdx: not an article, not published (a warning)
  | 'file-html' // an HTML file under content/, not published (a warning)
  | 'file-type' // a file type not on the list of published ones (a warning)
  | 'svg-script' // an SVG that can run script
  // Front matter.
  | 'front-matter-missing'
  | 'front-matter-unclosed'
  | 'front-matter-size'
  | 'front-matter-blank' // a run of blank lines too long to read in linear time
  | 'front-matter-shape' // not a mapping
  | 'yaml' // YAML that does not parse
  | 'duplicate-key'
  // Fields (with `field` set).
  | 'missing' // a required field absent
  | 'empty'
  | 'type' // a value of the wrong type
  | 'time' // not "YYYY-MM-DD HH:mm:ss" (WIB)
  | 'slug'
  | 'image'
  | 'alias'
  | 'correction' // a `corrections` entry that is not {at, text}, or dated before `date`
  | 'withdrawal' // a `withdrawn` field that is not {at, reason}
  | 'alias-hidden' // an alias segment starting with "." (a dot-file or dot-folder)
  | 'name-too-long' // a slug, category or alias segment over 255 bytes
  // The site.
  | 'url-collision' // two sources for one output file, or a file where a folder must be
  | 'template' // a template that fails to render
  | 'html-dropped' // raw HTML the sanitiser removed (a warning)
  | 'html-too-deep' // raw HTML nested deeper than the sanitiser takes: shown as text (a warning)
  | 'link-broken' // a body link that goes nowhere (a warning)
  // The config file.
  | 'config-read'
  | 'config-json'
  | 'config-shape'
  | 'config-field'
  | 'config-unknown'
  // Running.
  | 'output-locked' // another build holds the output folder
  | 'output-refused' // an output folder warta does not own, or one that holds the archive
  | 'output-permission' // the file system refused a change to the output or beside it
  | 'dev-build'; // `warta dev`: a build that stopped on a bug

/** One problem found in the archive, templates or config, as plain data. */
export interface Problem {
  /** Whether the problem fails the build. */
  severity: Severity;
  /** Stable machine-readable code (see `ProblemCode`), e.g. `time`. */
  code: ProblemCode;
  /** Path of the file concerned, relative to the working directory. */
  file?: string;
  /** 1-based line in that file, where one applies. */
  line?: number;
  /** 1-based column in that line, where one applies. */
  column?: number;
  /** Front matter field or config key concerned. */
  field?: string;
  /** What was expected and what was found. */
  message: string;
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
export function formatProblem(p: Problem): string {
  let where = p.file ?? '';
  if (p.file && p.line) where += `:${p.line}`;
  if (p.file && p.line && p.column) where += `:${p.column}`;
  const field = p.field ? `${p.field}: ` : '';
  const prefix = p.severity === 'warning' ? 'warning: ' : '';
  return visible(`${where ? `${where} ` : ''}${prefix}${field}${p.message}`);
}

const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
const NAMED_CONTROLS: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** C0 and C1 control characters and DEL written as escapes. */
function visible(text: string): string {
  return text.replace(CONTROLS, (c) => NAMED_CONTROLS[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Orders problems by file, line, column, then message, so reports are stable. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      cmp(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      cmp(a.field ?? '', b.field ?? '') ||
      cmp(a.message, b.message),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Quotes a found value for a message, shortened so one line stays readable. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : yamlNumber(value) ?? JSON.stringify(value, (_, v: unknown) => yamlNumber(v) ?? v) ?? String(value);
  const short = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return JSON.stringify(short);
}

/** YAML's spelling of the numbers JSON has none for (it would write `null`): `.inf`, `-.inf`, `.nan`. */
function yamlNumber(value: unknown): string | undefined {
  if (typeof value !== 'number' || Number.isFinite(value)) return undefined;
  return Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf';
}
