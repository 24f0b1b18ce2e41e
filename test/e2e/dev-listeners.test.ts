import assert from 'node:assert/strict';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { request, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { EVENTS_PATH } from '../../src/dev/page.js';
import { parseTimestamp } from '../../src/time.js';
import { MAX_LISTENERS, startDevServer, type DevServer } from '../../src/dev/server.js';
import { fixturePath } from '../support/fixtures.js';

let site: string;
let server: DevServer;

before(async () => {
  site = await mkdtemp(join(tmpdir(), 'warta-listeners-'));
  await cp(fixturePath('basic-site'), site, { recursive: true });
  const now = parseTimestamp('2026-01-01 00:00:00');
  assert.ok(now.ok);
  server = await startDevServer({
    content: join(site, 'content'),
    config: join(site, 'warta.config.json'),
    out: join(site, '.warta-dev'),
    port: 0,
    now: now.instant,
    log: () => {},
  });
  assert.ok((await server.ready).ok);
});

after(async () => {
  await server?.close();
  await rm(site, { recursive: true, force: true });
});

/** Opens the live-reload stream: its status, once the first event came (200) or the body ended (anything else). */
function listen(): Promise<{ status: number; body: string; req: ClientRequest }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: EVENTS_PATH }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
        if (res.statusCode === 200 && body.includes('event: state')) done({ status: 200, body, req });
      });
      res.on('end', () => done({ status: res.statusCode!, body, req }));
    });
    req.on('error', (e) => (req.destroyed ? undefined : fail(e)));
    req.end();
  });
}

test(`the live-reload endpoint holds at most ${MAX_LISTENERS} pages; past that it answers 503, and a closed page frees its place`, async () => {
  const open = [];
  try {
    for (let i = 0; i < MAX_LISTENERS; i++) open.push(await listen());
    assert.ok(open.every((l) => l.status === 200));
    const refused = await listen();
    assert.equal(refused.status, 503);
    assert.match(refused.body, new RegExp(`${MAX_LISTENERS} halaman sudah menunggu muat ulang`));
    // The pages themselves are still served, with the client that tells a refused page it has no live reload.
    const html = await (await fetch(server.url)).text();
    assert.match(html, /muat ulang otomatis mati untuk halaman ini/);

    open.pop()!.req.destroy();
    // The server learns of the closed socket when its 'close' event comes: ask until then.
    let again = await listen();
    for (let tries = 1; again.status === 503 && tries < 1000; tries++) again = await listen();
    assert.equal(again.status, 200);
    open.push(again);
  } finally {
    for (const l of open) l.req.destroy();
  }
});
