/** How bad a problem is: errors fail the build, warnings are only reported. */
export type Severity = 'error' | 'warning';

/** One problem found in the archive, templates or config, as plain data. */
export interface Problem {
  /** Whether the problem fails the build. */
  severity: Severity;
  /** Stable machine-readable code, e.g. `date-invalid`. */
  code: string;
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

/** Formats a problem as one clickable line: `file:line:col field: message`. */
export function formatProblem(p: Problem): string {
  let where = p.file ?? '';
  if (p.file && p.line) where += `:${p.line}`;
  if (p.file && p.line && p.column) where += `:${p.column}`;
  const field = p.field ? `${p.field}: ` : '';
  const prefix = p.severity === 'warning' ? 'warning: ' : '';
  return `${where ? `${where} ` : ''}${prefix}${field}${p.message}`;
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
