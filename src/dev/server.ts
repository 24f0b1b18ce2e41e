// `warta dev`: builds the site into a scratch folder through the Engine, serves it on
// 127.0.0.1, rebuilds on every save and makes open pages reload by themselves. Errors while
// editing never stop it: they go to the terminal and to an overlay on the page, the last good
// pages keep being served, and the next good save recovers. Watching runs on a thread of its
// own (src/dev/watcher.ts).

import { EventEmitter } from 'node:events';
import { open, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { EVENTS_PATH, fallback404, injectDev, overlayHtml } from './page.js';
import { Batcher, type Batch } from './batcher.js';
import { show, type Paths } from './folders.js';
import { isHtml, lookup, type Lookup } from './static.js';
import { watchSources } from './watcher.js';
import { languageOf, messages } from '../messages/index.js';
import type { DevServerOptions, RebuildEvent } from './options.js';
import { Rebuilder } from './rebuilder.js';
import { checkOutput } from '../output/ownership.js';
import { DevServerError, HEADERS, HOST, listen, localHost, send, sse } from './http.js';

export { DevServerError, untilSignal } from './http.js';
export type { DevServerOptions, RebuildEvent } from './options.js';

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
  let good = 0;
  let version = `${instance}-0`;
  let overlay: string | undefined;
  let last: RebuildEvent | undefined;

  const nextRebuild = () => new Promise<RebuildEvent>((done) => rebuilds.once('rebuild', done));

  const broadcast = (event: string, data: unknown) => {
    const message = sse(event, data);
    for (const client of clients) client.write(message);
  };

  // The first lines come before the first build reads the config: in its language, if it can be read.
  const rebuilder = new Rebuilder(options, paths, await languageOf(options.lang, paths.config), {
    log,
    baseUrl: () => url.replace(/\/$/, ''),
    renew: () => batcher.add({ kind: 'renew' }, true),
  });
  const runBatch = async (batch: Batch): Promise<void> => {
    const event = await rebuilder.run(batch);
    last = event;
    if (event.ok) {
      version = `${instance}-${++good}`;
      overlay = undefined;
      broadcast('reload', { version });
    } else {
      overlay = overlayHtml(event.problems, rebuilder.lang);
      broadcast('problems', { version, overlay });
    }
    rebuilds.emit('rebuild', event);
  };

  const batcher = new Batcher(
    (batch) => runBatch(batch).catch((e: Error) => log(`warta: ${e.stack ?? e}`)),
    Math.max(options.debounceMs ?? DEBOUNCE_MS, DEBOUNCE_MS),
  );

  const respond = async (req: IncomingMessage, res: ServerResponse, retried = false): Promise<void> => {
    const target = req.url ?? '/';
    const texts = messages(rebuilder.lang).dev;
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
      if (found.kind !== 'file') return sendHtml(req, res, 404, fallback404(rebuilder.lang));
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
    const body = Buffer.from(injectDev(html, version, overlay, rebuilder.lang));
    res.writeHead(status, { ...HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const openEvents = (res: ServerResponse) => {
    // Each listener holds a socket open for as long as its page is: past the cap a page goes without live reload (its client says so).
    if (clients.size >= MAX_LISTENERS) {
      return send(
        res,
        503,
        'text/plain; charset=utf-8',
        `${messages(rebuilder.lang).dev.tooManyListeners(MAX_LISTENERS)}\n`,
        {
          'Retry-After': '10',
        },
      );
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
      log(messages(rebuilder.lang).dev.serveFailed(String(req.url), e.message));
      if (!res.headersSent)
        send(res, 500, 'text/plain; charset=utf-8', `${messages(rebuilder.lang).dev.internalError}\n`);
      else res.destroy();
    });
  });
  const port = await listen(server, options.port ?? DEFAULT_PORT);
  url = `http://${HOST}:${port}/`;
  const watched = [paths.content, paths.templates, paths.static, paths.config]
    .filter((p): p is string => !!p)
    .map(show);
  log(messages(rebuilder.lang).dev.serving(show(paths.out), url, watched));

  const ready = nextRebuild();
  batcher.add({ kind: 'renew' }, true);
  const watcher = watchSources(paths, {
    change: (change, at) => batcher.add(change, false, at),
    stir: (paths, at) => batcher.stir(paths, at),
    fail: (message) => log(messages(rebuilder.lang).dev.watchFailed(message)),
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
        clearInterval(heartbeat);
        await watcher.close();
        await batcher.stop();
        for (const client of clients) client.end();
        clients.clear();
        await new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
        await rebuilder.close();
      })();
      return closing;
    },
  };
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
