// `warta dev`: builds the site into a scratch folder through the Engine, serves it on
// 127.0.0.1, rebuilds on every save and makes open pages reload by themselves. Errors while
// editing never stop it: they go to the terminal and to an overlay on the page, the last good
// pages keep being served, and the next good save recovers. Watching runs on a thread of its
// own (src/dev/watcher.ts).

import { EventEmitter } from 'node:events';
import { open, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BuildResult } from '../build/build.js';
import { loadConfig, type SiteSettings } from '../config.js';
import { EVENTS_PATH, fallback404, injectDev, overlayHtml } from './page.js';
import { Batcher, type Batch } from './batcher.js';
import type { Paths } from './folders.js';
import { isHtml, lookup, type Lookup } from './static.js';
import { watchSources } from './watcher.js';
import { createEngine, type Engine } from '../build/engine.js';
import { error, hasErrors, type Problem } from '../errors.js';
import { formatProblem } from '../messages/format.js';
import { languageOf, messages, readLang, type Lang } from '../messages/index.js';
import { checkOutput } from '../output/ownership.js';
import { DevServerError, HEADERS, HOST, listen, localHost, send, sse } from './http.js';

export { DevServerError, untilSignal } from './http.js';

/** The default output folder of `warta dev`, so the published `dist/` is never touched. */
export const DEV_OUT = '.warta-dev';
/** The default port; when it is taken, the next free one is used. */
export const DEFAULT_PORT = 8080;

/**
 * Quiet time before a rebuild: raw file-system events (every write of a save) restart it, so
 * the writes of one save, or of a burst of saves, make one rebuild.
 */
const DEBOUNCE_MS = 20;
const HEARTBEAT_MS = 15_000;
/** Live-reload connections held at once; more open pages than this go without live reload. */
export const MAX_LISTENERS = 64;
const LONGEST_TIMER = 2 ** 31 - 1;

/** What `startDevServer` needs; paths are relative to the working directory or absolute. */
export interface DevServerOptions {
  /** The archive folder. */
  content: string;
  /** The site's own templates folder, if any (watched too). */
  templates?: string;
  /** The static folder, if any (watched too). */
  static?: string;
  /** The config file (watched; a change means a new engine). Missing and not required: defaults. */
  config?: string;
  /** Whether a missing config file is an error (it was named on the command line). */
  configRequired?: boolean;
  /** The site's address, over the config's; without either, the server's own. */
  baseUrl?: string;
  /** The output folder; default `.warta-dev`. */
  out?: string;
  /** The port; default 8080, or the next free one. 0: any free port. */
  port?: number;
  /** A fixed build clock (epoch ms). Default: the current time, re-read when a held-back article falls due. */
  now?: number;
  /** Publish articles dated after the clock too. */
  future?: boolean;
  /** Build threads; default 1. */
  jobs?: number;
  /** Quiet time after a file event before rebuilding, ms; default and minimum 20. */
  debounceMs?: number;
  /** Only the URL line and errors are logged. */
  quiet?: boolean;
  /** The language of messages, over the config's `language`. */
  lang?: Lang;
  /** Where log lines go (without newline); default: stderr. */
  log?: (line: string) => void;
}

/** One finished rebuild (the first build included). */
export interface RebuildEvent {
  /** 1 for the first build, then counting up. */
  seq: number;
  /** True when the output was written without errors; false leaves the last good output served. */
  ok: boolean;
  /** Every problem, errors and warnings (config problems when the config is broken). */
  problems: Problem[];
  /** Milliseconds from the batch's first file event (or the start) to the files written. */
  ms: number;
  /** The changed paths (absolute) passed to the engine; undefined when everything was checked. */
  changed?: string[];
  /** Whether a new engine was created (start, config change, clock renewal, after a crash). */
  fresh: boolean;
  /** The engine's result; absent when the config was broken or the build threw. */
  result?: BuildResult;
}

/** A running dev server. */
export interface DevServer {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  port: number;
  /** The absolute output folder being served. */
  out: string;
  /** Emits `rebuild` with a RebuildEvent after every build. */
  rebuilds: EventEmitter<{ rebuild: [RebuildEvent] }>;
  /** The first build. */
  ready: Promise<RebuildEvent>;
  /** The next build to finish (subscribe before making the change). */
  nextRebuild(): Promise<RebuildEvent>;
  /** The last finished build, if any. */
  last(): RebuildEvent | undefined;
  /** Stops watching, waits for a running build, closes the server and its connections. */
  close(): Promise<void>;
}

/** Starts the dev server: listening, watching, and the first build under way (see `ready`). */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const paths = resolvePaths(options);
  const rebuilds = new EventEmitter<{ rebuild: [RebuildEvent] }>();
  const clients = new Set<ServerResponse>();
  const instance = Date.now().toString(36);
  let builds = 0;
  let good = 0;
  let version = `${instance}-0`;
  let overlay: string | undefined;
  let last: RebuildEvent | undefined;
  let engine: Engine | undefined;
  let dueTimer: NodeJS.Timeout | undefined;

  const nextRebuild = () => new Promise<RebuildEvent>((done) => rebuilds.once('rebuild', done));

  const broadcast = (event: string, data: unknown) => {
    const message = sse(event, data);
    for (const client of clients) client.write(message);
  };

  // The first lines come before the first build reads the config: in its language, if it can be read.
  let lang: Lang = await languageOf(options.lang, paths.config);
  const runBatch = async (batch: Batch): Promise<void> => {
    const fresh = !engine || batch.renew;
    const changed = fresh || batch.everything ? undefined : [...batch.paths].sort();
    let result: BuildResult | undefined;
    let problems: Problem[];
    try {
      if (fresh) {
        await retire(engine);
        engine = undefined;
        const loaded = await loadConfig(paths.config, options.configRequired ?? false);
        if (loaded.problems.length) problems = loaded.problems;
        else {
          lang = options.lang ?? readLang(loaded.config.language);
          engine = createEngine(buildOptions(loaded.config));
          result = await engine.rebuild();
          problems = result.problems;
        }
      } else {
        result = await engine!.rebuild(changed);
        problems = result.problems;
      }
    } catch (e) {
      // A crashed engine may hold half-updated state: the next batch starts a fresh one.
      await retire(engine).catch(() => undefined);
      engine = undefined;
      result = undefined;
      problems = [error({ code: 'dev-build', params: { detail: String((e as Error).stack ?? e) } })];
    }
    const ms = Math.round(performance.now() - batch.firstAt);
    const ok = result?.ok === true && !hasErrors(problems);
    const event: RebuildEvent = { seq: ++builds, ok, problems, ms, changed, fresh, result };
    last = event;
    if (ok) {
      version = `${instance}-${++good}`;
      overlay = undefined;
      broadcast('reload', { version });
    } else {
      overlay = overlayHtml(problems, lang);
      broadcast('problems', { version, overlay });
    }
    report(event);
    scheduleDue(result);
    rebuilds.emit('rebuild', event);
  };

  const buildOptions = (settings: SiteSettings) => ({
    content: paths.content,
    out: paths.out,
    templates: paths.templates,
    static: paths.static,
    config: { ...settings, baseUrl: options.baseUrl ?? settings.baseUrl ?? url.replace(/\/$/, '') },
    clock: { now: options.now ?? Date.now(), future: options.future ?? false },
    jobs: options.jobs ?? 1,
  });

  /** Without a fixed clock, a held-back article is published when it falls due. */
  const scheduleDue = (result: BuildResult | undefined) => {
    if (options.now !== undefined || !result?.ok) return;
    clearTimeout(dueTimer);
    dueTimer = undefined;
    if (result.nextDue === undefined) return;
    const wait = Math.max(0, result.nextDue - Date.now()) + 1000;
    if (wait <= LONGEST_TIMER) dueTimer = setTimeout(() => batcher.add({ kind: 'renew' }, true), wait).unref();
  };

  let warned = new Set<string>();
  const report = (event: RebuildEvent) => {
    // Errors every time; a warning once, not again on every save while it stays.
    const warnings = new Set<string>();
    for (const p of event.problems) {
      const line = formatProblem(p, lang);
      if (p.severity === 'warning') warnings.add(line);
      if (p.severity === 'error' || (!options.quiet && !warned.has(line))) log(line);
    }
    if (event.result) warned = warnings;
    const first = event.seq === 1;
    const texts = messages(lang).dev;
    if (event.ok) {
      if (options.quiet) return;
      const { published, heldBack, drafts } = event.result!;
      log(texts.built({ first, ms: event.ms }, { published, heldBack, drafts, warnings: warnings.size }));
    } else {
      const errors = event.problems.filter((p) => p.severity === 'error').length;
      log(texts.failed({ first, ms: event.ms }, errors, show(paths.out)));
    }
  };

  const batcher = new Batcher(
    (batch) => runBatch(batch).catch((e: Error) => log(`warta: ${e.stack ?? e}`)),
    Math.max(options.debounceMs ?? DEBOUNCE_MS, DEBOUNCE_MS),
  );

  const respond = async (req: IncomingMessage, res: ServerResponse, retried = false): Promise<void> => {
    const target = req.url ?? '/';
    const texts = messages(lang).dev;
    // Unpublished and embargoed stories: only pages opened as this machine's own address get them,
    // never a web page that points a host name of its own at 127.0.0.1 (DNS rebinding).
    if (!localHost(req.headers.host)) return send(res, 403, 'text/plain; charset=utf-8', `${texts.forbidden(url)}\n`);
    if (target.split('?')[0] === EVENTS_PATH) return openEvents(res);
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain; charset=utf-8', `${texts.methodNotAllowed}\n`, { Allow: 'GET, HEAD' });
    let found = await lookup(paths.out, target);
    // The output folder is swapped in at the end of a build: a file may be missing for a moment.
    if (found.kind === 'missing' && batcher.busy && !retried) {
      await batcher.idle();
      found = await lookup(paths.out, target);
    }
    if (found.kind === 'bad') return send(res, 400, 'text/plain; charset=utf-8', `${texts.badRequest}\n`);
    if (found.kind === 'redirect')
      return send(res, 301, 'text/plain; charset=utf-8', `${texts.moved(found.location)}\n`, {
        Location: found.location,
      });
    let status = 200;
    if (found.kind === 'missing') {
      status = 404;
      found = await lookup(paths.out, '/404.html');
      if (found.kind !== 'file') return sendHtml(req, res, 404, fallback404(lang));
    }
    const sent = await sendFile(req, res, status, found as Extract<Lookup, { kind: 'file' }>);
    if (!sent) {
      if (retried) return send(res, 503, 'text/plain; charset=utf-8', `${texts.rebuilding}\n`);
      await batcher.idle();
      return respond(req, res, true);
    }
  };

  /** Sends a file, injecting the dev client into HTML; false when it vanished meanwhile. */
  const sendFile = async (
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    file: Extract<Lookup, { kind: 'file' }>,
  ): Promise<boolean> => {
    if (isHtml(file.type)) {
      let html: string;
      try {
        html = await readFile(file.abs, 'utf8');
      } catch {
        return false;
      }
      sendHtml(req, res, status, html);
      return true;
    }
    let handle;
    try {
      handle = await open(file.abs, 'r');
    } catch {
      return false;
    }
    const size = (await handle.stat()).size;
    res.writeHead(status, { ...HEADERS, 'Content-Type': file.type, 'Content-Length': size });
    if (req.method === 'HEAD') {
      await handle.close();
      res.end();
    } else pipeline(handle.createReadStream(), res).catch(() => res.destroy());
    return true;
  };

  const sendHtml = (req: IncomingMessage, res: ServerResponse, status: number, html: string) => {
    const body = Buffer.from(injectDev(html, version, overlay, lang));
    res.writeHead(status, { ...HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const openEvents = (res: ServerResponse) => {
    // Each listener holds a socket open for as long as its page is: past the cap a page goes without live reload (its client says so).
    if (clients.size >= MAX_LISTENERS) {
      return send(res, 503, 'text/plain; charset=utf-8', `${messages(lang).dev.tooManyListeners(MAX_LISTENERS)}\n`, {
        'Retry-After': '10',
      });
    }
    res.writeHead(200, {
      ...HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(`retry: 1000\n${sse('state', { version, overlay })}`);
    clients.add(res);
    res.on('close', () => clients.delete(res));
  };

  let url = '';
  const server = createServer((req, res) => {
    respond(req, res).catch((e: Error) => {
      log(messages(lang).dev.serveFailed(String(req.url), e.message));
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `${messages(lang).dev.internalError}\n`);
      else res.destroy();
    });
  });
  const port = await listen(server, options.port ?? DEFAULT_PORT);
  url = `http://${HOST}:${port}/`;
  const watched = [paths.content, paths.templates, paths.static, paths.config]
    .filter((p): p is string => !!p)
    .map(show);
  log(messages(lang).dev.serving(show(paths.out), url, watched));

  const ready = nextRebuild();
  batcher.add({ kind: 'renew' }, true);
  const watcher = watchSources(paths, {
    change: (change, at) => batcher.add(change, false, at),
    stir: (paths, at) => batcher.stir(paths, at),
    fail: (message) => log(messages(lang).dev.watchFailed(message)),
  });
  await watcher.ready;
  const heartbeat = setInterval(() => {
    for (const client of clients) client.write(': ping\n\n');
  }, HEARTBEAT_MS).unref();

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    out: paths.out,
    rebuilds,
    ready,
    nextRebuild,
    last: () => last,
    close() {
      closing ??= (async () => {
        clearTimeout(dueTimer);
        clearInterval(heartbeat);
        await watcher.close();
        await batcher.stop();
        for (const client of clients) client.end();
        clients.clear();
        await new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
        await retire(engine);
        engine = undefined;
      })();
      return closing;
    },
  };
}

/** An engine with resources to free may offer `close()`; today's does not. */
async function retire(engine: Engine | undefined): Promise<void> {
  await engine?.close();
}

/** The folders and file involved, absolute. */

function resolvePaths(options: DevServerOptions): Paths {
  const content = resolve(options.content);
  const templates = options.templates === undefined ? undefined : resolve(options.templates);
  const staticDir = options.static === undefined ? undefined : resolve(options.static);
  const config = options.config === undefined ? undefined : resolve(options.config);
  const out = resolve(options.out ?? DEV_OUT);
  // The output folder is replaced wholesale by every build: it must be warta's alone.
  const refused = checkOutput({ out: options.out ?? DEV_OUT, content, templates, static: staticDir, config });
  if (refused) throw new DevServerError({ problem: refused });
  return { content, templates, static: staticDir, config, out };
}

/** A path as the user would type it: relative to the working directory when inside it. */
function show(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !rel.startsWith(sep) ? rel : path;
}
