// Reading the command line: its options, the values they take, and the usage errors they give.
// A usage error carries a code and values; the reader's language words it (see ../cli.ts).

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve, sep } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { readBaseUrl } from '../config.js';
import type { MessageParams } from '../errors.js';
import { languageOf, type Lang, type UsageCode } from '../messages/index.js';
import { parseTimestamp } from '../time.js';

/** A usage error: the CLI's own, reported with exit code 2. */
export class UsageError extends Error {
  constructor(
    /** What is wrong; each language's table words it. */
    readonly code: UsageCode,
    /** The values the message names: options, folders, the value found (quoted where it is the user's). */
    readonly params: MessageParams = {},
  ) {
    super(code);
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `argv` strictly against `options`, positionals allowed; an option it cannot take is a UsageError naming it. */
export function parseCommandLine<T extends Options>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (e) {
    if (!(e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) throw e;
    throw badOption(argv, options) ?? new UsageError('arguments', { detail: (e as Error).message });
  }
}

/** The first option of `argv` that `options` does not know or that has a value where it takes none, or none where it needs one. */
function badOption(argv: string[], options: Options): UsageError | undefined {
  const { tokens } = parseArgs({ args: argv, allowPositionals: true, strict: false, tokens: true, options });
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const option = Object.hasOwn(options, t.name) ? options[t.name] : undefined;
    if (!option) return new UsageError('unknown-option', { option: t.rawName });
    if (option.type === 'boolean' && t.value !== undefined) return new UsageError('no-value', { option: t.rawName });
    // As node:util reads it: an option's value in the next argument may not start with "-".
    if (option.type === 'string' && (t.value === undefined || (!t.inlineValue && t.value.startsWith('-'))))
      return new UsageError('missing-value', { option: t.rawName });
  }
  return undefined;
}

/** The language to speak before a command has read its config: a valid `--lang`, else the config's `language`. */
export function argvLanguage(argv: string[]): Promise<Lang> {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: { lang: { type: 'string' }, config: { type: 'string' } },
  });
  const flag = values.lang === 'id' || values.lang === 'en' ? values.lang : undefined;
  return languageOf(flag, typeof values.config === 'string' ? values.config : 'warta.config.json');
}

/** `--lang`: `id`, `en`, or not given. */
export function readLangFlag(value: string | undefined): Lang | undefined {
  if (value === undefined || value === 'id' || value === 'en') return value;
  throw new UsageError('lang', { value: JSON.stringify(value) });
}

/** `--base-url` (or init's `--url`): an absolute http(s) URL, without its trailing slash. */
export function readBaseUrlFlag(value: string | undefined, option = '--base-url'): string | undefined {
  if (value === undefined) return undefined;
  const url = readBaseUrl(value);
  if (url === undefined) throw new UsageError('url', { option, value: JSON.stringify(value) });
  return url;
}

/** The templates folder: the one named, else `templates` if present. */
export function templatesFolder(named: string | undefined): string | undefined {
  return named ?? (existsSync('templates') ? 'templates' : undefined);
}

/** The static folder: the one named, which must exist, or `static` if present; apart from the content folder, and not holding the output folder. */
export function staticFolder(
  named: string | undefined,
  content: string,
  outDir: string | undefined,
): string | undefined {
  if (named !== undefined && !existsSync(named)) throw new UsageError('static-missing', { folder: named });
  const folder = named ?? (existsSync('static') ? 'static' : undefined);
  if (folder === undefined) return undefined;
  const within = (a: string, b: string) => resolve(a) === resolve(b) || resolve(a).startsWith(resolve(b) + sep);
  if (within(folder, content) || within(content, folder))
    throw new UsageError('static-content', { static: folder, content });
  if (outDir !== undefined && within(outDir, folder))
    throw new UsageError('out-in-static', { out: outDir, static: folder });
  return folder;
}

/** `--port`: 0 to 65535, or `otherwise`. */
export function readPort(value: string | undefined, otherwise: number): number {
  if (value === undefined) return otherwise;
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new UsageError('port', { value: JSON.stringify(value) });
  return Number(value);
}

/** `--now` (or new's `--at`): any accepted timestamp, as an instant; the current time when not given. */
export function readClock(value: string | undefined, option = '--now'): number {
  if (value === undefined) return Date.now();
  const parsed = parseTimestamp(value);
  if (!parsed.ok) throw new UsageError('clock', { ...parsed.expected, option, value: JSON.stringify(value) });
  return parsed.instant;
}

/** `--jobs`: a whole number of threads; by default the machine's cores, at most 8. */
export function readJobs(value: string | undefined): number {
  if (value === undefined) return Math.max(1, Math.min(availableParallelism(), 8));
  if (!/^[1-9]\d*$/.test(value)) throw new UsageError('jobs', { value: JSON.stringify(value) });
  return Number(value);
}
