import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Batcher, type Batch } from '../../src/dev/batcher.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A batcher whose runs wait until the test lets them finish. */
function controlled(delay: number) {
  const runs: { paths: string[]; finish: () => void }[] = [];
  const batcher = new Batcher(
    (batch: Batch) => new Promise<void>((finish) => runs.push({ paths: [...batch.paths].sort(), finish })),
    delay,
  );
  return { batcher, runs };
}

test('changes within the quiet time make one run; raw events on other files only prolong the wait', async () => {
  const { batcher, runs } = controlled(20);
  batcher.add({ kind: 'file', path: '/c/a.md' });
  await sleep(10);
  batcher.add({ kind: 'file', path: '/c/b.md' });
  await sleep(10);
  batcher.stir(['/c/other.md']);
  await sleep(12);
  assert.equal(runs.length, 0, 'the raw event restarted the quiet time');
  await sleep(30);
  assert.deepEqual(
    runs.map((r) => r.paths),
    [['/c/a.md', '/c/b.md']],
  );
  runs[0]!.finish();
  await batcher.stop();
});

test('a raw event on a file changed moments ago, arriving while its run is under way, makes one more run', async () => {
  const { batcher, runs } = controlled(20);
  batcher.add({ kind: 'file', path: '/c/a.md' });
  await sleep(40);
  assert.equal(runs.length, 1);
  // chokidar would drop this write's change event (within 50 ms of the last): only the raw event tells.
  batcher.stir(['/c', '/c/a.md']);
  batcher.stir(['/c', '/c/a.md']);
  runs[0]!.finish();
  await sleep(60);
  assert.deepEqual(
    runs.map((r) => r.paths),
    [['/c/a.md'], ['/c/a.md']],
  );
  runs[1]!.finish();
  await batcher.stop();
});

test("a raw event long after a file's change is no change of its own", async () => {
  const { batcher, runs } = controlled(20);
  batcher.add({ kind: 'file', path: '/c/a.md' });
  await sleep(40);
  runs[0]!.finish();
  await sleep(100);
  batcher.stir(['/c', '/c/a.md']);
  await sleep(60);
  assert.equal(runs.length, 1);
  await batcher.stop();
});

test('a raw event is judged by when it came, not by when a busy thread got to it', async () => {
  const { batcher, runs } = controlled(20);
  const at = performance.now();
  batcher.add({ kind: 'file', path: '/c/a.md' }, false, at);
  await sleep(40);
  // The run is long: the raw event of a write 30 ms after the change reaches the batcher only 150 ms later.
  await sleep(110);
  batcher.stir(['/c/a.md'], at + 30);
  runs[0]!.finish();
  await sleep(60);
  assert.deepEqual(
    runs.map((r) => r.paths),
    [['/c/a.md'], ['/c/a.md']],
  );
  runs[1]!.finish();
  await batcher.stop();
});
