import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { build, type BuildResult } from './build.js';
import { loadConfig } from './config.js';
import { formatProblem, hasErrors, type Problem } from './errors.js';
import { progressReporter } from './progress.js';
import { formatIso, formatLong, parseTimestamp } from './time.js';

const HELP = `warta — a static site generator for news archives

Usage:
  warta build [options]     build the archive into the output folder
  warta --help | --version

Options:
  --content DIR      the archive of Markdown articles (default: content)
  --out DIR          the output folder (default: dist)
  --templates DIR    the site's own templates, overriding the default theme (default: templates, if present)
  --config FILE      the site config (default: warta.config.json, if present)
  --now TIMESTAMP    the build clock, e.g. "2025-04-02 15:22:12" (WIB); default: the current time
  --future           publish articles dated after the clock too
  --jobs N           threads for parsing and rendering (default: the machine's cores)
  --quiet            no progress display and no summary line

Exit codes: 0 built; 1 content or template errors (the output is left as it was); 2 usage or config errors.
`;

/** Usage errors: the CLI's own, reported with exit code 2. */
class UsageError extends Error {}

/** Runs the command line; returns the exit code. The only place that decides one. */
export async function main(argv: string[], out: NodeJS.WriteStream = process.stdout, err: NodeJS.WriteStream = process.stderr): Promise<number> {
  try {
    return await run(argv, out, err);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err.write(`warta: ${(e as Error).message}\nRun "warta --help" for usage.\n`);
      return 2;
    }
    throw e;
  }
}

async function run(argv: string[], out: NodeJS.WriteStream, err: NodeJS.WriteStream): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      content: { type: 'string', default: 'content' },
      out: { type: 'string', default: 'dist' },
      templates: { type: 'string' },
      config: { type: 'string' },
      now: { type: 'string' },
      future: { type: 'boolean', default: false },
      jobs: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
      version: { type: 'boolean', default: false },
    },
  });
  if (values.help) return out.write(HELP), 0;
  if (values.version) return out.write(`${packageVersion()}\n`), 0;
  const [command, ...rest] = positionals;
  if (command !== 'build') throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  if (!existsSync(values.content)) throw new UsageError(`the content folder "${values.content}" does not exist`);
  const { config, problems } = await loadConfig(values.config ?? 'warta.config.json', values.config !== undefined);
  if (problems.length) return report(problems, err), 2;
  const progress = values.quiet ? undefined : progressReporter(err);
  const result = await build({
    content: values.content,
    out: values.out,
    templates: values.templates ?? (existsSync('templates') ? 'templates' : undefined),
    config,
    clock: { now: readClock(values.now), future: values.future },
    jobs: readJobs(values.jobs),
    progress: progress?.update,
  });
  progress?.end();
  report(result.problems, err);
  if (!values.quiet || !result.ok) err.write(`${summary(result, values.out)}\n`);
  return hasErrors(result.problems) ? 1 : 0;
}

function readClock(value: string | undefined): number {
  if (value === undefined) return Date.now();
  const parsed = parseTimestamp(value);
  if (!parsed.ok) throw new UsageError(`--now: expected ${parsed.expected}, got ${JSON.stringify(value)}`);
  return parsed.instant;
}

function readJobs(value: string | undefined): number {
  if (value === undefined) return Math.max(1, Math.min(availableParallelism(), 8));
  if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`--jobs: expected a whole number of threads, got ${JSON.stringify(value)}`);
  return Number(value);
}

function report(problems: readonly Problem[], err: NodeJS.WriteStream): void {
  for (const p of problems) err.write(`${formatProblem(p)}\n`);
}

/** The one-line summary a newsroom's scheduler and CI logs read. */
export function summary(r: BuildResult, outDir: string): string {
  const seconds = Object.values(r.stages).reduce((a, b) => a + b, 0).toFixed(2);
  const errors = r.problems.filter((p) => p.severity === 'error').length;
  const warnings = r.problems.length - errors;
  const held = r.heldBack ? `, ${r.heldBack} held back (next due ${formatLong(r.nextDue!)} = ${formatIso(r.nextDue!)})` : '';
  const drafts = r.drafts ? `, ${r.drafts} draft${r.drafts > 1 ? 's' : ''}` : '';
  const notes = `${warnings ? `, ${warnings} warning${warnings > 1 ? 's' : ''}` : ''}`;
  if (!r.ok) return `warta: build failed with ${errors} error${errors > 1 ? 's' : ''}${notes}; ${outDir}/ was left as it was`;
  return `warta: ${r.published} articles published${held}${drafts}, ${r.files} files written to ${outDir}/ in ${seconds} s${notes}`;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
