import type { Term } from './article.js';
import { stopWords } from './stopwords.js';

/**
 * Significant words of an article, for related stories. Runs over every article of the
 * archive, so it is one regex pass per text with a Map of counts; it never builds a plain-text
 * copy of the Markdown. The regex's first group swallows syntax whose letters are not prose
 * (code, HTML tags, link targets, bare URLs, entities, reference definitions); the second group
 * is a word: letters and digits starting with a letter (after optional digits, so `5G` stays
 * whole and `2024` is never a word), with inner hyphens and apostrophes (`anak-anak`, `Ma'ruf`).
 */
const TOKEN =
  /(```[\s\S]*?(?:```|$(?![\s\S]))|~~~[\s\S]*?(?:~~~|$(?![\s\S]))|`[^`\n]*`|<[^>\n]*>|\]\([^)\n]*\)|\bhttps?:\/\/[^\s)\]>]+|\bwww\.[^\s)\]>]+|&#?\w+;|^ {0,3}\[[^\]\n]+\]:[^\n]*)|(\p{N}*\p{L}[\p{L}\p{M}\p{N}]*(?:['’-][\p{L}\p{N}]+)*)/gmu;

/** How many terms an article keeps. */
export const MAX_TERMS = 32;
/** Weight of a word in the headline: the editor's summary of what matters. */
const TITLE_WEIGHT = 3;
/** Weight of a capitalised word inside a sentence: usually a person, place or organisation. */
const NAME_WEIGHT = 1.5;

/** Significant words of headline and Markdown body, strongest first (`_tags` are scored by the related-story module, not here). */
export function extractTerms(title: string, body: string, _tags: readonly string[]): Term[] {
  const counts = new Map<string, number>();
  countWords(title, TITLE_WEIGHT, false, counts);
  countWords(body, 1, true, counts);
  return strongest(counts, MAX_TERMS);
}

/** Adds the weight of each significant word of `text` to `counts`. */
function countWords(text: string, weight: number, boostNames: boolean, counts: Map<string, number>): void {
  TOKEN.lastIndex = 0;
  let prevEnd = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(text)) !== null) {
    const word = m[2];
    const start = m.index;
    const gapStart = prevEnd;
    prevEnd = TOKEN.lastIndex;
    if (word === undefined || word.length < 3) continue;
    const lower = word.toLowerCase();
    if (stopWords.has(lower)) continue;
    const w = boostNames && isCapitalised(word) && !opensSentence(text, gapStart, start) ? weight * NAME_WEIGHT : weight;
    counts.set(lower, (counts.get(lower) ?? 0) + w);
  }
}

/** Whether a word starts with an upper-case letter. */
function isCapitalised(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  const first = word[0]!;
  return first !== first.toLowerCase();
}

/**
 * Whether the word at `start` opens a sentence, judged from the gap since the previous token:
 * sentence punctuation or a line break there (headings, list items, paragraphs) means it does,
 * so its capital says nothing about it being a name.
 */
function opensSentence(text: string, gapStart: number, start: number): boolean {
  if (gapStart === 0) return true;
  for (let i = start - 1; i >= gapStart; i--) {
    const c = text.charCodeAt(i);
    // . ! ? : and line feed
    if (c === 46 || c === 33 || c === 63 || c === 58 || c === 10) return true;
  }
  return false;
}

/** The `max` heaviest entries, weight descending then term ascending, weights rounded to 3 decimals. */
function strongest(counts: Map<string, number>, max: number): Term[] {
  const top: Term[] = [];
  for (const [term, weight] of counts) {
    if (top.length === max && !before(term, weight, top[max - 1]!)) continue;
    const entry: Term = [term, weight];
    let i = top.length === max ? max - 1 : top.push(entry) - 1;
    while (i > 0 && before(term, weight, top[i - 1]!)) {
      top[i] = top[i - 1]!;
      i--;
    }
    top[i] = entry;
  }
  for (const t of top) t[1] = Math.round(t[1] * 1000) / 1000;
  return top;
}

/** Whether (term, weight) ranks ahead of `other`. */
function before(term: string, weight: number, other: Term): boolean {
  return weight > other[1] || (weight === other[1] && term < other[0]);
}
