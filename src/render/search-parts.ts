import { wibDay } from '../time.js';
import { digest } from '../util/digest.js';

/**
 * The search index is made in parts, each a Pagefind index of its own that the search page
 * merges in the browser: an edit makes only its part again. A part is a run of published
 * articles (consecutive in the site's newest-first order) of one WIB year: whole months, or,
 * in a month of more than `PART_SIZE` stories, whole days (a day of more than that is cut in
 * pieces of that size). Runs are filled oldest first, so new stories change the newest part
 * of their year and no other; a story added to or taken from the middle of a year moves only
 * the parts after it in that year (its month's, when the month is split by days).
 */

/**
 * Most stories in a part (unless one day has more). Pagefind takes about 2 ms of CPU per story
 * of 700 words, most of it compressing the index: a part this size is made again in about
 * half a second, which a one-article edit at 100,000 articles can afford beside its other
 * second; smaller parts would cost the search page more of them, one or two requests each.
 */
export const PART_SIZE = 300;

/** A part of the search index: its key (the name of its folder) and the articles it holds. */
export interface SearchPart {
  /** `2025-04` (a month), `2025-01_2025-03` (months), `2025-04-01_2025-04-09` (days), `2025-04-02.1` (a piece of a day). */
  key: string;
  /** The index in the site's published articles (newest first) of its newest article. */
  first: number;
  /** How many articles it holds. */
  count: number;
}

/** A run of consecutive articles that goes into one part whole: a month, a day or a piece of a day. */
interface Unit {
  id: string;
  /** What it may share a part with: the other units of the same year (months) or month (days). */
  parent: string;
  /** Its oldest article's index, and how many it holds. */
  last: number;
  count: number;
}

/** The parts of the index for the published articles' dates (newest first), oldest part first. */
export function searchParts(dates: ArrayLike<number>, size = PART_SIZE): SearchPart[] {
  const parts: SearchPart[] = [];
  let run: Unit[] = [];
  let total = 0;
  const close = () => {
    if (!run.length) return;
    const [oldest, newest] = [run[0]!, run[run.length - 1]!];
    const key = run.length === 1 ? oldest.id : `${oldest.id}_${newest.id}`;
    parts.push({ key, first: newest.last - newest.count + 1, count: total });
    [run, total] = [[], 0];
  };
  for (const unit of units(dates, size)) {
    if (run.length && (run[0]!.parent !== unit.parent || total + unit.count > size)) close();
    run.push(unit);
    total += unit.count;
  }
  close();
  return parts;
}

/** The WIB months a part's articles were published in, from its key: its oldest and its newest (`2025-01`, `2025-03`). */
export function partMonths(key: string): { from: string; to: string } {
  const [oldest, newest = oldest] = key.split('_') as [string, string?];
  return { from: oldest.slice(0, 7), to: newest.slice(0, 7) };
}

/** The units of the archive, oldest first: months, or the days (or pieces of days) of a month of more than `size` stories. */
function* units(dates: ArrayLike<number>, size: number): Generator<Unit> {
  const days = calendarDays(dates);
  for (let m = 0; m < days.length;) {
    const month = days[m]!.id.slice(0, 7);
    let end = m;
    let count = 0;
    while (end < days.length && days[end]!.id.startsWith(month)) count += days[end++]!.count;
    if (count <= size) yield { id: month, parent: month.slice(0, 4), last: days[m]!.last, count };
    else
      for (const day of days.slice(m, end)) {
        if (day.count <= size) yield { ...day, parent: month };
        // A day's pieces, oldest first, each its own part.
        else
          for (let k = 0; k * size < day.count; k++) {
            const count = Math.min(size, day.count - k * size);
            yield { id: `${day.id}.${k + 1}`, parent: day.id, last: day.last - k * size, count };
          }
      }
    m = end;
  }
}

/** The WIB days with articles, oldest first, each with its oldest article's index and how many it holds. */
function calendarDays(dates: ArrayLike<number>): { id: string; last: number; count: number }[] {
  const days: { id: string; last: number; count: number }[] = [];
  for (let i = dates.length - 1; i >= 0; i--) {
    const { year, month, day } = wibDay(dates[i]!);
    const id = `${year}-${month}-${day}`;
    const open = days[days.length - 1];
    if (open?.id === id) open.count++;
    else days.push({ id, last: i, count: 1 });
  }
  return days;
}

/** What a part's record of an article is made from, besides the config (which the build cache's environment covers). */
export interface PartMember {
  /** Its file's path in the content folder. */
  path: string;
  /** The digest of its file's bytes. */
  source: string;
  /** Its category's display name. */
  category: string;
}

/**
 * A part's signature: what made its records (each article's file, by path and bytes, and its
 * category's name, in order) and the Pagefind that indexes them. Two builds that give a part
 * the same signature give it the same files.
 */
export function partSignature(engine: string, key: string, members: readonly PartMember[]): string {
  const made = members.map((m) => `${m.path}\u0001${m.source}\u0001${m.category}`);
  return digest('search-part', RECORD_FORMAT, engine, key, made.join('\u0002'));
}

/** Bump when what a record holds changes. */
const RECORD_FORMAT = '2';

/** Where the search index's files stand among a build's output files, for the next build's quick path. */
export interface SearchLayout {
  /** The place in the plan of the first of them: the search page, the bundle's files, then each part's, in order. */
  start: number;
  /** How many files the bundle has (Pagefind's script, its WebAssembly, and the empty index it starts from). */
  bundle: number;
  parts: (SearchPart & { sig: string; files: number })[];
}
