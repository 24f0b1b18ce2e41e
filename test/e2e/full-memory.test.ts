import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { build } from '../../src/build/build.js';
import { MemoryWriter } from '../../src/output/writer.js';
import { TEST_CONFIG } from '../support/fixtures.js';
import { writeArchive } from '../support/generate.js';

/**
 * What a full build holds while it renders pages: its feeds and sitemaps, at 100,000 articles
 * 180 MB of text, are written as soon as they are planned and let go, before any list page is
 * rendered (the writer sees them first), not held until their turn after the list pages.
 */
test('a full build writes its feeds and sitemaps before it renders the list pages', async () => {
  const content = await mkdtemp(join(tmpdir(), 'warta-full-memory-'));
  try {
    await writeArchive(content, { articles: 60, seed: 1, profile: 'news' });
    const writer = new MemoryWriter();
    const clock = { now: Date.UTC(2026, 0, 1), future: false };
    const result = await build({ content, out: 'unused', config: TEST_CONFIG, clock, jobs: 1, writer });
    assert.ok(result.ok, JSON.stringify(result.problems));
    const order = [...writer.files.keys()];
    const data = order.filter((path) => /\.(?:xml|json)$/.test(path) && !path.startsWith('pagefind/'));
    assert.ok(data.length > 10, `feeds and sitemaps: ${data.length}`);
    const home = order.indexOf('index.html');
    assert.ok(home >= 0);
    assert.deepEqual(
      data.filter((path) => order.indexOf(path) > home),
      [],
    );
  } finally {
    await rm(content, { recursive: true, force: true });
  }
});

/**
 * A full build holds one feed's text at a time: it writes each feed before it makes the next.
 * With whole bodies in feeds, an item's content is read from its article's file when the item is
 * made; the writer here adds a line to every article once the site's own feed is written, so the
 * feeds made after it show that line, and a build that made every feed before writing any shows it in none.
 */
test('a full build writes each feed before it makes the next', async () => {
  const content = await mkdtemp(join(tmpdir(), 'warta-full-memory-'));
  try {
    await writeArchive(content, { articles: 60, seed: 1, profile: 'news' });
    const articles = (await readdir(content, { recursive: true })).filter((path) => path.endsWith('.md'));
    const marker = 'Kalimat yang ditambahkan setelah umpan pertama ditulis.';
    const writer = new (class extends MemoryWriter {
      override async write(path: string, data: string | Uint8Array): Promise<void> {
        if (path === 'feed.xml') for (const a of articles) appendFileSync(join(content, a), `\n\n${marker}\n`);
        return super.write(path, data);
      }
    })();
    const config = { ...TEST_CONFIG, feedContent: 'full' as const, feedSize: 5 };
    const clock = { now: Date.UTC(2026, 0, 1), future: false };
    const result = await build({ content, out: 'unused', config, clock, jobs: 1, writer });
    // The articles' pages report their files changed during the build; nothing else goes wrong.
    assert.deepEqual(new Set(result.problems.map((p) => p.code)), new Set(['changed']));
    assert.ok(!writer.text('feed.xml')!.includes(marker));
    const later = [...writer.files.keys()].filter((path) => /\/(?:feed|atom)\.xml$/.test(path));
    assert.ok(later.length > 10, `feeds: ${later.length}`);
    assert.ok(later.some((path) => writer.text(path)!.includes(marker)));
  } finally {
    await rm(content, { recursive: true, force: true });
  }
});
