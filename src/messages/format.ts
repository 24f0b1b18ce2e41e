// The text of a problem as a reader sees it: one line, in their language, never a raw control
// character.

import type { Problem } from '../errors.js';
import { messageOf, messages, type Lang } from './index.js';

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
  const prefix = p.severity === 'warning' ? messages(lang).warning : '';
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
