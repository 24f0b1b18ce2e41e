import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatIso, formatLong, formatRfc822, parseTimestamp, wibDay } from '../../src/time.js';
import { timeExpected } from '../../src/messages/index.js';

/** Parses or fails the test with the expected text. */
function instant(value: string): number {
  const result = parseTimestamp(value);
  if (!result.ok) assert.fail(`${JSON.stringify(value)} rejected: expected ${result.expected}`);
  return result.instant;
}

/** The `expected` text of a rejected value. */
function rejection(value: unknown): string {
  const result = parseTimestamp(value);
  if (result.ok) assert.fail(`${String(value)} accepted as ${new Date(result.instant).toISOString()}`);
  return timeExpected(result.expected, 'en');
}

const iso = (value: string): string => new Date(instant(value)).toISOString();

test('plain forms are WIB wall-clock time', () => {
  assert.equal(iso('2025-04-02 15:22:12'), '2025-04-02T08:22:12.000Z');
  assert.equal(iso('2025-04-02 15:22'), '2025-04-02T08:22:00.000Z');
  assert.equal(iso('  2025-04-02 15:22:12\n'), '2025-04-02T08:22:12.000Z');
});

test('ISO 8601 with an explicit offset, any offset', () => {
  assert.equal(iso('2025-04-02T15:22:12+07:00'), '2025-04-02T08:22:12.000Z');
  assert.equal(iso('2025-04-02T08:22:12Z'), '2025-04-02T08:22:12.000Z');
  assert.equal(iso('2025-04-02T15:22:12+0530'), '2025-04-02T09:52:12.000Z');
  assert.equal(iso('2025-04-02T15:22-03:00'), '2025-04-02T18:22:00.000Z');
  assert.equal(iso('2025-04-02T15:22:12.123456Z'), '2025-04-02T15:22:12.123Z');
  assert.equal(iso('2025-04-02T15:22:12.5+07:00'), '2025-04-02T08:22:12.500Z');
  // RFC 3339 / YAML spellings: a space before the time or the offset.
  assert.equal(iso('2025-04-02 15:22:12 +07:00'), '2025-04-02T08:22:12.000Z');
  assert.match(rejection('2025-04-02T15:22:12+15:00'), /UTC offset/);
  assert.match(rejection('2025-04-02T15:22:12+07:60'), /UTC offset/);
});

test('a T time without an offset is rejected, naming the offset', () => {
  assert.match(rejection('2025-04-02T15:22:12'), /UTC offset after a "T" time/);
});

test('the calendar day is the WIB day', () => {
  assert.deepEqual(wibDay(instant('2025-04-02 00:30:00')), { year: '2025', month: '04', day: '02' });
  assert.deepEqual(wibDay(instant('2025-04-01T18:30:00Z')), { year: '2025', month: '04', day: '02' });
  assert.deepEqual(wibDay(instant('2025-04-02T23:30:00-05:00')), { year: '2025', month: '04', day: '03' });
  assert.deepEqual(wibDay(instant('2025-04-01T16:59:59Z')), { year: '2025', month: '04', day: '01' });
});

test('legacy long form with WIB, WITA and WIT', () => {
  assert.equal(iso('Rabu, 2 April 2025 15:22:12 WIB'), '2025-04-02T08:22:12.000Z');
  assert.equal(iso('Rabu, 2 April 2025 16:22:12 WITA'), '2025-04-02T08:22:12.000Z');
  assert.equal(iso('Rabu, 2 April 2025 17:22:12 WIT'), '2025-04-02T08:22:12.000Z');
  assert.equal(iso('rabu, 2 APRIL 2025 15:22 wib'), '2025-04-02T08:22:00.000Z');
  assert.equal(iso("Jum'at, 4 April 2025 08:00:00 WIB"), '2025-04-04T01:00:00.000Z');
  assert.equal(iso('Jum\u2019at, 4 April 2025 08:00:00 WIB'), '2025-04-04T01:00:00.000Z');
});

test('legacy unpadded times are accepted and displayed padded', () => {
  const t = instant('Jumat, 7 Oktober 2022 16:2:20 WIB');
  assert.equal(formatLong(t), 'Jumat, 7 Oktober 2022 16:02:20 WIB');
  assert.equal(formatLong(instant('Senin, 3 Oktober 2022 8:37:55 WIB')), 'Senin, 3 Oktober 2022 08:37:55 WIB');
});

test('a legacy weekday that does not match the date is an error naming the right one', () => {
  assert.equal(rejection('Kamis, 2 April 2025 15:22:12 WIB'), 'the weekday of 2 April 2025 ("Rabu")');
  // The weekday is that of the written date, even when that date differs from the WIB day.
  assert.equal(iso('Kamis, 3 April 2025 00:30:00 WIT'), '2025-04-02T15:30:00.000Z');
  assert.match(rejection('Rab, 2 April 2025 15:22:12 WIB'), /Indonesian weekday name/);
  assert.match(rejection('Rabu, 2 Apr 2025 15:22:12 WIB'), /Indonesian month name/);
  assert.match(rejection('Rabu, 2 April 2025 15:22:12 UTC'), /WIB timestamp like/);
});

test('impossible dates and times are errors, never rolled over', () => {
  assert.equal(rejection('2025-02-30 10:00:00'), 'a real calendar date (2025-02 has 28 days)');
  assert.equal(iso('2024-02-29 10:00:00'), '2024-02-29T03:00:00.000Z');
  assert.equal(rejection('2025-13-40 10:00:00'), 'a real calendar date (months run 01–12)');
  assert.match(rejection('2025-04-31T10:00:00Z'), /2025-04 has 30 days/);
  assert.match(rejection('Kamis, 31 April 2025 10:00:00 WIB'), /2025-04 has 30 days/);
  assert.match(rejection('2025-04-02 24:00:00'), /real time of day/);
  assert.match(rejection('2025-04-02 23:60:00'), /real time of day/);
  assert.match(rejection('2025-04-02 23:59:60'), /real time of day/);
  assert.match(rejection('Rabu, 2 April 2025 15:60:12 WIB'), /real time of day/);
});

test('other text is rejected with a message that reads after "expected"', () => {
  const generic =
    'a WIB timestamp like "2025-04-02 15:22:12", "2025-04-02T15:22:12+07:00" or "Rabu, 2 April 2025 15:22:12 WIB"';
  assert.equal(rejection('kemarin'), generic);
  assert.equal(rejection(''), generic);
  assert.equal(rejection('2025-13-40'), 'a time as well as a date, like "2025-04-02 15:22:12"');
  assert.equal(rejection('2025-04-02'), 'a time as well as a date, like "2025-04-02 15:22:12"');
  assert.equal(rejection('2025-4-2 15:22:12'), 'a zero-padded timestamp like "2025-04-02 15:22:12"');
  assert.match(rejection('2025-04-02 5:22:12'), /zero-padded/);
  assert.match(rejection('2025-04-02T5:22:12+07:00'), /zero-padded/);
  assert.equal(rejection('2025-04-02 15:22:12 extra'), generic);
});

test('non-string input is an error, not a guess', () => {
  for (const value of [new Date('2025-04-02T08:22:12Z'), 1743582132000, null, undefined, {}]) {
    assert.match(rejection(value), /^a timestamp written as text, like "2025-04-02 15:22:12"/);
  }
});

test('formatLong is exact', () => {
  assert.equal(formatLong(instant('2025-04-02 15:22:12')), 'Rabu, 2 April 2025 15:22:12 WIB');
  assert.equal(formatLong(instant('2025-04-01T18:05:09Z')), 'Rabu, 2 April 2025 01:05:09 WIB');
  assert.equal(formatLong(instant('2024-12-29 00:00')), 'Minggu, 29 Desember 2024 00:00:00 WIB');
  assert.equal(formatLong(instant('2025-05-30 23:59:59')), 'Jumat, 30 Mei 2025 23:59:59 WIB');
});

test('formatIso', () => {
  assert.equal(formatIso(instant('2025-04-02 15:22:12')), '2025-04-02T15:22:12+07:00');
  assert.equal(formatIso(instant('2025-04-02T23:30:00-05:00')), '2025-04-03T11:30:00+07:00');
  assert.equal(formatIso(instant('2025-04-02T15:22:12.999Z')), '2025-04-02T22:22:12+07:00');
});

test('formatRfc822', () => {
  assert.equal(formatRfc822(instant('2025-04-02 15:22:12')), 'Wed, 02 Apr 2025 15:22:12 +0700');
  assert.equal(formatRfc822(instant('2025-05-09 07:08:09')), 'Fri, 09 May 2025 07:08:09 +0700');
});

test('formatting round-trips through parsing', () => {
  for (const text of ['2025-04-02 15:22:12', '2000-02-29 00:00:00', '1970-01-01 06:59:59', '2099-12-31 23:59:59']) {
    const t = instant(text);
    assert.equal(instant(formatLong(t)), t);
    assert.equal(instant(formatIso(t)), t);
    assert.equal(`${wibDay(t).year}-${wibDay(t).month}-${wibDay(t).day} ${formatIso(t).slice(11, 19)}`, text);
  }
});

test('before 1964 Asia/Jakarta was not +07:00, and the zone history is honoured', () => {
  // 1955: +07:30 (tzdata). Wall time in, same wall time out.
  const t = instant('1955-06-01 12:00:00');
  assert.equal(new Date(t).toISOString(), '1955-06-01T04:30:00.000Z');
  assert.equal(formatIso(t), '1955-06-01T12:00:00+07:30');
  assert.equal(formatLong(t), 'Rabu, 1 Juni 1955 12:00:00 WIB');
  assert.equal(formatIso(instant('1964-01-01 00:00:00')), '1964-01-01T00:00:00+07:00');
  // The offset is the one in force at the instant, right after a change too (1945-09-23 00:00: +09:00 → +07:30).
  assert.equal(formatIso(Date.parse('1945-09-22T14:59:59Z')), '1945-09-22T23:59:59+09:00');
  assert.equal(formatIso(Date.parse('1945-09-22T16:00:00Z')), '1945-09-22T23:30:00+07:30');
});

test('results do not depend on the process time zone', () => {
  const saved = process.env.TZ;
  // 02:30 WIB on 30 March 2025 falls in Berlin's DST gap; local-time Date setters would make it 03:30.
  try {
    for (const zone of ['Europe/Berlin', 'America/Santiago', 'Pacific/Honolulu', 'UTC']) {
      process.env.TZ = zone;
      const t = instant('2025-03-30 02:30:00');
      assert.equal(new Date(t).toISOString(), '2025-03-29T19:30:00.000Z', zone);
      assert.equal(formatLong(t), 'Minggu, 30 Maret 2025 02:30:00 WIB', zone);
      assert.equal(formatLong(instant('1955-03-27 02:30:00')), 'Minggu, 27 Maret 1955 02:30:00 WIB', zone);
    }
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
});

test('formatters reject invalid instants', () => {
  assert.throws(() => formatLong(Number.NaN), RangeError);
  assert.throws(() => formatIso(Number.POSITIVE_INFINITY), RangeError);
});

test('years outside 1000–9999 (WIB) are an error in every form, never a crash', () => {
  const range = 'a date in the years 1000 to 9999 (WIB)';
  for (const value of [
    '0000-01-01 10:00:00',
    '0000-01-01 10:00',
    '0000-01-01T10:00:00+07:00',
    '0000-01-01T00:00:00Z',
    'Sabtu, 1 Januari 0000 10:00:00 WIB',
    'Sabtu, 1 Januari 0000 10:00:00 WITA',
    '0001-01-01 00:00:00',
    '0999-12-31 23:59:59',
    // The written year is in range, the WIB one is not.
    '9999-12-31T23:59:59-14:00',
    '1000-01-01T00:00:00+14:00',
    'Rabu, 1 Januari 1000 00:30:00 WITA',
  ]) {
    assert.equal(rejection(value), range, value);
  }
});

test('the first and last instants of the range are accepted and formatted as written', () => {
  const first = instant('1000-01-01 00:00:00');
  assert.equal(formatLong(first), 'Rabu, 1 Januari 1000 00:00:00 WIB');
  assert.deepEqual(wibDay(first), { year: '1000', month: '01', day: '01' });
  assert.equal(instant(formatIso(first)), first);
  const last = instant('9999-12-31 23:59:59');
  assert.equal(formatLong(last), 'Jumat, 31 Desember 9999 23:59:59 WIB');
  assert.equal(formatRfc822(last), 'Fri, 31 Dec 9999 23:59:59 +0700');
  assert.equal(instant('9999-12-31T16:59:59Z'), last);
});

test('before 1924 (local mean time, +07:07:12) the wall clock and the day are the ones written', () => {
  const t = instant('1900-01-01 00:00:00');
  assert.equal(new Date(t).toISOString(), '1899-12-31T16:52:48.000Z');
  assert.equal(formatLong(t), 'Senin, 1 Januari 1900 00:00:00 WIB');
  assert.deepEqual(wibDay(t), { year: '1900', month: '01', day: '01' });
  // ISO 8601 has no seconds in an offset: the same instant, written in +07:07.
  assert.equal(formatIso(t), '1899-12-31T23:59:48+07:07');
  assert.equal(instant(formatIso(t)), t);
  assert.equal(instant(formatLong(t)), t);
});
