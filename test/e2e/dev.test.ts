import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, test } from 'node:test';
import { main } from '../../src/cli.js';
import { startDevServer, type DevServer } from '../../src/dev/server.js';
import { formatProblem } from '../../src/messages/format.js';
import { ROOT } from '../support/fixtures.js';
import { ARTICLE, DevSite, h1, NOW, PAGE, TITLE, timeout } from '../support/dev-site.js';

let dev: DevSite;
let site: string;
let server: DevServer;
let original: string;
let logs: string[];

const save = (text: string, path?: string) => dev.save(text, path);
const page = (path?: string) => dev.page(path);

/** A raw GET, so the path reaches the server exactly as written (fetch would normalise `..`). */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => done({ status: res.statusCode!, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

before(async () => {
  dev = await DevSite.open();
  ({ site, server, original, logs } = dev);
});

after(() => dev?.close());

test('serves the built site with the reload client injected, never written to disk', async () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  const { status, html, headers } = await page();
  assert.equal(status, 200);
  assert.equal(headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(headers.get('cache-control'), 'no-store');
  assert.equal(h1(html), TITLE);
  assert.match(html, /new EventSource\("\/__warta\/events"\)[\s\S]*<\/script>\n<\/body>/);
  assert.doesNotMatch(html, /<div id="warta-dev-overlay"/);
  const onDisk = await readFile(join(server.out, PAGE, 'index.html'), 'utf8');
  assert.doesNotMatch(onDisk, /__warta/);
  assert.equal(Buffer.byteLength(html), Number(headers.get('content-length')));
});

test('paths: folders, redirects, content types, 404 and no way out of the output folder', async () => {
  const redirect = await fetch(server.url + PAGE.slice(0, -1) + '?x=1', { redirect: 'manual' });
  assert.equal(redirect.status, 301);
  assert.equal(redirect.headers.get('location'), `/${PAGE}?x=1`);
  await redirect.text();
  for (const [path, type] of [
    ['', 'text/html; charset=utf-8'],
    ['assets/style.css', 'text/css; charset=utf-8'],
    ['images/moskow.svg', 'image/svg+xml'],
    ['feed.xml', 'application/xml; charset=utf-8'],
    ['robots.txt', 'text/plain; charset=utf-8'],
  ] as const) {
    const res = await fetch(server.url + path);
    assert.equal(res.status, 200, path);
    assert.equal(res.headers.get('content-type'), type, path);
    assert.equal(res.headers.get('cache-control'), 'no-store', path);
    const body = Buffer.from(await res.arrayBuffer());
    if (path && !path.endsWith('/')) assert.deepEqual(body, await readFile(join(server.out, path)), path);
  }
  const head = await fetch(server.url + 'images/moskow.svg', { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(
    Number(head.headers.get('content-length')),
    (await readFile(join(server.out, 'images/moskow.svg'))).length,
  );
  const missing = await page('tidak/ada/');
  assert.equal(missing.status, 404);
  assert.equal(missing.headers.get('cache-control'), 'no-store');
  assert.match(missing.html, /__warta\/events/);
  const site404 = await readFile(join(server.out, '404.html'), 'utf8');
  assert.ok(
    missing.html.startsWith(site404.slice(0, site404.toLowerCase().lastIndexOf('</body>'))),
    "the site's own 404.html",
  );
  for (const path of [
    '/../warta.config.json',
    '/%2e%2e/warta.config.json',
    '/..%2fwarta.config.json',
    '/images/..%2f..%2fwarta.config.json',
    '/%5c..%5cwarta.config.json',
    '/%00',
    '/%E0%A4%A',
  ]) {
    const res = await rawGet(path);
    assert.ok(res.status === 400 || res.status === 404, `${path}: ${res.status}`);
    assert.doesNotMatch(res.body, /Warta Uji.*pageSize|"baseUrl"/s, path);
  }
  // A page of another site pointing its own host name at 127.0.0.1 (DNS rebinding) gets nothing.
  assert.equal((await rawGet(`/${PAGE}`, { Host: 'evil.example' })).status, 403);
  assert.equal((await rawGet(`/${PAGE}`, { Host: `localhost:${server.port}` })).status, 200);
  const post = await fetch(server.url, { method: 'POST', body: 'x' });
  assert.equal(post.status, 405);
  await post.text();
});

test('a saved title shows after the rebuild, timed from the file event', async () => {
  const event = await save(original.replace(TITLE, 'Harga Beras Stabil'));
  assert.ok(event.ok);
  assert.deepEqual(event.changed, [join(site, ARTICLE)]);
  assert.equal(event.fresh, false);
  assert.ok(event.ms >= 0 && event.ms < 15_000, String(event.ms));
  assert.equal(h1((await page()).html), 'Harga Beras Stabil');
  assert.ok(
    logs.some((l) => /^warta: rebuilt in \d+ ms \(from file event to files written\)/.test(l)),
    logs.join('\n'),
  );
});

test('the static folder is served from the root, and a file added to it, hidden folders too, or removed, is picked up', async () => {
  assert.equal((await page('CNAME')).html, 'warta.example\n');
  // Put in place whole, by a rename: a file written in place may give a change event after its add, and a rebuild of its own.
  await writeFile(join(site, 'security.txt'), 'Contact: mailto:redaksi@warta.example\n');
  const rebuilt = server.nextRebuild();
  await rename(join(site, 'security.txt'), join(site, 'static', '.well-known', 'security.txt'));
  const added = await timeout(rebuilt, 'the rebuild after adding security.txt');
  assert.ok(added.ok, added.problems.map((p) => formatProblem(p, 'en')).join('\n'));
  assert.equal((await page('.well-known/security.txt')).html, 'Contact: mailto:redaksi@warta.example\n');
  const next = server.nextRebuild();
  await rm(join(site, 'static', 'CNAME'));
  assert.ok((await timeout(next, 'the rebuild after removing CNAME')).ok);
  assert.equal((await page('CNAME')).status, 404);
});

/** Listens to the Server-Sent Events stream, collecting its text. */
function listen(): { text: () => string; close: () => void; until: (re: RegExp) => Promise<void> } {
  let text = '';
  const waiters: { re: RegExp; done: () => void }[] = [];
  const req = request({ host: '127.0.0.1', port: server.port, path: '/__warta/events' }, (res) => {
    assert.equal(res.headers['content-type'], 'text/event-stream; charset=utf-8');
    res.setEncoding('utf8');
    res.on('data', (d) => {
      text += d;
      for (const w of [...waiters]) if (w.re.test(text)) (waiters.splice(waiters.indexOf(w), 1), w.done());
    });
  });
  req.on('error', () => {});
  req.end();
  return {
    text: () => text,
    close: () => req.destroy(),
    until: (re) =>
      timeout(
        new Promise<void>((done) => (re.test(text) ? done() : waiters.push({ re, done }))),
        `an event matching ${re}`,
      ),
  };
}

test('broken front matter: the overlay names file and line, the last good page stays, a fix recovers', async () => {
  await save(original.replace(TITLE, 'Versi Baik'));
  const events = listen();
  try {
    await events.until(/event: state\ndata: \{"version":"[^"]+"\}\n\n/);
    const broken = await save(original.replace(`title: ${TITLE}`, 'title: [rusak'));
    assert.equal(broken.ok, false);
    const { status, html } = await page();
    assert.equal(status, 200);
    assert.equal(h1(html), 'Versi Baik', 'the last good page is still served');
    assert.match(html, /<div id="warta-dev-overlay"/);
    assert.match(html, /content\/ekonomi\/harga-beras\.md:2 the list opened with \[ on this line is never closed/);
    await events.until(
      /event: problems\ndata: .*harga-beras\.md:2 the list opened with \[ on this line is never closed/,
    );
    assert.match((await page('')).html, /<div id="warta-dev-overlay"/, 'every page has the overlay');
    assert.ok(logs.some((l) => /harga-beras\.md:2 the list opened with \[ on this line is never closed/.test(l)));
    assert.ok(
      logs.some((l) => /^warta: rebuild failed with 1 error after \d+ ms; still serving the last good pages/.test(l)),
    );

    const fixed = await save(original.replace(TITLE, 'Versi Perbaikan'));
    assert.ok(fixed.ok);
    await events.until(/event: reload\n/);
    const after = await page();
    assert.equal(h1(after.html), 'Versi Perbaikan');
    assert.doesNotMatch(after.html, /<div id="warta-dev-overlay"/);
  } finally {
    events.close();
  }
});

test('the overlay escapes what it shows', async () => {
  const broken = await save('---\ntitle: Uji\n---\n', 'content/<img src=x onerror=alert(1)>.md');
  try {
    assert.equal(broken.ok, false);
    const { html } = await page();
    assert.match(html, /&#60;img src=x onerror=alert\(1\)&#62;\.md/);
    assert.doesNotMatch(html, /<img src=x/);
  } finally {
    const next = server.nextRebuild();
    await rm(join(site, 'content/<img src=x onerror=alert(1)>.md'));
    assert.ok((await timeout(next, 'the rebuild after removing the file')).ok);
  }
});

test('a config change makes a new engine; a broken config goes to the overlay, not a crash', async () => {
  const config = await readFile(join(site, 'warta.config.json'), 'utf8');
  const broken = await save('{"pageSize": 0}', 'warta.config.json');
  assert.equal(broken.ok, false);
  assert.equal(broken.fresh, true);
  assert.match((await page()).html, /warta\.config\.json pageSize: expected a positive whole number, got 0/);
  const renamed = await save(config.replace('"Warta Uji"', '"Warta Dev"'), 'warta.config.json');
  assert.ok(renamed.ok);
  assert.equal(renamed.fresh, true);
  assert.equal(renamed.changed, undefined);
  const { html } = await page();
  assert.match(html, /<title>[^<]* - Warta Dev<\/title>/);
  assert.doesNotMatch(html, /<div id="warta-dev-overlay"/);
});

test('while warta dev runs, a build into its folder is refused and its pages stay', async () => {
  const before = (await page()).html;
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'warta.js'), 'build', '--out', '.warta-dev', '--now', NOW, '--quiet', '--lang', 'en'],
    { cwd: site, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const code = await timeout(new Promise<number | null>((done) => child.on('close', done)), 'the refused build');
  assert.equal(code, 1);
  assert.match(
    err,
    new RegExp(
      `^\\.\\.warta-dev\\.lock another warta \\(process ${process.pid}, since .+ WIB\\) is writing \\.warta-dev/`,
      'm',
    ),
  );
  assert.equal((await page()).html, before);
});

test('warta dev on the command line: prints the URL, serves, and stops cleanly on SIGTERM', async () => {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'warta.js'), 'dev', '--port', '0', '--out', '.warta-cli', '--now', NOW, '--jobs', '1'],
    { cwd: site, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr.setEncoding('utf8');
  const url = new Promise<string>((done) =>
    child.stderr.on('data', (d: string) => {
      err += d;
      const m = / di (http:\/\/127\.0\.0\.1:\d+\/)/.exec(err);
      if (m && /warta: build selesai dalam \d+ ms/.test(err)) done(m[1]!);
    }),
  );
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  try {
    const base = await timeout(url, `the URL and first build (stderr: ${err})`);
    // In the site's language, Bahasa Indonesia, without --lang.
    assert.match(err, /^warta dev: menyajikan \.warta-cli\/ di http:\/\/127\.0\.0\.1:\d+\/ \(memantau content, /m);
    const res = await fetch(base + PAGE);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /__warta\/events/);
    child.kill('SIGTERM');
    assert.equal(await timeout(exited, 'warta dev to exit after SIGTERM', 10_000), 0);
    assert.match(err, /^warta: berhenti$/m);
  } finally {
    child.kill('SIGKILL');
  }
});

test('a taken port means the next free one', async () => {
  const taken = createServer();
  await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
  const port = (taken.address() as AddressInfo).port;
  let other: DevServer | undefined;
  try {
    other = await startDevServer({
      content: join(site, 'content'),
      config: join(site, 'warta.config.json'),
      out: join(site, '.warta-port'),
      port,
      log: () => {},
    });
    assert.ok(other.port > port && other.port < port + 20, `${other.port} after ${port}`);
    assert.equal(other.url, `http://127.0.0.1:${other.port}/`);
    await timeout(other.ready, "the other server's first build");
  } finally {
    await other?.close();
    await new Promise((done) => taken.close(done));
  }
});

test('warta dev usage errors exit 2', async () => {
  const err = new PassThrough();
  let text = '';
  err.on('data', (d) => (text += d));
  const run = (...args: string[]) =>
    main(
      ['dev', '--content', join(site, 'content'), '--lang', 'en', ...args],
      new PassThrough() as unknown as NodeJS.WriteStream,
      err as unknown as NodeJS.WriteStream,
    );
  assert.equal(await run('--port', 'delapan'), 2);
  assert.match(text, /--port: expected a port number/);
  assert.equal(await run('--out', site), 2);
  assert.match(text, /holds the content folder/);
  assert.equal(
    await main(
      ['build', '--content', join(site, 'content'), '--port', '8080'],
      new PassThrough() as unknown as NodeJS.WriteStream,
      err as unknown as NodeJS.WriteStream,
    ),
    2,
  );
});
