import matter from 'gray-matter';
import yaml from 'js-yaml';
import { error, type MessageParams, type Problem, type ProblemCode } from '../errors.js';
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
const OPENING = /^---[ \t]*\n/;
const CLOSING = /\n---[ \t]*(?:\n|$)/;
const TOP_LEVEL_KEY = /^([^\s#:'"-][^:]*?)\s*:(?:\s|$)/;

/** Reads the front matter of a decoded article; `file` names it in problems. */
export function readFrontMatter(text: string, file: string): FrontMatterResult {
  const fail = (code: ProblemCode, line?: number, params?: MessageParams): FrontMatterResult => ({
    ok: false,
    problem: error({ code, file, line, params }),
  });
  if (!OPENING.test(text)) return fail('front-matter-missing', 1);
  const close = CLOSING.exec(text.slice(3));
  if (!close) return fail('front-matter-unclosed', 1);
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(text, options);
  } catch (e) {
    return { ok: false, problem: yamlProblem(text.split('\n'), file, e, 1) };
  }
  const data: unknown = parsed.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail('front-matter-shape', 2);
  }
  if (exceeds(data, MAX_NODES)) {
    return fail('front-matter-size', 1, { max: MAX_NODES });
  }
  const bodyOffset = text.length - parsed.content.length;
  return { ok: true, value: { data: data as Record<string, unknown>, lines: fieldLines(parsed.matter), bodyOffset, bodyLine: lineAt(text, bodyOffset) } };
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
    if (typeof node === 'object' && node !== null) stack.push(...Object.values(node));
  }
  return false;
}

/** Maps each top-level key to its line; the matter text starts on the `---` line's newline. */
function fieldLines(source: string): Map<string, number> {
  const lines = new Map<string, number>();
  source.split('\n').forEach((line, i) => {
    const key = TOP_LEVEL_KEY.exec(line)?.[1];
    if (key !== undefined && !lines.has(key)) lines.set(key, i + 1);
  });
  return lines;
}

/** 1-based line number of an offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
