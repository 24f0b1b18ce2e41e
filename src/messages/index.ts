// Every message warta shows an editor comes from one table per language, keyed by problem code;
// a problem carries its code and values, and the text is made when it is reported.

import type { MessageParams, Problem } from '../errors.js';
import type { TimeExpected } from '../time.js';
import { en } from './en.js';
import { id } from './id.js';
import type { Lang, MessageTable } from './table.js';

export type { BuildChanges, Lang, MessageTable, ReportCounts, ReportTexts } from './table.js';

const TABLES: Record<Lang, MessageTable> = { id, en };

/** The table of a language. */
export function messages(lang: Lang): MessageTable {
  return TABLES[lang];
}

/** A problem's message in a language. */
export function messageOf(p: Problem, lang: Lang): string {
  return TABLES[lang].problems[p.code](p.params ?? {});
}

/** What a timestamp should have been, in a language. */
export function timeExpected(expected: TimeExpected, lang: Lang): string {
  return TABLES[lang].time[expected.reason](expected as unknown as MessageParams);
}

/** The message language a site's `language` setting or `--lang` names: English for `en…`, else Indonesian. */
export function readLang(language: string): Lang {
  return /^en\b/i.test(language) ? 'en' : 'id';
}
