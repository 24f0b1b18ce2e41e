import { error, quote, warning, type MessageParams, type Problem, type ProblemCode } from '../errors.js';
import { parseTimestamp } from '../time.js';
import { isValidSlug, nameTooLong } from './slug.js';
import { withoutControls } from './text.js';

/** Reads one front matter field, reporting a problem with its line when the value is wrong. */
export class FieldReader {
  readonly problems: Problem[] = [];

  constructor(
    private readonly data: Record<string, unknown>,
    private readonly lines: Map<string, number>,
    private readonly file: string,
  ) {}

  /** Records a problem with a field, at the field's line. */
  fail(field: string, code: ProblemCode, params?: MessageParams): undefined {
    this.problems.push(error({ code, file: this.file, line: this.lines.get(field), field, params }));
    return undefined;
  }

  /** Records a warning about a field, at the field's line. */
  warn(field: string, code: ProblemCode, params?: MessageParams): void {
    this.problems.push(warning({ code, file: this.file, line: this.lines.get(field), field, params }));
  }

  /** The line a field starts on, if it is there. */
  line(field: string): number | undefined {
    return this.lines.get(field);
  }

  /** All fields as the YAML gave them. */
  rawData(): Record<string, unknown> {
    return this.data;
  }

  /** The raw value; YAML `null` (an empty field) counts as absent. */
  raw(field: string): unknown {
    const value = Object.prototype.hasOwnProperty.call(this.data, field) ? this.data[field] : undefined;
    return value === null ? undefined : value;
  }

  /** A text field, trimmed, with runs of white space made one space and control characters (YAML's `"\e"`) removed. */
  text(field: string, required: boolean): string | undefined {
    const value = this.raw(field);
    if (value === undefined) return required ? this.fail(field, 'missing') : undefined;
    if (typeof value !== 'string') return this.fail(field, 'type', { expected: 'text', ...describe(value) });
    const text = oneLine(value);
    if (!text) return required || value ? this.fail(field, 'empty', { what: 'text' }) : undefined;
    return text;
  }

  /** A list of texts; one text is accepted as a list of one. */
  list(field: string, required: boolean): string[] | undefined {
    const value = this.raw(field);
    if (value === undefined) return required ? this.fail(field, 'missing') : [];
    const items = Array.isArray(value) ? value : [value];
    if (!items.every((v) => typeof v === 'string' && v.trim())) {
      return this.fail(field, 'type', { expected: 'texts', ...describe(value) });
    }
    if (required && items.length === 0) return this.fail(field, 'empty', { what: 'list' });
    return dedupe(items.map(oneLine));
  }

  /** A WIB timestamp, as epoch milliseconds. */
  time(field: string, required: boolean): number | undefined {
    const value = this.raw(field);
    if (value === undefined) return required ? this.fail(field, 'missing') : undefined;
    const parsed = parseTimestamp(value);
    return parsed.ok ? parsed.instant : this.fail(field, 'time', { ...parsed.expected, value: quote(value) });
  }

  /** `true` or `false`, nothing else. */
  flag(field: string): boolean {
    const value = this.raw(field);
    if (value === undefined) return false;
    if (typeof value === 'boolean') return value;
    this.fail(field, 'type', { expected: 'boolean', value: quote(value) });
    return false;
  }

  /** An explicit slug, which must already be valid and short enough to name a folder. */
  slug(field: string): string | undefined {
    const value = this.text(field, false);
    if (value === undefined) return value;
    if (!isValidSlug(value)) return this.fail(field, 'slug', { of: 'field', value: quote(value) });
    const bytes = nameTooLong(value);
    return bytes ? this.fail(field, 'name-too-long', { of: 'slug', value: quote(value), bytes }) : value;
  }
}

/** Text as one trimmed line: runs of white space made one space, control characters removed. */
function oneLine(text: string): string {
  return withoutControls(text).replace(/\s+/g, ' ').trim();
}

/** A YAML value's kind and the value quoted, for a message. */
function describe(value: unknown): { kind: string; value: string } {
  const kind = Array.isArray(value)
    ? 'list'
    : typeof value === 'object'
      ? 'mapping'
      : typeof value === 'string'
        ? 'text'
        : typeof value;
  return { kind, value: quote(value) };
}

/** Drops repeats that differ only in case, keeping the first spelling. */
function dedupe(items: string[]): string[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = item.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
