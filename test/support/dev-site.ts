import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startDevServer, type DevServer, type RebuildEvent } from '../../src/dev/server.js';
import { formatProblem } from '../../src/messages/format.js';
import { parseTimestamp } from '../../src/time.js';
import { fixturePath } from './fixtures.js';

/** The clock `warta dev` runs on in the tests. */
export const NOW = '2026-01-01 00:00:00';
/** The article the tests edit, its page, and its title as the fixture has it. */
export const ARTICLE = 'content/ekonomi/harga-beras.md';
export const PAGE = '2025/03/20/harga-beras/';
export const TITLE = 'Pemerintah Tahan Harga Beras Jelang Lebaran';

/** Rejects after `ms` instead of hanging the suite. */
export function timeout<T>(promise: Promise<T>, what: string, ms = 15_000): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error(`timed out waiting for ${what}`)), ms))),
  ]);
}

/** An editor saving a file several times, 5 ms apart (argv: file, JSON list of texts). */
export const EDITOR = `
import { writeFileSync } from 'node:fs';
const [file, texts] = [process.argv[1], JSON.parse(process.argv[2])];
const pause = new Int32Array(new SharedArrayBuffer(4));
texts.forEach((text, i) => {
  if (i) Atomics.wait(pause, 0, 0, 5);
  writeFileSync(file, text);
});
`;

/** A page's first heading. */
export function h1(html: string): string | undefined {
  return /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1];
}

/** `warta dev` serving a copy of the basic-site fixture (with a static folder) from a folder of its own. */
export class DevSite {
  private constructor(
    readonly site: string,
    readonly server: DevServer,
    /** The edited article's text as the fixture has it. */
    readonly original: string,
    /** What the server logged. */
    readonly logs: string[],
  ) {}

  /** Copies the fixture and starts the server, waiting for its first build. */
  static async open(): Promise<DevSite> {
    const site = await mkdtemp(join(tmpdir(), 'warta-dev-'));
    await cp(join(fixturePath('basic-site'), 'content'), join(site, 'content'), { recursive: true });
    await cp(join(fixturePath('basic-site'), 'warta.config.json'), join(site, 'warta.config.json'));
    const original = await readFile(join(site, ARTICLE), 'utf8');
    await mkdir(join(site, 'static', '.well-known'), { recursive: true });
    await writeFile(join(site, 'static', 'CNAME'), 'warta.example\n');
    const now = parseTimestamp(NOW);
    assert.ok(now.ok);
    const logs: string[] = [];
    const server = await startDevServer({
      content: join(site, 'content'),
      config: join(site, 'warta.config.json'),
      configRequired: true,
      out: join(site, '.warta-dev'),
      static: join(site, 'static'),
      port: 0,
      now: now.instant,
      jobs: 1,
      lang: 'en',
      log: (line) => logs.push(line),
    });
    const first = await timeout(server.ready, 'the first build');
    assert.ok(first.ok, first.problems.map((p) => formatProblem(p, 'en')).join('\n'));
    return new DevSite(site, server, original, logs);
  }

  async close(): Promise<void> {
    await this.server.close();
    await rm(this.site, { recursive: true, force: true });
  }

  /** Saves a file of the site (the article by default), and waits for the rebuild it causes. */
  async save(text: string, path = ARTICLE): Promise<RebuildEvent> {
    const next = this.server.nextRebuild();
    await writeFile(join(this.site, path), text);
    return timeout(next, `the rebuild after saving ${path}`);
  }

  /** A page as the server serves it. */
  async page(path = PAGE): Promise<{ status: number; html: string; headers: Headers }> {
    const res = await fetch(this.server.url + path);
    return { status: res.status, html: await res.text(), headers: res.headers };
  }

  /**
   * Waits until the server has handled every file event so far. An absence has no event to
   * wait for, but the events of one folder come in order: once a file saved beside the article
   * has been rebuilt, no event of the article's saves is still on its way. The file is removed
   * again, and that rebuild waited for too.
   */
  async settled(): Promise<void> {
    const fence = join(this.site, dirname(ARTICLE), 'pagar.txt');
    await this.rebuiltWith(fence, () => writeFile(fence, 'pagar'));
    await this.rebuiltWith(fence, () => rm(fence));
  }

  /** The rebuilds among `events` that built the article. */
  articleRebuilds(events: readonly RebuildEvent[]): RebuildEvent[] {
    return events.filter((e) => !e.changed || e.changed.includes(join(this.site, ARTICLE)));
  }

  /** Makes a change and waits for a rebuild that names `path` (or checks everything). */
  private rebuiltWith(path: string, change: () => Promise<void>): Promise<void> {
    const { rebuilds } = this.server;
    let seen: (e: RebuildEvent) => void = () => undefined;
    return timeout(
      new Promise<void>((done, fail) => {
        seen = (e) => (!e.changed || e.changed.includes(path)) && done();
        rebuilds.on('rebuild', seen);
        change().catch(fail);
      }).finally(() => rebuilds.off('rebuild', seen)),
      `the rebuild after changing ${path}`,
    );
  }
}
