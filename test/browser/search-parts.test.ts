import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { build } from '../../src/build/build.js';
import { TEST_CONFIG } from '../support/fixtures.js';
import { launchChromium, serveSite, type StaticSite } from '../support/static-site.js';

/**
 * The search page of a large archive: an archive of one article a year has one part of the
 * search index a year (parts are of one year), so a few dozen articles make as many parts as a
 * newsroom's archive of many thousands.
 */

const NEWEST = 2024;
/** In every article's body. */
const EVERYWHERE = 'laporan';
/** Only in the oldest article's body. */
const OLDEST_ONLY = 'purbakala';
const WAIT = { timeout: 30_000 };

let root: string;
let browser: Browser;
/** The same archive's newest 16 years, and 48 years of it. */
const sites: Record<'small' | 'large', StaticSite | undefined> = { small: undefined, large: undefined };

/** An archive of one article a year, from `NEWEST - years + 1` to `NEWEST`, built and served. */
async function archive(years: number): Promise<StaticSite> {
  const content = join(root, `content-${years}`);
  const oldest = NEWEST - years + 1;
  for (let year = oldest; year <= NEWEST; year++) {
    await mkdir(join(content, String(year)), { recursive: true });
    const body = `Ini ${EVERYWHERE} arsip tahun ${year} tentang warga kota.${year === oldest ? ` Naskah ${OLDEST_ONLY} ditemukan.` : ''}`;
    await writeFile(
      join(content, String(year), `catatan-${year}.md`),
      `---\ntitle: Catatan Tahun ${year}\nbyline: Redaksi\ncategory: ${year % 2 ? 'Ekonomi' : 'Politik'}\ndate: ${year}-06-15 10:00:00\n---\n${body}\n`,
    );
  }
  const out = join(root, `out-${years}`);
  const clock = { now: Date.UTC(2026, 0, 1), future: false };
  const result = await build({ content, out, config: TEST_CONFIG, clock, jobs: 2 });
  assert.ok(result.ok, JSON.stringify(result.problems));
  return serveSite(out);
}

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'warta-search-parts-'));
  [sites.small, sites.large, browser] = await Promise.all([archive(16), archive(48), launchChromium()]);
});

after(async () => {
  await browser?.close();
  await Promise.all(Object.values(sites).map((s) => s?.close()));
  if (root) await rm(root, { recursive: true, force: true });
});

/** A reader's first visit to a search's address, counting the requests for the search index until the page answers. */
async function firstSearch(site: StaticSite, query: string): Promise<{ page: Page; requests: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT.timeout);
  let requests = 0;
  page.on('request', (r) => void (new URL(r.url()).pathname.startsWith('/pagefind/') && requests++));
  await page.goto(`${site.url}/cari/?${query}`);
  await page.locator('[data-daftar] > li, [data-kosong]:visible').first().waitFor(WAIT);
  return { page, requests };
}

/** The publication days of the results shown, as their addresses carry them (`2024/06/15`). */
async function days(page: Page): Promise<string[]> {
  const links = await page
    .locator('[data-daftar] [data-judul]')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  return links.map((href) => href.slice(1, 11));
}

/** Asks for the older archive, and waits until it has been searched. */
async function searchOlder(page: Page): Promise<void> {
  const form = page.locator('[data-cari]');
  const searched = await form.getAttribute('data-dicari');
  await page.locator('[data-lama]').click();
  await page.waitForFunction(
    (before) => document.querySelector('[data-cari]')?.getAttribute('data-dicari') !== before,
    searched,
  );
}

test(
  'a first search asks for as many index files in an archive of 48 parts as in one of 16',
  { timeout: 90_000 },
  async () => {
    const small = await firstSearch(sites.small!, `q=${EVERYWHERE}`);
    const large = await firstSearch(sites.large!, `q=${EVERYWHERE}`);
    assert.equal(large.requests, small.requests);
    // Pagefind's script, worker, WebAssembly, and a few files for each part looked in: not all 48.
    assert.ok(large.requests < 48, `${large.requests} requests`);
    await small.page.context().close();
    await large.page.context().close();
  },
);

test(
  'results come newest first; the older archive is searched when asked, and its results follow',
  { timeout: 90_000 },
  async () => {
    const { page } = await firstSearch(sites.large!, `q=${EVERYWHERE}`);
    // The newest eight parts (2017 to 2024), newest first; the count says since when.
    const first = await days(page);
    assert.deepEqual(first, [...first].sort().reverse());
    assert.equal(first.length, 8);
    assert.equal(first[0], `${NEWEST}/06/15`);
    assert.equal(await page.locator('[data-jumlah]').innerText(), '8 berita ditemukan di arsip sejak Juni 2017.');
    assert.equal(await page.locator('[data-lagi]').isVisible(), false);
    await searchOlder(page);
    await page.locator('[data-lagi]').click();
    await page.locator('[data-daftar] > li').nth(23).waitFor(WAIT);
    const more = await days(page);
    assert.deepEqual(more.slice(0, 8), first);
    assert.deepEqual(more, [...more].sort().reverse());
    assert.equal(await page.locator('[data-jumlah]').innerText(), '24 berita ditemukan di arsip sejak Juni 2001.');
    await page.context().close();
  },
);

test('a word only in the oldest part is found, a few steps into the older archive', { timeout: 90_000 }, async () => {
  const { page } = await firstSearch(sites.large!, `q=${OLDEST_ONLY}`);
  const none = page.locator('[data-kosong]');
  assert.equal(await none.innerText(), 'Tidak ada berita yang cocok dengan pencarian ini di arsip sejak Juni 2017.');
  let steps = 0;
  while (await page.locator('[data-lama]').isVisible()) {
    await searchOlder(page);
    steps++;
  }
  // 8 parts, then 16, then 32: the 48 years in three searches.
  assert.equal(steps, 2);
  assert.equal(await none.isVisible(), false);
  assert.deepEqual(await days(page), [`${NEWEST - 47}/06/15`]);
  assert.equal(await page.locator('[data-jumlah]').innerText(), '1 berita ditemukan.');
  await page.context().close();
});

test("a year filter looks in that year's part alone, however old", { timeout: 90_000 }, async () => {
  const { page, requests } = await firstSearch(sites.large!, `q=${EVERYWHERE}&tahun=1980`);
  assert.deepEqual(await days(page), ['1980/06/15']);
  assert.equal(await page.locator('[data-jumlah]').innerText(), '1 berita ditemukan.');
  assert.equal(await page.locator('[data-lama]').isVisible(), false);
  const small = await firstSearch(sites.small!, `q=${EVERYWHERE}`);
  assert.ok(requests < small.requests, `${requests} requests`);
  await small.page.context().close();
  await page.context().close();
});
