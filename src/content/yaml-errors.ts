// js-yaml's errors ("bad indentation of a mapping entry") say what the parser met, not what an
// editor should do: the mistakes editors make get their own problem, at the line to fix.

import { error, type Problem } from '../errors.js';

/** A js-yaml error's reason and position (0-based, within the text it was given). */
interface YamlError {
  reason?: string;
  message?: string;
  mark?: { line: number; column: number };
}

/**
 * The problem a YAML error stands for. `lines` are the file's lines; `firstLine` is the file
 * line of the text's first line, as js-yaml counts it (1 for a whole file given to gray-matter).
 */
export function yamlProblem(lines: readonly string[], file: string, e: unknown, firstLine: number): Problem {
  const { reason = (e as Error).message, mark } = e as YamlError;
  const line = mark ? firstLine + mark.line : undefined;
  const text = line ? (lines[line - 1] ?? '') : '';
  if (reason === 'duplicated mapping key' && line)
    return error({ code: 'duplicate-key', file, line, params: { key: JSON.stringify(keyOf(text)) } });
  if (/tab characters/.test(reason) && line) return error({ code: 'yaml-tab', file, line });
  const quote = /within a (double|single) quoted scalar/.exec(reason);
  if (quote && line) {
    const mark = quote[1] === 'double' ? '"' : "'";
    return error({ code: 'yaml-quote', file, line: openingLine(lines, line, mark) ?? line, params: { quote: mark } });
  }
  if (/flow collection/.test(reason) && line) {
    const open = openingBracket(lines, line);
    if (open)
      return error({
        code: 'yaml-bracket',
        file,
        line: open.line,
        params: { open: open.bracket, close: open.bracket === '[' ? ']' : '}' },
      });
  }
  const fixed = line && /mapping entry|mapping pair/.test(reason) ? quotedValue(text) : undefined;
  if (fixed) return error({ code: 'yaml-colon', file, line, field: keyOf(text), params: { fixed } });
  return error({ code: 'yaml', file, line, column: mark ? mark.column + 1 : undefined, params: { reason } });
}

/** The key of a `key: value` line, or undefined; found without a regular expression that could backtrack. */
export function keyOf(line: string): string | undefined {
  if (!line || /^[\s#:'"-]/.test(line)) return undefined;
  for (let i = line.indexOf(':'); i !== -1; i = line.indexOf(':', i + 1)) {
    const next = line[i + 1];
    if (next === undefined || next === ' ' || next === '\t') return line.slice(0, i).trimEnd();
  }
  return undefined;
}

/** `title: "Jokowi: Kami siap"` for an unquoted value holding `: `, else undefined. */
function quotedValue(line: string): string | undefined {
  const key = keyOf(line);
  if (key === undefined) return undefined;
  const value = line.slice(line.indexOf(':', key.length) + 1).trim();
  if (!value.includes(': ') || /^["'[{|>]/.test(value)) return undefined;
  return `${key}: ${JSON.stringify(value)}`;
}

/** The last line up to `before` whose value opens `quote` without closing it on the same line. */
function openingLine(lines: readonly string[], before: number, quote: string): number | undefined {
  for (let n = before; n >= 1; n--) {
    const line = lines[n - 1] ?? '';
    const key = keyOf(line);
    if (key === undefined) continue;
    const value = line.slice(line.indexOf(':', key.length) + 1).trim();
    if (value.startsWith(quote) && !closes(value.slice(1), quote)) return n;
  }
  return undefined;
}

/** The last line up to `before` whose value opens a flow list or mapping, and its bracket. */
function openingBracket(lines: readonly string[], before: number): { line: number; bracket: string } | undefined {
  for (let n = before; n >= 1; n--) {
    const line = lines[n - 1] ?? '';
    const key = keyOf(line);
    const value = key === undefined ? '' : line.slice(line.indexOf(':', key.length) + 1).trim();
    if (value.startsWith('[') || value.startsWith('{')) return { line: n, bracket: value[0]! };
  }
  return undefined;
}

/** Whether quoted text closes its quote: `\"` does not close a double quote, `''` does not close a single one. */
function closes(rest: string, quote: string): boolean {
  for (let i = 0; i < rest.length; i++) {
    if (quote === '"' && rest[i] === '\\') i++;
    else if (rest[i] === quote) {
      if (quote === "'" && rest[i + 1] === "'") i++;
      else return true;
    }
  }
  return false;
}
