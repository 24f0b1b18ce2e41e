import { build, type BuildOptions, type BuildResult } from './build.js';
import type { Problem } from '../errors.js';
import { messageOf, type Lang } from '../messages/index.js';
import { problemMessage, visible } from '../messages/format.js';
import { checkOutputPath, type OutputWriter } from '../output/writer.js';

/**
 * Discards what it is given, after checking the path as every writer does: `warta check`
 * runs the whole pipeline, so a path that would leave the output folder still fails here.
 */
export class NullWriter implements OutputWriter {
  readonly discards = true;

  async write(path: string): Promise<void> {
    checkOutputPath(path);
  }

  async copy(path: string): Promise<void> {
    checkOutputPath(path);
  }
}

/** What to check: a build's options without an output folder. */
export type CheckOptions = Omit<BuildOptions, 'out' | 'writer' | 'keepGoing'>;

/**
 * Validates the whole archive as `warta build` would, writing nothing: every article is
 * parsed, every valid one rendered (even when others have errors, so that every problem is
 * found in one run) and every body link checked. The output folder is not touched.
 */
export function check(options: CheckOptions): Promise<BuildResult> {
  return build({ ...options, out: '', writer: new NullWriter(), keepGoing: true });
}

/** A problem as `warta check --format json` prints it: every key present, `null` where it does not apply. */
export interface ProblemJson {
  severity: Problem['severity'];
  file: string | null;
  line: number | null;
  column: number | null;
  field: string | null;
  code: Problem['code'];
  message: string;
}

/** Problems as a JSON array, one object per line, for CI annotations and editors; messages in `lang`. */
export function problemsJson(problems: readonly Problem[], lang: Lang): string {
  const rows = problems.map((p): ProblemJson => ({
    severity: p.severity,
    file: p.file ?? null,
    line: p.line ?? null,
    column: p.column ?? null,
    field: p.field ?? null,
    code: p.code,
    message: messageOf(p, lang),
  }));
  return rows.length ? `[\n${rows.map((r) => `  ${jsonLine(r)}`).join(',\n')}\n]\n` : '[]\n';
}

/** Problems as GitHub Actions workflow commands (`::error file=…,line=…::message`), shown on a pull request's lines. */
export function problemsGithub(problems: readonly Problem[], lang: Lang): string {
  return problems
    .map((p) => {
      const where = [
        p.file && `file=${property(visible(p.file))}`,
        p.line && `line=${p.line}`,
        p.column && `col=${p.column}`,
        `title=${property(p.code)}`,
      ]
        .filter(Boolean)
        .join(',');
      const field = p.field ? `${p.field}: ` : '';
      return `::${p.severity} ${where}::${data(`${field}${problemMessage(p, lang)}`)}\n`;
    })
    .join('');
}

// GitHub's escaping: a message escapes %, CR and LF; a property also `:` and `,`.
function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** JSON with DEL and C1 controls escaped too (JSON.stringify escapes only C0), so no control character reaches a terminal. */
function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
