import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startDevServer } from '../../src/dev/server.js';
import { cli } from '../support/cli.js';
import { formatProblem } from '../../src/messages/format.js';
import { fixturePath } from '../support/fixtures.js';

/** The site's address: `warta build` needs one and never makes one up; dev and check do without. */

const NOW = '2026-01-01 00:00:00';
let site: string;
before(async () => {
  site = await mkdtemp(join(tmpdir(), 'warta-base-url-'));
  await cp(join(fixturePath('basic-site'), 'content'), join(site, 'content'), { recursive: true });
  const config = JSON.parse(await readFile(join(fixturePath('basic-site'), 'warta.config.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  delete config.baseUrl;
  await writeFile(join(site, 'warta.config.json'), JSON.stringify(config));
});
after(() => rm(site, { recursive: true, force: true }));

test('warta build without a baseUrl is a usage error naming the key to set, and writes nothing', async () => {
  const { code, err } = await cli(site, 'build', '--now', NOW, '--quiet');
  assert.equal(code, 2);
  assert.match(
    err,
    /^warta: alamat situs belum ada: isi "baseUrl" di warta\.config\.json \(mis\. "https:\/\/berita\.example"\) atau berikan --base-url$/m,
  );
  assert.equal(existsSync(join(site, 'dist')), false);
  assert.equal(existsSync(join(site, '.warta-cache')), false);
});

test("--base-url gives the address, over the config's; a bad one is a usage error", async () => {
  const { code, err } = await cli(site, 'build', '--now', NOW, '--quiet', '--base-url', 'https://berita.example/');
  assert.equal(code, 0, err);
  const feed = await readFile(join(site, 'dist', 'feed.xml'), 'utf8');
  assert.match(feed, /<link>https:\/\/berita\.example\/2025\/04\/02\/wang-yi-lavrov-moskow\/<\/link>/);
  await writeFile(join(site, 'alamat.json'), JSON.stringify({ baseUrl: 'https://lama.example' }));
  assert.equal(
    (await cli(site, 'build', '--now', NOW, '--quiet', '--config', 'alamat.json', '--base-url', 'https://baru.example'))
      .code,
    0,
  );
  assert.match(await readFile(join(site, 'dist', 'feed.xml'), 'utf8'), /https:\/\/baru\.example\//);
  for (const bad of ['berita.example', 'ftp://berita.example', '']) {
    const r = await cli(site, 'build', '--now', NOW, '--base-url', bad, '--lang', 'en');
    assert.equal(r.code, 2, bad);
    assert.match(r.err, /--base-url: expected an absolute http\(s\) URL/);
  }
});

test('warta check works without a baseUrl', async () => {
  const { code, err } = await cli(site, 'check', '--now', NOW, '--quiet');
  assert.equal(code, 0, err);
});

test('warta dev without a baseUrl builds for its own address', async () => {
  const server = await startDevServer({
    content: join(site, 'content'),
    config: join(site, 'warta.config.json'),
    out: join(site, '.warta-dev'),
    port: 0,
    jobs: 1,
    log: () => {},
  });
  try {
    const first = await server.ready;
    assert.ok(first.ok, first.problems.map((p) => formatProblem(p, 'en')).join('\n'));
    const html = await (await fetch(`${server.url}2025/04/02/wang-yi-lavrov-moskow/`)).text();
    assert.match(html, new RegExp(`<link rel="canonical" href="${server.url}2025/04/02/wang-yi-lavrov-moskow/">`));
  } finally {
    await server.close();
  }
});
