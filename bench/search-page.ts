/**
 * A reader's first search on a built site's search page, in Chromium.
 *
 *   node lib/bench/search-page.js <output-folder> [--words korupsi,nelayan] [--runs 3] [--mobile]
 *
 * Serves the folder as a static host would (on this machine: no network delay), then, for each
 * word and run, opens `/cari/?q=<word>` in a fresh browser context (an empty cache, as on a
 * reader's first visit) and waits for the first result, or for the note that none was found.
 * It counts the requests the page made until then (the page itself, its stylesheet and script
 * included), the bytes served, and the time; then, while the page offers to search the older
 * archive, it asks for that, and counts what searching the whole archive took. With `--mobile`
 * the browser's network is slowed to a phone's on mobile data (Chrome's "Slow 4G": 150 ms
 * round trips, 1.6 Mbit/s down, 750 kbit/s up).
 *
 * Prints a table, then one line of JSON (the last line of stdout). Progress goes to stderr.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchChromium, serveSite, type StaticSite } from '../test/support/static-site.js';
import { log, median } from './shared.js';

/** What one first search cost. */
interface Visit {
  /** To the first results (or "none found"). */
  first: Cost;
  /** To the whole archive searched, after asking for the older parts as often as the page offers. */
  whole: Cost & { steps: number };
}

/** Requests the browser made, bytes the server sent, milliseconds since the page was asked for. */
interface Cost {
  requests: number;
  kib: number;
  ms: number;
}

const SLOW_4G = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    words: { type: 'string', default: 'korupsi,nelayan' },
    runs: { type: 'string', default: '3' },
    mobile: { type: 'boolean', default: false },
  },
});
const [dir] = positionals;
if (!dir) throw new Error('usage: node lib/bench/search-page.js <output-folder> [--words a,b] [--runs N]');
const site = await serveSite(dir);
const browser = await launchChromium();
try {
  const rows: { word: string; runs: Visit[] }[] = [];
  for (const word of values.words.split(',')) {
    const runs: Visit[] = [];
    for (let r = 0; r < Number(values.runs); r++) {
      runs.push(await visit(browser, site, word));
      log(`${word} run ${r + 1}: ${JSON.stringify(runs[r])}, load ${loadavg()[0]!.toFixed(1)}`);
    }
    rows.push({ word, runs });
  }
  const summary = rows.map(({ word, runs }) => ({
    word,
    first: medians(runs.map((v) => v.first)),
    whole: { ...medians(runs.map((v) => v.whole)), steps: runs[0]!.whole.steps },
  }));
  console.log('| word | first results: requests, KiB, ms | whole archive: requests, KiB, ms, steps |');
  console.log('|---|---|---|');
  for (const { word, first, whole } of summary)
    console.log(
      `| ${word} | ${first.requests}, ${first.kib}, ${first.ms} | ${whole.requests}, ${whole.kib}, ${whole.ms}, ${whole.steps} |`,
    );
  console.log(JSON.stringify({ site: dir, mobile: values.mobile, load: loadavg()[0], summary }));
} finally {
  await browser.close();
  await site.close();
}

/** One reader's first search for `word`, then the rest of the archive. */
async function visit(browser: Browser, site: StaticSite, word: string): Promise<Visit> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(600_000);
  if (values.mobile) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  }
  let requests = 0;
  page.on('request', () => requests++);
  site.reset();
  const started = performance.now();
  const cost = (): Cost => ({
    requests,
    kib: Math.round(site.served.reduce((sum, s) => sum + s.bytes, 0) / 1024),
    ms: Math.round(performance.now() - started),
  });
  await page.goto(`${site.url}/cari/?q=${encodeURIComponent(word)}`);
  const answered = page.locator('[data-daftar] > li, [data-kosong]:visible');
  await answered.first().waitFor();
  const first = cost();
  // Each step asks for older parts (a page without the button searched them all at once).
  const older = page.locator('[data-lama]');
  let steps = 0;
  while ((await older.count()) && (await older.isVisible())) {
    const searched = await page.locator('[data-cari]').getAttribute('data-dicari');
    await older.click();
    await page.waitForFunction(
      (before) => document.querySelector('[data-cari]')?.getAttribute('data-dicari') !== before,
      searched,
    );
    steps++;
  }
  const whole = { ...cost(), steps };
  await context.close();
  return { first, whole };
}

/** The median of each figure. */
function medians(costs: readonly Cost[]): Cost {
  return {
    requests: median(costs.map((c) => c.requests)),
    kib: median(costs.map((c) => c.kib)),
    ms: median(costs.map((c) => c.ms)),
  };
}
