// The command line: which command runs, and the exit code. Each command lives in src/cli/, the
// words it prints in src/messages/.

import { existsSync, readFileSync } from 'node:fs';
import { languageOf, messages } from './messages/index.js';
import { argvLanguage, readLangFlag, staticFolder, UsageError } from './cli/args.js';
import { buildCommand } from './cli/build.js';
import { checkCommand } from './cli/check.js';
import { devCommand } from './cli/dev.js';
import { parseOptions } from './cli/options.js';
import { initCommand, newCommand } from './cli/scaffold.js';

/** Runs the command line; returns the exit code. The only place that decides one. */
export async function main(
  argv: string[],
  out: NodeJS.WriteStream = process.stdout,
  err: NodeJS.WriteStream = process.stderr,
): Promise<number> {
  try {
    return await run(argv, out, err);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    const texts = messages(await argvLanguage(argv)).cli;
    err.write(`warta: ${texts.usage[e.code](e.params)}\n${texts.seeHelp}\n`);
    return 2;
  }
}

async function run(argv: string[], out: NodeJS.WriteStream, err: NodeJS.WriteStream): Promise<number> {
  const { values, positionals } = parseOptions(argv);
  if (values.help) {
    const lang = await languageOf(readLangFlag(values.lang), values.config ?? 'warta.config.json');
    return (out.write(messages(lang).cli.help), 0);
  }
  if (values.version) return (out.write(`${packageVersion()}\n`), 0);
  const [command, ...rest] = positionals;
  if (command === 'init') return initCommand(argv, err);
  if (command === 'new') return newCommand(argv, out, err);
  const newOnly = (['category', 'byline', 'at'] as const).find((k) => values[k] !== undefined);
  if (newOnly) throw new UsageError('only-for', { option: `--${newOnly}`, command: 'new' });
  const initOnly = (['title', 'url'] as const).find((k) => values[k] !== undefined);
  if (initOnly) throw new UsageError('only-for', { option: `--${initOnly}`, command: 'init' });
  if (command !== 'build' && command !== 'dev' && command !== 'check')
    throw command ? new UsageError('unknown-command', { command }) : new UsageError('no-command');
  if (rest.length) throw new UsageError('unexpected-argument', { value: rest[0] });
  if (!existsSync(values.content)) throw new UsageError('content-missing', { folder: values.content });
  if (command !== 'check' && values.format !== undefined)
    throw new UsageError('only-for', { option: '--format', command: 'check' });
  values.static = staticFolder(values.static, values.content, command === 'build' ? (values.out ?? 'dist') : undefined);
  if (command === 'check') return checkCommand(values, out, err);
  if (command === 'dev') return devCommand(values, err);
  return buildCommand(values, err);
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
