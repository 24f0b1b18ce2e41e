import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { parseTimestamp } from '../../src/time.js';
import { startDevServer, type DevServer } from '../../src/dev/server.js';
import { findChromium, type FoundChromium } from '../support/chromium.js';
import { fixturePath } from '../support/fixtures.js';

const ARTICLE = 'content/ekonomi/harga-beras.md';
const PAGE = '2025/03/20/harga-beras/';
const TITLE = 'Pemerintah Tahan Harga Beras Jelang Lebaran';
const WAIT = { timeout: 15_000 };

let site: string;
let server: DevServer | undefined;
let browser: Browser | undefined;
let found: FoundChromium;
let original: string;

before(async () => {
  // No skipping: a browser is always found (at worst the one an npm devDependency ships).
  found = await findChromium();
  site = await mkdtemp(join(tmpdir(), 'warta-browser-'));
  await cp(join(fixturePath('basic-site'), 'content'), join(site, 'content'), { recursive: true });
  await cp(join(fixturePath('basic-site'), 'warta.config.json'), join(site, 'warta.config.json'));
  original = await readFile(join(site, ARTICLE), 'utf8');
  const now = parseTimestamp('2026-01-01 00:00:00');
  assert.ok(now.ok);
  server = await startDevServer({
    content: join(site, 'content'),
    config: join(site, 'warta.config.json'),
    out: join(site, '.warta-dev'),
    port: 0,
    now: now.instant,
    jobs: 1,
    log: () => {},
  });
  assert.ok((await server.ready).ok);
  browser = await chromium.launch({
    executablePath: found.executablePath,
    env: found.env,
    headless: true,
    timeout: 30_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (site) await rm(site, { recursive: true, force: true });
});

test('an open article follows the edits: new title, error overlay, recovery', { timeout: 90_000 }, async (t) => {
  t.diagnostic(`browser: ${found.from}, ${browser!.version()}`);
  const page = await browser!.newPage();
  page.setDefaultTimeout(WAIT.timeout);
  await page.goto(server!.url + PAGE);
  const h1 = page.locator('h1.article__title');
  assert.equal(await h1.textContent(), TITLE);

  // Edited right away: a page whose event stream connects after the rebuild reloads too.
  await writeFile(join(site, ARTICLE), original.replace(TITLE, 'Harga Beras Turun di Pasar Induk'));
  await page.locator('h1.article__title', { hasText: 'Harga Beras Turun di Pasar Induk' }).waitFor(WAIT);
  assert.equal(await page.title(), 'Harga Beras Turun di Pasar Induk - Warta Uji');

  // A broken save: the overlay arrives over the event stream, without a reload.
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  await writeFile(join(site, ARTICLE), original.replace(`title: ${TITLE}`, 'title: [rusak'));
  const overlay = page.locator('#warta-dev-overlay');
  await overlay.waitFor({ state: 'visible', ...WAIT });
  assert.match(
    (await overlay.textContent())!,
    /content\/ekonomi\/harga-beras\.md:2 daftar yang dibuka dengan \[ di baris ini tidak ditutup/,
  );
  assert.match((await overlay.textContent())!, /warta dev: build ulang terakhir gagal dengan 1 kesalahan/);
  assert.equal(
    await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
    true,
    'the overlay came without a reload',
  );
  assert.equal(
    await h1.textContent(),
    'Harga Beras Turun di Pasar Induk',
    'the last good page stays under the overlay',
  );

  // A reload while broken still shows the last good page, with the overlay served in it.
  await page.reload();
  await overlay.waitFor({ state: 'visible', ...WAIT });
  assert.equal(await h1.textContent(), 'Harga Beras Turun di Pasar Induk');

  // The fix: the page reloads by itself, the overlay is gone.
  await writeFile(join(site, ARTICLE), original.replace(TITLE, 'Harga Beras Kembali Normal'));
  await page.locator('h1.article__title', { hasText: 'Harga Beras Kembali Normal' }).waitFor(WAIT);
  assert.equal(await overlay.count(), 0);
  await page.close();
});
