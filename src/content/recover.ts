// After a YAML error, the rest of the front matter can often still be read field by field, so
// that an editor learns every problem of the file at once. Nothing is guessed: a field whose
// lines do not parse on their own is unreadable, and only reported as the YAML problem it is.

import yaml from 'js-yaml';
import { error, type Problem } from '../errors.js';
import { keyOf, yamlProblem } from './yaml-errors.js';

/** What could be read of a front matter that does not parse whole. */
export interface RecoveredFields {
  /** Fields whose lines parse on their own. */
  data: Record<string, unknown>;
  /** 1-based file line of each field read. */
  lines: Map<string, number>;
  /** Fields whose lines do not parse: no other problem may be reported about them. */
  unreadable: Set<string>;
  /** The YAML problems, one per field that does not parse. */
  problems: Problem[];
}

/** Reads the front matter of `text` (which opens with `---`) one top-level field at a time. */
export function recoverFields(text: string, file: string): RecoveredFields {
  const lines = text.split('\n');
  const found: RecoveredFields = { data: {}, lines: new Map(), unreadable: new Set(), problems: [] };
  for (const block of fieldBlocks(lines)) {
    const key = keyOf(lines[block.first - 1]!);
    try {
      const value = yaml.load(lines.slice(block.first - 1, block.last).join('\n'), { schema: yaml.CORE_SCHEMA });
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        found.problems.push(error({ code: 'front-matter-shape', file, line: block.first }));
        if (key !== undefined) found.unreadable.add(key);
        continue;
      }
      for (const [k, v] of Object.entries(value)) {
        if (found.lines.has(k) || found.unreadable.has(k)) {
          found.problems.push(
            yamlProblem(lines, file, { reason: 'duplicated mapping key', mark: { line: 0, column: 0 } }, block.first),
          );
          continue;
        }
        found.data[k] = v;
        found.lines.set(k, block.first);
      }
    } catch (e) {
      const problem = yamlProblem(lines, file, e, block.first);
      // The parser may stop past the field's last line (at the end of its text): the field's lines are the place.
      if (problem.line && problem.line > block.last) [problem.line, problem.column] = [block.last, undefined];
      found.problems.push(problem);
      if (key !== undefined) found.unreadable.add(key);
    }
  }
  return found;
}

/** The front matter's fields as line ranges (1-based, inclusive): a top-level line and the indented or list lines under it. */
function fieldBlocks(lines: readonly string[]): { first: number; last: number }[] {
  const blocks: { first: number; last: number }[] = [];
  for (let n = 2; n <= lines.length && !/^---[ \t]*$/.test(lines[n - 1]!); n++) {
    const line = lines[n - 1]!;
    const top = line !== '' && !/^[\s#-]/.test(line);
    if (top) blocks.push({ first: n, last: n });
    else if (blocks.length && line.trim() !== '' && !line.startsWith('#')) blocks[blocks.length - 1]!.last = n;
  }
  return blocks;
}
