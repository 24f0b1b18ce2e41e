import type { Term, Terms } from './article.js';
import { forwardSearch } from './forward-search.js';
import { stopWords } from './stopwords.js';

/**
 * Significant words of an article, for related stories. Runs over every article of the
 * archive, so it is one regex pass per text with a Map of counts; it never builds a plain-text
 * copy of the Markdown. The regex's first group swallows syntax whose letters are not prose
 * (code, HTML tags, link targets, bare URLs, entities, reference definitions); the second group
 * is a word: letters and digits starting with a letter (after optional digits, so `5G` stays
 * whole and `2024` is never a word), with inner hyphens and apostrophes (`anak-anak`, `Ma'ruf`).
 *
 * Every alternative ends where it must or fails near where it starts, so the pass takes time
 * linear in the text: a tag (`<…>` on one line) and a link target (`](…)` on one line) are only
 * their opening here, and `countWords` finds their end with a forward search; digits not
 * followed by a letter are one match (the word alternative would retry from each of them).
 */
const TOKEN =
  /(```[\s\S]*?(?:```|$(?![\s\S]))|~~~[\s\S]*?(?:~~~|$(?![\s\S]))|`[^`\n]*`|<|\]\(|\bhttps?:\/\/[^\s)\]>]+|\bwww\.[^\s)\]>]+|&#?\w+;|^ {0,3}\[[^\]\n]+\]:[^\n]*)|(\p{N}*\p{L}[\p{L}\p{M}\p{N}]*(?:['’-][\p{L}\p{N}]+)*)|\p{N}+/gmu;

/** How many terms an article keeps. */
export const MAX_TERMS = 32;
/** Weight of a word in the headline: the editor's summary of what matters. */
const TITLE_WEIGHT = 3;
/** Weight of a capitalised word inside a sentence: usually a person, place or organisation. */
const NAME_WEIGHT = 1.5;

/** Significant words of headline and Markdown body, strongest first (`_tags` are scored by the related-story module, not here). */
export function extractTerms(title: string, body: string, _tags: readonly string[]): Terms {
  const counts = new Map<string, number>();
  countWords(title, TITLE_WEIGHT, false, counts);
  countWords(body, 1, true, counts);
  return packTerms(strongest(counts, MAX_TERMS));
}

/** Terms packed (see `Terms`). */
export function packTerms(list: readonly Term[]): Terms {
  // A loop, not Float64Array.from(list, map): that goes through the iterator protocol, three times the cost.
  const weights = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) weights[i] = list[i]![1];
  return { words: list.map(([word]) => word).join('\n'), weights };
}

/** Packed terms as a list of [word, weight]. */
export function unpackTerms(terms: Terms): Term[] {
  return terms.words ? terms.words.split('\n').map((word, i) => [word, terms.weights[i]!]) : [];
}

/**
 * Adds the weight of each significant word of `text` to `counts`. The regex runs over the
 * text lower-cased in one native call (cheaper than lower-casing each word); capitals are read
 * from the original at the same offset, unless lower-casing changed the length (`İ`).
 */
function countWords(text: string, weight: number, boostNames: boolean, counts: Map<string, number>): void {
  const lower = text.toLowerCase();
  const aligned = lower.length === text.length;
  const source = aligned ? lower : text;
  const ends = syntaxEnds(source);
  TOKEN.lastIndex = 0;
  let prevEnd = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(source)) !== null) {
    const token = m[2];
    const start = m.index;
    if (token === undefined) {
      // Digits are no token: the gap before the next word runs on through them.
      if (m[1] === undefined) continue;
      const end = ends(m[1], start);
      // An opening that nothing closes is no token either: scanning resumes right after it.
      if (end === -1) TOKEN.lastIndex = start + 1;
      else prevEnd = TOKEN.lastIndex = end;
      continue;
    }
    const gapStart = prevEnd;
    prevEnd = TOKEN.lastIndex;
    if (token.length < 3) continue;
    const word = aligned ? token : token.toLowerCase();
    if (stopWords.has(word)) continue;
    const name = boostNames && isCapital(text, start) && !opensSentence(text, gapStart, start);
    counts.set(word, (counts.get(word) ?? 0) + (name ? weight * NAME_WEIGHT : weight));
  }
}

/**
 * Where the syntax matched at `start` ends: after the `>` of a tag or the `)` of a link target
 * when it comes before the end of the line, else -1; other syntax ends where its match does.
 * Searches only move forward, as the regex does, so each character is read once.
 */
function syntaxEnds(source: string): (match: string, start: number) => number {
  const newline = forwardSearch(source, '\n');
  const closers = { '<': forwardSearch(source, '>'), '](': forwardSearch(source, ')') };
  return (match, start) => {
    if (match !== '<' && match !== '](') return start + match.length;
    const from = start + match.length;
    const close = closers[match](from);
    const eol = newline(from);
    return close !== -1 && (eol === -1 || close < eol) ? close + 1 : -1;
  };
}

/** Whether the character at `at` is an upper-case letter. */
function isCapital(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c < 128) return c >= 65 && c <= 90;
  const ch = String.fromCodePoint(text.codePointAt(at)!);
  return ch !== ch.toLowerCase();
}

/**
 * Whether the word at `start` opens a sentence, judged from the gap since the previous token:
 * sentence punctuation (not inside a number, as in `5.000` or `10:30`) or a line break there
 * (headings, list items, paragraphs) means it does, so its capital says nothing about a name.
 */
function opensSentence(text: string, gapStart: number, start: number): boolean {
  if (gapStart === 0) return true;
  for (let i = start - 1; i >= gapStart; i--) {
    const c = text.charCodeAt(i);
    if (c === 10) return true;
    // . ! ? : unless a digit follows
    if ((c === 46 || c === 33 || c === 63 || c === 58) && !isDigit(text.charCodeAt(i + 1))) return true;
  }
  return false;
}

/** Whether a UTF-16 code unit is an ASCII digit. */
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The `max` heaviest entries, weight descending then term ascending, weights rounded to 3 decimals. */
function strongest(counts: Map<string, number>, max: number): Term[] {
  const top: Term[] = [];
  // forEach, not for-of: no [key, value] array per entry
  counts.forEach((weight, term) => {
    if (top.length === max && !before(term, weight, top[max - 1]!)) return;
    const entry: Term = [term, weight];
    let i = top.length === max ? max - 1 : top.push(entry) - 1;
    while (i > 0 && before(term, weight, top[i - 1]!)) {
      top[i] = top[i - 1]!;
      i--;
    }
    top[i] = entry;
  });
  for (const t of top) t[1] = Math.round(t[1] * 1000) / 1000;
  return top;
}

/** Whether (term, weight) ranks ahead of `other`. */
function before(term: string, weight: number, other: Term): boolean {
  return weight > other[1] || (weight === other[1] && term < other[0]);
}
