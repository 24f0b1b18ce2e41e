import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { build } from '../../src/build/build.js';
import { parseTimestamp } from '../../src/time.js';
import { listFiles, ROOT, siteConfig } from '../support/fixtures.js';
import { launchChromium, serveSite, type StaticSite } from '../support/static-site.js';

/** A word of one sample article's body, in no other article and not in its headline. */
const WORD = 'dasawarsa';
const ARTICLE = 'content/2025/04/wang-yi-lavrov-moskow.md';
const RESULT = {
  title: 'Di Moskow, Wang Yi dan Lavrov Sepakat Pererat Koordinasi Tiongkok–Rusia',
  category: 'International',
  date: 'Rabu, 2 April 2025 15:22:12 WIB',
  url: '/2025/04/02/wang-yi-lavrov-moskow/',
};
const WAIT = { timeout: 15_000 };

let out: string;
let server: StaticSite;
let url: string;
let browser: Browser;

before(async () => {
  out = await mkdtemp(join(tmpdir(), 'warta-search-browser-'));
  const now = parseTimestamp('2026-01-01 00:00:00');
  assert.ok(now.ok);
  // The sample archive, built as `warta build` builds it.
  const result = await build({
    content: join(ROOT, 'content'),
    out: join(out, 'dist'),
    config: await siteConfig(join(ROOT, 'warta.config.json')),
    clock: { now: now.instant, future: false },
    jobs: 2,
  });
  assert.ok(result.ok, JSON.stringify(result.problems));
  // The output served as a static host serves it.
  server = await serveSite(join(out, 'dist'));
  url = server.url;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

test(`the word "${WORD}" is in one sample article's body only`, async () => {
  const articles = (await listFiles(join(ROOT, 'content'))).filter((f) => f.endsWith('.md'));
  const having = [];
  for (const f of articles) if ((await readFile(join(ROOT, 'content', f), 'utf8')).includes(WORD)) having.push(f);
  assert.deepEqual(having, [ARTICLE.slice('content/'.length)]);
  assert.doesNotMatch(RESULT.title, new RegExp(WORD));
});

test(
  'a word typed into /cari/ finds its article: headline, category, WIB date and an excerpt',
  { timeout: 60_000 },
  async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Reached from every page's navigation.
    await page.goto(`${url}/`);
    await page.locator('.nav a', { hasText: 'Cari' }).click();
    await page.waitForURL(`${url}/cari/`);
    await page.locator('#cari-q').fill(WORD);
    const results = page.locator('[data-daftar] > li');
    await results.first().waitFor(WAIT);
    assert.equal(await results.count(), 1);
    const result = results.first();
    assert.equal(await result.locator('[data-judul]').textContent(), RESULT.title);
    assert.equal(await result.locator('[data-judul]').getAttribute('href'), RESULT.url);
    assert.equal(await result.locator('[data-kategori]').textContent(), RESULT.category);
    assert.equal(await result.locator('[data-tanggal]').textContent(), RESULT.date);
    assert.equal(await result.locator('[data-cuplikan] mark').first().textContent(), WORD);
    assert.equal(await page.locator('[data-jumlah]').innerText(), '1 berita ditemukan.');
    // The address carries the search: a link to it searches again.
    assert.equal(new URL(page.url()).searchParams.get('q'), WORD);

    // Filters: another category finds nothing; the article's own year and month find it.
    await page.selectOption('select[name="kategori"]', 'Ekonomi');
    await page.locator('[data-kosong]').waitFor({ state: 'visible', ...WAIT });
    await page.selectOption('select[name="kategori"]', '');
    await page.selectOption('select[name="bulan"]', '2025-04');
    await page.selectOption('select[name="tahun"]', '2025');
    await page.locator('[data-daftar] > li [data-judul]', { hasText: RESULT.title }).waitFor(WAIT);
    assert.equal(await page.locator('[data-kosong]').isVisible(), false);
    await page.goto(`${url}/cari/?q=${WORD}&tahun=2024`);
    await page.locator('[data-kosong]').waitFor({ state: 'visible', ...WAIT });
    assert.deepEqual(errors, []);
    await page.close();
  },
);

test('with JavaScript off, /cari/ says search needs it and points to the Indeks', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${url}/cari/?q=${WORD}`);
  const note = page.locator('.cari__catatan', { hasText: 'memerlukan JavaScript' });
  assert.equal(await note.isVisible(), true);
  assert.equal(await note.locator('a').getAttribute('href'), '/indeks/');
  await context.close();
});
