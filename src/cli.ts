import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { build, type BuildResult } from './build/build.js';
import { check, problemsGithub, problemsJson } from './build/check.js';
import { progressReporter } from './build/progress.js';
import { loadConfig, readBaseUrl } from './config.js';
import { hasErrors, type Problem } from './errors.js';
import { formatProblem } from './messages/format.js';
import { messages, readLang, timeExpected, type Lang, type ReportCounts } from './messages/index.js';
import { checkOutput } from './output/ownership.js';
import { formatIso, formatLong, parseTimestamp } from './time.js';

const HELP = `warta — a static site generator for news archives

Usage:
  warta build [options]     build the archive into the output folder
  warta dev [options]       build into .warta-dev/, serve it on http://127.0.0.1:8080/ and rebuild
                            on every save of the content, templates or config; open pages reload
                            by themselves and show errors over the page; Ctrl-C stops it
  warta check [options]     check the whole archive (articles, templates, links between articles)
                            as build would, and write nothing
  warta init [DIR] [--title T] [--url URL]
                            write a new site repository into DIR (default: the current folder),
                            which must be new or empty: package.json, warta.config.json, two
                            example articles, templates/, .gitignore and deploy examples for
                            GitHub Pages and GitLab Pages
  warta new TITLE [--category C] [--byline B] [--at TIMESTAMP] [--content DIR]
                            start a draft article: writes content/YYYY/MM/<slug>.md (the WIB date
                            of now or --at; the slug from the title) and prints its path; never
                            replaces a file (exit 1)
  warta --help | --version

Options:
  --content DIR      the archive of Markdown articles (default: content)
  --out DIR          the output folder (default: dist; for dev: .warta-dev), replaced whole by every
                     build: it must be missing, empty, or one warta built (it holds .warta-output)
  --templates DIR    the site's own templates, overriding the default theme (default: templates, if present)
  --static DIR       files published at the site's root as they are, e.g. CNAME (default: static, if present)
  --config FILE      the site config (default: warta.config.json, if present)
  --base-url URL     the deployed site's address, e.g. https://berita.example, for feeds, sitemaps
                     and canonical links (default: "baseUrl" in the config; build needs one of them;
                     dev: the config's, else its own address; check: the config's, if any)
  --now TIMESTAMP    the build clock, e.g. "2025-04-02 15:22:12" (WIB); default: the current time
  --future           publish articles dated after the clock too
  --clean            build: ignore the build cache (.warta-cache/ beside the output) and rebuild everything
  --jobs N           threads for parsing and rendering (default: the machine's cores)
  --port N           dev: the port on 127.0.0.1 (default: 8080, or the next free one; 0: any free port)
  --quiet            build, check: no progress display and no summary line (unless it failed);
                     dev: only the URL and errors
  --format FORMAT    check: print problems to stdout as "text" (one line each, as build prints
                     them), "json" (an array of {severity, file, line, column, field, code,
                     message}; absent values are null; schemas/check-output.schema.json) or
                     "github" (GitHub Actions annotations) (default: text)
  --lang LANG        build, check, dev: messages in "id" (Bahasa Indonesia) or "en" (English)
                     (default: "en" when the config's "language" is English, else "id")

Exit codes: 0 built; 1 content or template errors, or another build writing the output folder
(the output is left as it was); 2 usage or config errors, or an output folder warta refuses
(init: also a folder that is not empty).
warta check: 0 no errors (warnings allowed); 1 errors; 2 usage or config errors.
warta dev runs until Ctrl-C (then 0); 2 on usage errors, a refused output folder, or no free port.
Content, template and config errors while it runs never stop it: they are shown in the terminal
and on the page.
`;

/** Usage errors: the CLI's own, reported with exit code 2. */
class UsageError extends Error {}

/** Runs the command line; returns the exit code. The only place that decides one. */
export async function main(
  argv: string[],
  out: NodeJS.WriteStream = process.stdout,
  err: NodeJS.WriteStream = process.stderr,
): Promise<number> {
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
      out: { type: 'string' },
      templates: { type: 'string' },
      static: { type: 'string' },
      config: { type: 'string' },
      'base-url': { type: 'string' },
      now: { type: 'string' },
      future: { type: 'boolean', default: false },
      clean: { type: 'boolean', default: false },
      jobs: { type: 'string' },
      port: { type: 'string' },
      format: { type: 'string' },
      lang: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      title: { type: 'string' },
      url: { type: 'string' },
      category: { type: 'string' },
      byline: { type: 'string' },
      at: { type: 'string' },
      help: { type: 'boolean', default: false },
      version: { type: 'boolean', default: false },
    },
  });
  if (values.help) return (out.write(HELP), 0);
  if (values.version) return (out.write(`${packageVersion()}\n`), 0);
  const [command, ...rest] = positionals;
  if (command === 'init') return initCommand(argv, err);
  if (command === 'new') return newCommand(argv, out, err);
  const newOnly = (['category', 'byline', 'at'] as const).find((k) => values[k] !== undefined);
  if (newOnly) throw new UsageError(`--${newOnly} is for "warta new" only`);
  if (values.title !== undefined || values.url !== undefined)
    throw new UsageError(`--${values.title !== undefined ? 'title' : 'url'} is for "warta init" only`);
  if (command !== 'build' && command !== 'dev' && command !== 'check')
    throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  if (!existsSync(values.content)) throw new UsageError(`the content folder "${values.content}" does not exist`);
  if (command !== 'check' && values.format !== undefined) throw new UsageError('--format is for "warta check" only');
  values.static = staticFolder(values.static, values.content, command === 'build' ? (values.out ?? 'dist') : undefined);
  if (command === 'check') return checkCommand(values, out, err);
  if (command === 'dev') return dev(values, err);
  if (values.port !== undefined) throw new UsageError('--port is for "warta dev" only');
  if (values.clean && command !== 'build') throw new UsageError('--clean is for "warta build" only');
  const outDir = values.out ?? 'dist';
  const configFile = values.config ?? 'warta.config.json';
  const templates = values.templates ?? (existsSync('templates') ? 'templates' : undefined);
  const refused = checkOutput({
    out: outDir,
    content: values.content,
    templates,
    static: values.static,
    config: configFile,
  });
  const flagLang = readLangFlag(values.lang);
  if (refused) return (report([refused], err, flagLang ?? 'id'), 2);
  const { config: settings, problems } = await loadConfig(configFile, values.config !== undefined);
  if (problems.length) return (report(problems, err, flagLang ?? 'id'), 2);
  const lang = flagLang ?? readLang(settings.language);
  const baseUrl = readBaseUrlFlag(values['base-url']) ?? settings.baseUrl;
  if (baseUrl === undefined)
    throw new UsageError(
      `the site's address is missing: set "baseUrl" in ${configFile} (e.g. "https://berita.example") or pass --base-url`,
    );
  const config = { ...settings, baseUrl };
  const progress = values.quiet ? undefined : progressReporter(err);
  const result = await build({
    content: values.content,
    out: outDir,
    templates,
    static: values.static,
    config,
    clock: { now: readClock(values.now), future: values.future },
    jobs: readJobs(values.jobs),
    cache: values.clean ? 'clean' : 'use',
    progress: progress?.update,
  });
  progress?.end();
  report(result.problems, err, lang);
  if (!values.quiet || !result.ok) err.write(`${summary(result, outDir, lang)}\n`);
  return hasErrors(result.problems) ? 1 : 0;
}

/** `warta check`: the build pipeline with nothing written; problems go to stdout, as text or JSON. */
async function checkCommand(
  values: {
    content: string;
    out?: string;
    templates?: string;
    static?: string;
    config?: string;
    'base-url'?: string;
    now?: string;
    future: boolean;
    jobs?: string;
    port?: string;
    quiet: boolean;
    format?: string;
    lang?: string;
  },
  out: NodeJS.WriteStream,
  err: NodeJS.WriteStream,
): Promise<number> {
  if (values.out !== undefined) throw new UsageError('--out: "warta check" writes nothing');
  if (values.port !== undefined) throw new UsageError('--port is for "warta dev" only');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'github')
    throw new UsageError(`--format: expected "text", "json" or "github", got ${JSON.stringify(format)}`);
  const flagLang = readLangFlag(values.lang);
  let lang = flagLang ?? 'id';
  const print = (problems: readonly Problem[]) =>
    out.write(
      format === 'json'
        ? problemsJson(problems, lang)
        : format === 'github'
          ? problemsGithub(problems, lang)
          : problems.map((p) => `${formatProblem(p, lang)}\n`).join(''),
    );
  const { config: settings, problems } = await loadConfig(
    values.config ?? 'warta.config.json',
    values.config !== undefined,
  );
  if (problems.length) return (print(problems), 2);
  lang = flagLang ?? readLang(settings.language);
  // Checking writes nothing: without an address, one that no link can name stands in.
  const config = {
    ...settings,
    baseUrl: readBaseUrlFlag(values['base-url']) ?? settings.baseUrl ?? 'https://base-url.invalid',
  };
  const clock = { now: readClock(values.now), future: values.future };
  const progress = values.quiet ? undefined : progressReporter(err);
  const result = await check({
    content: values.content,
    templates: values.templates ?? (existsSync('templates') ? 'templates' : undefined),
    static: values.static,
    config,
    clock,
    jobs: readJobs(values.jobs),
    progress: progress?.update,
  });
  progress?.end();
  print(result.problems);
  if (!values.quiet || !result.ok) err.write(`${checkSummary(result, lang)}\n`);
  return hasErrors(result.problems) ? 1 : 0;
}

/** What a build found, for its summary line. */
function counts(r: BuildResult): ReportCounts {
  const errors = r.problems.filter((p) => p.severity === 'error').length;
  const nextDue = r.nextDue !== undefined ? { long: formatLong(r.nextDue), iso: formatIso(r.nextDue) } : undefined;
  return {
    errors,
    warnings: r.problems.length - errors,
    published: r.published,
    drafts: r.drafts,
    heldBack: r.heldBack,
    nextDue,
  };
}

/** The one-line summary of `warta check`. */
export function checkSummary(r: BuildResult, lang: Lang): string {
  return messages(lang).report.check(counts(r));
}

/** `warta dev`: serves until SIGINT or SIGTERM, then closes the watcher and the server. */
async function dev(
  values: {
    content: string;
    out?: string;
    templates?: string;
    static?: string;
    config?: string;
    'base-url'?: string;
    now?: string;
    future: boolean;
    jobs?: string;
    port?: string;
    quiet: boolean;
    lang?: string;
  },
  err: NodeJS.WriteStream,
): Promise<number> {
  // Loaded here: the server and the watcher cost every other command a tenth of a second at start.
  const { DEFAULT_PORT, DEV_OUT, DevServerError, startDevServer, untilSignal } = await import('./dev/server.js');
  const places = {
    content: values.content,
    out: values.out ?? DEV_OUT,
    templates: values.templates ?? (existsSync('templates') ? 'templates' : undefined),
    static: values.static,
    config: values.config ?? 'warta.config.json',
  };
  const lang = readLangFlag(values.lang);
  const refused = checkOutput(places);
  if (refused) return (report([refused], err, lang ?? 'id'), 2);
  const options = {
    lang,
    ...places,
    configRequired: values.config !== undefined,
    baseUrl: readBaseUrlFlag(values['base-url']),
    port: readPort(values.port, DEFAULT_PORT),
    now: values.now === undefined ? undefined : readClock(values.now),
    future: values.future,
    jobs: readJobs(values.jobs),
    quiet: values.quiet,
    log: (line: string) => void err.write(`${line}\n`),
  };
  let server;
  try {
    server = await startDevServer(options);
  } catch (e) {
    if (e instanceof DevServerError) throw new UsageError(e.message);
    throw e;
  }
  await untilSignal();
  err.write('warta: stopping\n');
  await server.close();
  return 0;
}

/** `warta init`: its own options only; the new site's files are listed on stderr. */
async function initCommand(argv: string[], err: NodeJS.WriteStream): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { title: { type: 'string' }, url: { type: 'string' } },
  });
  const [, dir = '.', extra] = positionals;
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  if (values.title !== undefined && !values.title.trim()) throw new UsageError("--title: expected the site's name");
  const baseUrl = readBaseUrlFlag(values.url, '--url');
  const { InitError, initSite } = await import('./scaffold/init.js');
  let files;
  try {
    files = initSite({ dir, title: values.title?.trim(), baseUrl });
  } catch (e) {
    if (e instanceof InitError) throw new UsageError(e.message);
    throw e;
  }
  const cd = dir === '.' ? '' : `  cd ${dir}\n`;
  const address = baseUrl ? '' : ' (first set "baseUrl" in warta.config.json to the site\'s address)';
  err.write(
    `warta: wrote a new site of ${files.length} files into ${dir === '.' ? 'this folder' : `${dir}/`}:\n${files.map((f) => `  ${f.path}\n`).join('')}Next:\n${cd}  npm install\n  npm run dev       preview the site, updated on every save\n  npm run build     build it into dist/${address}\n`,
  );
  return 0;
}

/** `warta new`: its own options only; prints the new article's path. */
async function newCommand(argv: string[], out: NodeJS.WriteStream, err: NodeJS.WriteStream): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      content: { type: 'string', default: 'content' },
      category: { type: 'string' },
      byline: { type: 'string' },
      at: { type: 'string' },
    },
  });
  const [, title, extra] = positionals;
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}" (put the title in quotes)`);
  if (!title?.trim()) throw new UsageError('expected the title: warta new "Judul artikel"');
  const at = values.at === undefined ? Date.now() : readClock(values.at, '--at');
  const { NewArticleError, writeNewArticle } = await import('./scaffold/new-article.js');
  try {
    out.write(
      `${writeNewArticle({ content: values.content, title, category: values.category, byline: values.byline, at })}\n`,
    );
    return 0;
  } catch (e) {
    if (!(e instanceof NewArticleError)) throw e;
    if (e.reason === 'slug')
      throw new UsageError(`cannot make a slug from the title ${JSON.stringify(title)}: it needs a letter or digit`);
    err.write(`warta: ${e.subject} already exists; nothing was written\n`);
    return 1;
  }
}

function readBaseUrlFlag(value: string | undefined, flag = '--base-url'): string | undefined {
  if (value === undefined) return undefined;
  const url = readBaseUrl(value);
  if (url === undefined)
    throw new UsageError(
      `${flag}: expected an absolute http(s) URL, e.g. "https://berita.example", got ${JSON.stringify(value)}`,
    );
  return url;
}

/** The static folder: the one named, which must exist, or `static` if present; apart from the content folder, and not holding the output folder. */
function staticFolder(named: string | undefined, content: string, outDir: string | undefined): string | undefined {
  if (named !== undefined && !existsSync(named)) throw new UsageError(`the static folder "${named}" does not exist`);
  const folder = named ?? (existsSync('static') ? 'static' : undefined);
  if (folder === undefined) return undefined;
  const within = (a: string, b: string) => resolve(a) === resolve(b) || resolve(a).startsWith(resolve(b) + sep);
  if (within(folder, content) || within(content, folder))
    throw new UsageError(
      `the static folder "${folder}" and the content folder "${content}" must be apart, neither inside the other`,
    );
  if (outDir !== undefined && within(outDir, folder))
    throw new UsageError(`the output folder "${outDir}" is inside the static folder "${folder}"; choose another --out`);
  return folder;
}

function readPort(value: string | undefined, otherwise: number): number {
  if (value === undefined) return otherwise;
  if (!/^\d+$/.test(value) || Number(value) > 65535)
    throw new UsageError(`--port: expected a port number from 0 to 65535, got ${JSON.stringify(value)}`);
  return Number(value);
}

function readClock(value: string | undefined, flag = '--now'): number {
  if (value === undefined) return Date.now();
  const parsed = parseTimestamp(value);
  if (!parsed.ok)
    throw new UsageError(`${flag}: expected ${timeExpected(parsed.expected, 'en')}, got ${JSON.stringify(value)}`);
  return parsed.instant;
}

function readJobs(value: string | undefined): number {
  if (value === undefined) return Math.max(1, Math.min(availableParallelism(), 8));
  if (!/^[1-9]\d*$/.test(value))
    throw new UsageError(`--jobs: expected a whole number of threads, got ${JSON.stringify(value)}`);
  return Number(value);
}

function readLangFlag(value: string | undefined): Lang | undefined {
  if (value === undefined || value === 'id' || value === 'en') return value;
  throw new UsageError(`--lang: expected "id" or "en", got ${JSON.stringify(value)}`);
}

function report(problems: readonly Problem[], err: NodeJS.WriteStream, lang: Lang): void {
  for (const p of problems) err.write(`${formatProblem(p, lang)}\n`);
}

/** The one-line summary a newsroom's scheduler and CI logs read. */
export function summary(r: BuildResult, outDir: string, lang: Lang): string {
  const seconds = Object.values(r.stages)
    .reduce((a, b) => a + b, 0)
    .toFixed(2);
  const report = messages(lang).report;
  // Refused a change to the output (another user's files), a build may have failed half-way through replacing it.
  const kept = r.problems.some((p) => p.code === 'output-permission') ? undefined : outDir;
  if (!r.ok) return report.buildFailed(counts(r), kept);
  const incremental = r.incremental
    ? { written: r.written, removed: r.removed, parsed: r.parsed, rendered: r.rendered }
    : undefined;
  return report.built(counts(r), { out: outDir, files: r.files, incremental, images: r.images }, seconds);
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
