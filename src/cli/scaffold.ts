// `warta init` and `warta new`: each reads its own options, writes new files, and says what it
// wrote in the reader's language.

import { languageOf, messages } from '../messages/index.js';
import { parseCommandLine, readBaseUrlFlag, readClock, readLangFlag, UsageError } from './args.js';

/** `warta init`: its own options only; the new site's files are listed on stderr. */
export async function initCommand(argv: string[], err: NodeJS.WriteStream): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    title: { type: 'string' },
    url: { type: 'string' },
    lang: { type: 'string' },
  });
  const [, dir = '.', extra] = positionals;
  if (extra !== undefined) throw new UsageError('unexpected-argument', { value: extra });
  if (values.title !== undefined && !values.title.trim()) throw new UsageError('site-title');
  const baseUrl = readBaseUrlFlag(values.url, '--url');
  const lang = await languageOf(readLangFlag(values.lang), 'warta.config.json');
  const { InitError, initSite } = await import('../scaffold/init.js');
  let files;
  try {
    files = initSite({ dir, title: values.title?.trim(), baseUrl });
  } catch (e) {
    if (!(e instanceof InitError)) throw e;
    if (e.reason === 'not-folder') throw new UsageError('init-not-folder', { folder: e.folder });
    const held = `${e.entries.slice(0, 3).join(', ')}${e.entries.length > 3 ? ', …' : ''}`;
    throw new UsageError('init-not-empty', { folder: e.folder, held });
  }
  err.write(
    messages(lang).cli.initDone(
      dir,
      files.map((f) => f.path),
      baseUrl !== undefined,
    ),
  );
  return 0;
}

/** `warta new`: its own options only; prints the new article's path. */
export async function newCommand(argv: string[], out: NodeJS.WriteStream, err: NodeJS.WriteStream): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    content: { type: 'string', default: 'content' },
    category: { type: 'string' },
    byline: { type: 'string' },
    at: { type: 'string' },
    config: { type: 'string' },
    lang: { type: 'string' },
  });
  const [, title, extra] = positionals;
  if (extra !== undefined) throw new UsageError('title-unquoted', { value: extra });
  if (!title?.trim()) throw new UsageError('new-title');
  const at = values.at === undefined ? Date.now() : readClock(values.at, '--at');
  const lang = await languageOf(readLangFlag(values.lang), values.config ?? 'warta.config.json');
  const { NewArticleError, writeNewArticle } = await import('../scaffold/new-article.js');
  try {
    out.write(
      `${writeNewArticle({ content: values.content, title, category: values.category, byline: values.byline, at })}\n`,
    );
    return 0;
  } catch (e) {
    if (!(e instanceof NewArticleError)) throw e;
    if (e.reason === 'slug') throw new UsageError('new-slug', { title: JSON.stringify(title) });
    err.write(`${messages(lang).cli.newExists(e.subject)}\n`);
    return 1;
  }
}
