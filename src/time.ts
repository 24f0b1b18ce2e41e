// Reading and writing WIB (Asia/Jakarta) timestamps; see CONTENT.md, "Timestamps are WIB wall-clock time".
//
// This is the only module that touches date-fns-tz and the date-fns `id` locale.
// Nothing here reads the process's local time zone: wall-clock fields are always
// computed with UTC getters on an instant shifted by the zone's offset.
// date-fns-tz 3 pitfalls avoided here: formatInTimeZone/toZonedTime (and fromZonedTime
// given a Date) go through local-time Date setters, so on a machine whose own zone
// has DST a wall time in the local DST gap comes out an hour off; getTimezoneOffset
// reads its argument as a wall time, so it is wrong for hours after a transition.
// We only use fromZonedTime on strings; offsets at an instant come from Intl's "longOffset",
// which keeps the seconds of local mean time (+07:07:12) that "xxx" would drop.

import { createRequire } from 'node:module';
import { id } from 'date-fns/locale/id';
import type { Day, Month } from 'date-fns';

/**
 * date-fns-tz, loaded when first needed: only wall times before 1964 ask it (see
 * `FIXED_SINCE`), and loading it (with the date-fns modules it imports) costs every process
 * a quarter of a second at start, a tenth of a cold incremental build at 100,000 articles.
 */
const tz = (() => {
  let loaded: typeof import('date-fns-tz') | undefined;
  return () => (loaded ??= createRequire(import.meta.url)('date-fns-tz') as typeof import('date-fns-tz'));
})();

/** Result of reading a timestamp. */
export type TimeResult = { ok: true; instant: number } | { ok: false; expected: TimeExpected };

/** What a timestamp that could not be read should have been: a reason, and the values its message names. */
export type TimeExpected =
  | {
      reason:
        | 'text'
        | 'with-time'
        | 'with-offset'
        | 'padded'
        | 'timestamp'
        | 'offset-range'
        | 'month-name'
        | 'weekday-name'
        | 'year-range'
        | 'month-range'
        | 'time-range';
    }
  | { reason: 'day-range'; month: string; days: number }
  | { reason: 'weekday'; date: string; weekday: string };

const ZONE = 'Asia/Jakarta';
const HOUR = 3_600_000;
const MINUTE = 60_000;
const WIB_OFFSET = 7 * HOUR;
// tzdata: Asia/Jakarta has been a fixed +07:00 (WIB) since 1964-01-01; earlier
// instants (+07:30, +08:00, +09:00, LMT…) are asked of date-fns-tz. The fast path
// keeps ~100k calls per build from paying ~30µs of Intl each.
const FIXED_SINCE_WALL = Date.UTC(1964, 0, 1);
const FIXED_SINCE = FIXED_SINCE_WALL - WIB_OFFSET;
/**
 * The years a timestamp may fall in, in WIB: four digits, as every accepted form writes a
 * year and as article URLs (`/YYYY/MM/DD/…`) hold one. Year 0 is beyond date-fns-tz.
 */
export const YEARS = { first: 1000, last: 9999 } as const;
const SUFFIX_OFFSET: Record<string, number> = { wib: WIB_OFFSET, wita: 8 * HOUR, wit: 9 * HOUR };

/** Indonesian weekday names, Sunday first. */
export const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6].map((d) => id.localize.day(d as Day, { width: 'wide' }));
/** Indonesian month names, January first. */
export const MONTHS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((m) =>
  id.localize.month(m as Month, { width: 'wide' }),
);
const WEEKDAY_INDEX = new Map(WEEKDAYS.map((name, i) => [name.toLowerCase(), i]));
// The legacy archive spells Friday both ways, sometimes with a typographic apostrophe.
WEEKDAY_INDEX.set("jum'at", 5).set('jum\u2019at', 5);
const MONTH_INDEX = new Map(MONTHS.map((name, i) => [name.toLowerCase(), i + 1]));
// RFC 822 names are protocol tokens, not locale text.
const RFC_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const RFC_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const PLAIN_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/;
const OFFSET_RE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)? ?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;
const LEGACY_RE =
  /^([\p{L}'\u2019]+)(?:\s*,\s*|\s+)(\d{1,2})\s+(\p{L}+)\s+(\d{4})\s+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?\s+(WIB|WITA|WIT)$/iu;
// Intl's "longOffset" zone name: "GMT+07:07:12", "GMT+07:30", "GMT" for zero.
const LONG_OFFSET_RE = /^GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/;
// Shapes that are close to an accepted form, so the error can say what is missing.
const BARE_DATE_RE = /^\d{1,4}-\d{1,2}-\d{1,2}$/;
const LOCAL_T_RE = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?$/;
const UNPADDED_RE =
  /^\d{1,4}-\d{1,2}-\d{1,2}[Tt ]\d{1,2}:\d{1,2}(?::\d{1,2}(?:[.,]\d+)?)?(?: ?(?:[Zz]|[+-]\d{1,2}:?\d{2}))?$/;

const GENERIC = { reason: 'timestamp' } as const;
const OUT_OF_RANGE = { reason: 'year-range' } as const;

/** Wall-clock fields as written in a timestamp (month 1–12, ms 0–999). */
type Wall = { y: number; mo: number; d: number; h: number; mi: number; s: number; ms: number };

/** Reads a front-matter or CLI timestamp as WIB wall-clock time (see CONTENT.md). instant = epoch ms. */
export function parseTimestamp(value: unknown): TimeResult {
  if (typeof value !== 'string') {
    // A Date here means the YAML was loaded with a schema that already shifted it to UTC.
    return fail({ reason: 'text' });
  }
  const text = value.trim();
  let m = PLAIN_RE.exec(text);
  if (m) return fromWall(wallOf(m), null);
  if ((m = OFFSET_RE.exec(text))) return parseWithOffset(m);
  if ((m = LEGACY_RE.exec(text))) return parseLegacy(m);
  return fail(nearMiss(text));
}

/** Says what a value that matches no accepted form was probably missing. */
function nearMiss(text: string): TimeExpected {
  if (BARE_DATE_RE.test(text)) return { reason: 'with-time' };
  if (LOCAL_T_RE.test(text)) return { reason: 'with-offset' };
  if (UNPADDED_RE.test(text)) return { reason: 'padded' };
  return GENERIC;
}

/** ISO 8601 with an explicit offset: any offset, converted. */
function parseWithOffset(m: RegExpExecArray): TimeResult {
  const wall = wallOf(m);
  // Fractional seconds beyond milliseconds are truncated, not rounded into the next second.
  wall.ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  if (m[8]) return fromWall(wall, 0);
  const hours = Number(m[10]);
  const minutes = Number(m[11]);
  if (minutes > 59 || hours * 60 + minutes > 14 * 60) {
    return fail({ reason: 'offset-range' });
  }
  const sign = m[9] === '-' ? -1 : 1;
  return fromWall(wall, sign * (hours * HOUR + minutes * MINUTE));
}

/** The legacy archive's `Rabu, 2 April 2025 15:22:12 WIB`; unpadded day and time parts are allowed. */
function parseLegacy(m: RegExpExecArray): TimeResult {
  const mo = MONTH_INDEX.get(m[3]!.toLowerCase());
  if (mo === undefined) return fail({ reason: 'month-name' });
  const weekday = WEEKDAY_INDEX.get(m[1]!.toLowerCase());
  if (weekday === undefined) return fail({ reason: 'weekday-name' });
  const wall: Wall = {
    y: Number(m[4]),
    mo,
    d: Number(m[2]),
    h: Number(m[5]),
    mi: Number(m[6]),
    s: Number(m[7] ?? 0),
    ms: 0,
  };
  const problem = invalidWall(wall);
  if (problem) return fail(problem);
  // Written in WIB or east of it, a year outside the range is outside it in WIB too.
  if (!yearInRange(wall.y)) return fail(OUT_OF_RANGE);
  // The weekday belongs to the written date, in the written zone (WITA/WIT included).
  const actual = new Date(utcOfWall(wall)).getUTCDay();
  if (actual !== weekday) {
    return fail({ reason: 'weekday', date: `${wall.d} ${MONTHS[mo - 1]} ${m[4]}`, weekday: WEEKDAYS[actual]! });
  }
  const offset = SUFFIX_OFFSET[m[8]!.toLowerCase()]!;
  // WIB goes through the zone like the plain form, so formatLong(parse(x)) reproduces x.
  return fromWall(wall, offset === WIB_OFFSET ? null : offset);
}

/** Wall fields from a PLAIN_RE / OFFSET_RE match (groups 1–6). */
function wallOf(m: RegExpExecArray): Wall {
  return {
    y: Number(m[1]),
    mo: Number(m[2]),
    d: Number(m[3]),
    h: Number(m[4]),
    mi: Number(m[5]),
    s: Number(m[6] ?? 0),
    ms: 0,
  };
}

/** Validates wall fields and converts them; offset null = Asia/Jakarta. */
function fromWall(wall: Wall, offset: number | null): TimeResult {
  const problem = invalidWall(wall);
  if (problem) return fail(problem);
  const wallUtc = utcOfWall(wall);
  if (offset !== null) return inRange(wallUtc - offset);
  if (!yearInRange(wall.y)) return fail(OUT_OF_RANGE);
  if (wallUtc >= FIXED_SINCE_WALL) return { ok: true, instant: wallUtc - WIB_OFFSET };
  // fromZonedTime is only local-zone independent when given a string, not a Date.
  const instant = tz().fromZonedTime(isoWall(wall), ZONE).getTime();
  return Number.isNaN(instant) ? fail(GENERIC) : { ok: true, instant };
}

/** The instant, if its WIB year is in `YEARS` (an offset may carry a written year across the edge). */
function inRange(instant: number): TimeResult {
  return yearInRange(wib(instant).getUTCFullYear()) ? { ok: true, instant } : fail(OUT_OF_RANGE);
}

function yearInRange(year: number): boolean {
  return year >= YEARS.first && year <= YEARS.last;
}

/** Why the fields are not a real date and time, or undefined if they are. Never rolls over. */
function invalidWall({ y, mo, d, h, mi, s }: Wall): TimeExpected | undefined {
  if (mo < 1 || mo > 12) return { reason: 'month-range' };
  const days = daysInMonth(y, mo);
  if (d < 1 || d > days) return { reason: 'day-range', month: `${pad4(y)}-${pad2(mo)}`, days };
  if (h > 23 || mi > 59 || s > 59) return { reason: 'time-range' };
  return undefined;
}

function daysInMonth(y: number, mo: number): number {
  if (mo !== 2) return mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}

/** Epoch ms of the wall fields read as UTC; Date.UTC alone maps years 0–99 to 1900–1999. */
function utcOfWall({ y, mo, d, h, mi, s, ms }: Wall): number {
  if (y >= 100) return Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const date = new Date(Date.UTC(2000, 0, 1, h, mi, s, ms));
  return date.setUTCFullYear(y, mo - 1, d);
}

function isoWall(w: Wall): string {
  const ms = String(w.ms).padStart(3, '0');
  return `${pad4(w.y)}-${pad2(w.mo)}-${pad2(w.d)}T${pad2(w.h)}:${pad2(w.mi)}:${pad2(w.s)}.${ms}`;
}

function fail(expected: TimeExpected): TimeResult {
  return { ok: false, expected };
}

/** WIB wall-clock view of an instant: a Date whose UTC getters read the wall clock of Asia/Jakarta. */
function wib(instant: number): Date {
  return new Date(instant + offsetAt(instant));
}

/**
 * The instant as ISO 8601 and RFC 822 can write it, with an offset in whole minutes: before
 * 1924 (local mean time, +07:07:12) that is +07:07 and a clock 12 seconds behind the wall clock.
 */
function wibMinutes(instant: number): { at: Date; offset: number } {
  const offset = Math.trunc(offsetAt(instant) / MINUTE) * MINUTE;
  return { at: new Date(instant + offset), offset };
}

/** Asia/Jakarta's offset from UTC at an instant, in milliseconds. */
function offsetAt(instant: number): number {
  if (!Number.isFinite(instant)) throw new RangeError(`Invalid time value: ${instant}`);
  return instant >= FIXED_SINCE ? WIB_OFFSET : historicOffset(instant);
}

/** Names the zone's offset at an instant, created when first needed (like date-fns-tz, only for instants before 1964). */
const offsetNamer = (() => {
  let made: Intl.DateTimeFormat | undefined;
  return () => (made ??= new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'longOffset' }));
})();

/** Asia/Jakarta's offset at a pre-1964 instant, to the second (local mean time has seconds). */
function historicOffset(instant: number): number {
  const name =
    offsetNamer()
      .formatToParts(instant)
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  const m = LONG_OFFSET_RE.exec(name);
  if (!m) throw new RangeError(`No ${ZONE} offset for ${instant}`);
  const ms = ((Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0)) * 60 + Number(m[4] ?? 0)) * 1000;
  return m[1] === '-' ? -ms : ms;
}

/** `Rabu, 2 April 2025 15:22:12 WIB` (always in WIB, Indonesian day/month names, zero-padded HH:mm:ss). */
export function formatLong(instant: number): string {
  const at = wib(instant);
  const date = `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} ${pad4(at.getUTCFullYear())}`;
  return `${WEEKDAYS[at.getUTCDay()]}, ${date} ${clock(at)} WIB`;
}

/** `2025-04-02T15:22:12+07:00` */
export function formatIso(instant: number): string {
  const { at, offset } = wibMinutes(instant);
  const { year, month, day } = dayOf(at);
  return `${year}-${month}-${day}T${clock(at)}${offsetText(offset, ':')}`;
}

/** The WIB calendar day, zero-padded: { year: '2025', month: '04', day: '02' } */
export function wibDay(instant: number): { year: string; month: string; day: string } {
  return dayOf(wib(instant));
}

/** RFC 822 date for RSS in +0700: `Wed, 02 Apr 2025 15:22:12 +0700` */
export function formatRfc822(instant: number): string {
  const { at, offset } = wibMinutes(instant);
  const date = `${pad2(at.getUTCDate())} ${RFC_MONTHS[at.getUTCMonth()]} ${pad4(at.getUTCFullYear())}`;
  return `${RFC_DAYS[at.getUTCDay()]}, ${date} ${clock(at)} ${offsetText(offset, '')}`;
}

function dayOf(at: Date): { year: string; month: string; day: string } {
  return { year: pad4(at.getUTCFullYear()), month: pad2(at.getUTCMonth() + 1), day: pad2(at.getUTCDate()) };
}

function clock(at: Date): string {
  return `${pad2(at.getUTCHours())}:${pad2(at.getUTCMinutes())}:${pad2(at.getUTCSeconds())}`;
}

/** `+07:00` / `+0700` */
function offsetText(offset: number, separator: string): string {
  const minutes = Math.abs(offset) / MINUTE;
  const sign = offset < 0 ? '-' : '+';
  return `${sign}${pad2(Math.trunc(minutes / 60))}${separator}${pad2(minutes % 60)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad4(n: number): string {
  return String(n).padStart(4, '0');
}

/** A WIB calendar month for readers: `April 2025` (month counted from 1). */
export function formatMonth(year: number, month: number): string {
  return `${MONTHS[month - 1]} ${pad4(year)}`;
}

/** A WIB calendar day for readers: `Rabu, 2 April 2025` (month counted from 1). */
export function formatDay(year: number, month: number, day: number): string {
  return `${WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]}, ${day} ${formatMonth(year, month)}`;
}
