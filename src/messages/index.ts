// Every message warta shows an editor comes from one table per language, keyed by problem code,
// with the command line's and `warta dev`'s own texts beside it; a problem (or a usage error)
// carries its code and values, and the text is made when it is reported.

import { loadConfig } from '../config.js';
import type { MessageParams, Problem } from '../errors.js';
import type { TimeExpected } from '../time.js';
import { cliEn, devEn } from './cli-en.js';
import { cliId, devId } from './cli-id.js';
import { en } from './en.js';
import { id } from './id.js';
import type { Lang, Messages } from './table.js';

export type {
  BuildChanges,
  CliTexts,
  DevTexts,
  Lang,
  Messages,
  MessageTable,
  ReportCounts,
  ReportTexts,
  StageName,
  UsageCode,
} from './table.js';
export { USAGE_CODES } from './table.js';

const TABLES: Record<Lang, Messages> = {
  id: { ...id, cli: cliId, dev: devId },
  en: { ...en, cli: cliEn, dev: devEn },
};

/** The table of a language. */
export function messages(lang: Lang): Messages {
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

/** The language of messages: `--lang` if given, else the site config's `language`; Indonesian when the config cannot be read. */
export async function languageOf(flag: Lang | undefined, configFile: string | undefined): Promise<Lang> {
  if (flag !== undefined) return flag;
  if (configFile === undefined) return 'id';
  const { config, problems } = await loadConfig(configFile, false);
  return problems.length ? 'id' : readLang(config.language);
}
