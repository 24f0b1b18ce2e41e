import matter from 'gray-matter';
import yaml from 'js-yaml';
import { error, type MessageParams, type Problem, type ProblemCode } from '../errors.js';
import { keyPath } from './key-path.js';
import { yamlProblem } from './yaml-errors.js';

/** Front matter split from a Markdown file. */
export interface FrontMatter {
  /** The YAML fields; timestamps stay strings (CORE_SCHEMA), so WIB is never shifted. */
  data: Record<string, unknown>;
  /** 1-based line of each top-level field, for messages. */
  lines: Map<string, number>;
  /** Offset in the text where the Markdown body starts. */
  bodyOffset: number;
  /** 1-based line where the Markdown body starts. */
  bodyLine: number;
}

/** Either the front matter, or the problem that stops reading the file. */
export type FrontMatterResult = { ok: true; value: FrontMatter } | { ok: false; problem: Problem };

// Passing engines also keeps gray-matter from caching every file it sees (a leak in watch mode).
const options = {
  engines: { yaml: (source: string) => yaml.load(source, { schema: yaml.CORE_SCHEMA }) as object },
};
/**
 * gray-matter strips comment lines with `/^\s*#[^\n]+/gm` before anything else, which retries
 * every line start of a run of blank lines to its end: quadratic in the run. The steps one run
 * costs are capped (about 250 blank lines), so a file costs at most a few hundred per byte.
 */
const MAX_BLANK_STEPS = 32_768;
const OPENING = /^---[ \t]*\n/;
const CLOSING = /\n---[ \t]*(?:\n|$)/;

/** Reads the front matter of a decoded article; `file` names it in problems. */
export function readFrontMatter(text: string, file: string): FrontMatterResult {
  const fail = (code: ProblemCode, line?: number, params?: MessageParams): FrontMatterResult => ({
    ok: false,
    problem: error({ code, file, line, params }),
  });
  if (!OPENING.test(text)) return fail('front-matter-missing', 1);
  if (!CLOSING.test(text.slice(3))) return fail('front-matter-unclosed', 1);
  // The fields run to the first "\n---" (even a "\n----"), the body from the next line.
  const close = text.indexOf('\n---', 3);
  const source = text.slice(3, close);
  const blank = longBlankRun(source);
  if (blank !== undefined) return fail('front-matter-blank', lineAt(source, source.indexOf('\n', blank) + 1));
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(text, options);
  } catch (e) {
    const mark = (e as { mark?: { line: number; position: number } }).mark;
    if ((e as { reason?: string }).reason === 'duplicated mapping key' && mark) {
      // A dotted path (`corrections.at`) says which of several same-named keys is meant.
      const key = keyPath(source, mark.position, yaml.CORE_SCHEMA);
      return fail('duplicate-key', mark.line + 1, { key: key === undefined ? undefined : JSON.stringify(key) });
    }
    return { ok: false, problem: yamlProblem(text.split('\n'), file, e, 1) };
  }
  const data: unknown = parsed.data ?? {};
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail('front-matter-shape', 2);
  }
  if (exceeds(data, MAX_NODES)) {
    return fail('front-matter-size', 1, { max: MAX_NODES });
  }
  const bodyOffset = text.length - parsed.content.length;
  return {
    ok: true,
    value: {
      data: data as Record<string, unknown>,
      lines: fieldLines(source),
      bodyOffset,
      bodyLine: lineAt(text, bodyOffset),
    },
  };
}

// YAML aliases share nodes, so a few hundred bytes can stand for billions of values:
// walk with a budget before anything stringifies the data.
const MAX_NODES = 10_000;

/** True when the data holds more than `budget` values, counting shared ones each time. */
function exceeds(data: unknown, budget: number): boolean {
  const stack: unknown[] = [data];
  let seen = 0;
  while (stack.length) {
    const node = stack.pop();
    if (++seen > budget) return true;
    if (typeof node !== 'object' || node === null) continue;
    const values = Object.values(node);
    // Every value on the stack will be counted: stop before pushing a list of 200,000.
    if (seen + stack.length + values.length > budget) return true;
    for (const value of values) stack.push(value);
  }
  return false;
}

/** Maps each top-level key to its line; the matter text starts on the `---` line's newline. */
function fieldLines(source: string): Map<string, number> {
  const lines = new Map<string, number>();
  source.split('\n').forEach((line, i) => {
    const key = topLevelKey(line);
    if (key !== undefined && !lines.has(key)) lines.set(key, i + 1);
  });
  return lines;
}

/**
 * The key a line starts with: `title: …` gives `title`, `spaced key  : …` gives `spaced key`.
 * Not for lines that are indented, quoted, comments, list items or colon-led, nor when the
 * first colon is not followed by white space or the end. A scan, not a regex: a lazy
 * `[^:]*?` before `\s*:` would retry every split of a long run of spaces.
 */
function topLevelKey(line: string): string | undefined {
  const colon = line.indexOf(':');
  if (colon < 1 || /[\s#:'"-]/.test(line[0]!)) return undefined;
  if (colon + 1 < line.length && !/\s/.test(line[colon + 1]!)) return undefined;
  return line.slice(0, colon).trimEnd();
}

/** Where a run of white space costs gray-matter more than MAX_BLANK_STEPS (see above), if one does. */
function longBlankRun(source: string): number | undefined {
  let [start, newlines, steps] = [-1, 0, 0];
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    // Space, tab, line feed, carriage return, and the rarer white space \s matches.
    const white =
      c === 32 || c === 10 || c === 9 || c === 13 || c === 11 || c === 12 || (c > 127 && /\s/.test(source[i]!));
    if (!white) start = -1;
    else if (start === -1) [start, newlines, steps] = [i, c === 10 ? 1 : 0, 0];
    // Each line start inside the run is retried over this character.
    else if ((steps += newlines) > MAX_BLANK_STEPS) return start;
    else if (c === 10) newlines++;
  }
  return undefined;
}

/** 1-based line number of an offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
