import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planRest, TURN_MS } from '../../src/build/full-plan.js';
import type { CachedOutput } from '../../src/incremental/cache.js';
import { OutputMemory } from '../../src/incremental/outputs.js';
import { MemoryWriter } from '../../src/output/writer.js';
import type { PagePlan } from '../../src/render/plan.js';

const article: PagePlan = { kind: 'article', path: 'a/index.html', index: 0, sig: 'a' };
const page: PagePlan = { kind: 'page', path: 'index.html', template: 'home.njk', sig: 'p' } as PagePlan;
const feed: PagePlan = { kind: 'data', path: 'feed.xml', data: '<rss/>', sig: 'f' };
const alias: PagePlan = { kind: 'data', path: 'a/index.html', data: 'alias', sig: 'x' };

test('a part of the plan finds the entries kept for its plans at their places in the whole plan', () => {
  const memory = new OutputMemory();
  // The last commit left no entry for the home page (it failed), though the map has one of its signature.
  const outputs = new Map<string, CachedOutput>([
    [article.path, { sig: 'a', hash: 'ha' }],
    [page.path, { sig: 'p', hash: 'hp' }],
  ]);
  memory.keep(outputs, [article, page], [outputs.get(article.path), undefined]);
  assert.deepEqual(memory.entriesOf([page], outputs, 1), { entries: [undefined], stale: [0] });
  assert.deepEqual(memory.entriesOf([article, page], outputs), {
    entries: [outputs.get(article.path), undefined],
    stale: [1],
  });
});

test('the rest of the plan is taken with a turn of the event loop now and then, its data files written as they come', async () => {
  let taken = 0;
  // Each plan takes longer to make than planning runs without a turn.
  function* planning(): Generator<PagePlan> {
    for (const p of [page, feed, alias]) {
      const start = performance.now();
      while (performance.now() - start <= TURN_MS);
      taken++;
      yield p;
    }
  }
  const writer = new MemoryWriter();
  const stale = { entries: () => ({ entries: [undefined], stale: [0] }) };
  // The workers' replies wait for a turn of this thread's event loop: one comes before the last plan is taken.
  let seen: number | undefined;
  setImmediate(() => (seen = taken));
  const rest = await planRest(planning(), { copies: [] }, stale, writer, {
    taken: [article],
    write: true,
    turns: true,
  });
  assert.ok(seen !== undefined && seen < 3, `plans taken before a turn: ${seen}`);
  // The feed is written and let go; the data file sharing the article page's path keeps its turn.
  assert.deepEqual(rest, [page, { kind: 'written', path: 'feed.xml', sig: 'f', hash: 'f' }, alias]);
  assert.deepEqual([...writer.files.keys()], ['feed.xml']);
});
