import { quote, type MessageParams } from '../errors.js';
import { parseTimestamp } from '../time.js';
import type { Notice } from './article.js';
import type { FieldReader } from './fields.js';

/** The keys a correction has besides its time. */
const CORRECTION = ['at', 'text'] as const;
/** The keys a withdrawal has. */
const WITHDRAWAL = ['at', 'reason'] as const;

/** `corrections`: a list of {at, text}, each dated no earlier than the article, returned oldest first. */
export function readCorrections(fields: FieldReader, date: number | undefined): Notice[] {
  const value = fields.raw('corrections');
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length === 0) {
    fields.fail('corrections', 'correction', { problem: 'list', value: quote(value) });
    return [];
  }
  const notices: Notice[] = [];
  value.forEach((item, i) => {
    const notice = readNotice(fields, 'corrections', i + 1, item, CORRECTION, date);
    if (notice) notices.push(notice);
  });
  return notices.length === value.length ? notices.sort((a, b) => a.at - b.at) : [];
}

/** `withdrawn`: {at, reason}, dated no earlier than the article. */
export function readWithdrawal(fields: FieldReader, date: number | undefined): Notice | undefined {
  const value = fields.raw('withdrawn');
  return value === undefined ? undefined : readNotice(fields, 'withdrawn', undefined, value, WITHDRAWAL, date);
}

/** One dated notice with exactly the keys `[at, text key]`; problems are reported on `field`, naming the list's `item` (1-based) if it is one. */
function readNotice(
  fields: FieldReader,
  field: string,
  item: number | undefined,
  value: unknown,
  keys: readonly ['at', string],
  date: number | undefined,
): Notice | undefined {
  const [, textKey] = keys;
  const fail = (problem: string, params: MessageParams = {}) =>
    fields.fail(field, field === 'withdrawn' ? 'withdrawal' : 'correction', { item, key: textKey, ...params, problem });
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail('shape', { value: quote(value) });
  const record = value as Record<string, unknown>;
  const unknown = Object.keys(record).filter((k) => !keys.includes(k));
  if (unknown.length) return fail('keys', { value: unknown.map((k) => quote(k)).join(', ') });
  const at = record.at ?? undefined;
  const time = at === undefined || at === null ? undefined : parseTimestamp(at);
  if (!time) return fail('at-missing');
  if (!time.ok) return fail('at-time', { ...time.expected, value: quote(at) });
  const raw = record[textKey];
  const text = typeof raw === 'string' ? raw.replace(/\s+/g, ' ').trim() : '';
  if (!text) return fail('text', { value: quote(raw ?? '') });
  if (date !== undefined && time.instant < date) return fail('at-early', { value: quote(at) });
  return { at: time.instant, text };
}
