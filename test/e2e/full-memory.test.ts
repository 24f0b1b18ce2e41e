import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
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
