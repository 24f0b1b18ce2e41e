import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock, test } from 'node:test';
import { Batcher, type Batch } from '../../src/dev/batcher.js';

/**
 * The batcher's timing on a clock the test moves (node:test's mock timers), so a busy machine
 * cannot stretch a quiet time: each event carries its own time, as the watcher gives it.
 */

let clock = 0;
beforeEach(() => {
  mock.timers.enable({ apis: ['setTimeout'] });
  clock = 1000;
});
afterEach(() => mock.timers.reset());

/** Moves the clock on by `ms`, firing the timers due. */
function pass(ms: number): void {
  clock += ms;
  mock.timers.tick(ms);
}

/** A batcher whose runs wait until the test lets them finish. */
function controlled(delay: number) {
  const runs: { paths: string[]; finish: () => void }[] = [];
  const batcher = new Batcher(
    (batch: Batch) => new Promise<void>((finish) => runs.push({ paths: [...batch.paths].sort(), finish })),
    delay,
  );
  /** Lets run `k` finish, and waits until the batcher has taken note. */
  const finish = async (k: number) => {
    runs[k]!.finish();
    await batcher.idle();
  };
  return { batcher, runs, finish };
}

test('changes within the quiet time make one run; raw events on other files only prolong the wait', async () => {
  const { batcher, runs, finish } = controlled(20);
  batcher.add({ kind: 'file', path: '/c/a.md' }, false, clock);
  pass(10);
  batcher.add({ kind: 'file', path: '/c/b.md' }, false, clock);
  pass(10);
  batcher.stir(['/c/other.md'], clock);
  pass(12);
  assert.equal(runs.length, 0, 'the raw event restarted the quiet time');
  pass(8);
  assert.deepEqual(
    runs.map((r) => r.paths),
    [['/c/a.md', '/c/b.md']],
  );
  await finish(0);
  await batcher.stop();
});

test('five saves 5 ms apart make one run, with every path', async () => {
  const { batcher, runs, finish } = controlled(20);
  for (const name of ['a', 'b', 'a', 'c', 'a']) {
    batcher.add({ kind: 'file', path: `/c/${name}.md` }, false, clock);
    pass(5);
  }
  assert.equal(runs.length, 0);
  pass(20);
  assert.deepEqual(
    runs.map((r) => r.paths),
    [['/c/a.md', '/c/b.md', '/c/c.md']],
  );
  await finish(0);
  pass(100);
  assert.equal(runs.length, 1);
  await batcher.stop();
});

test('a raw event on a file changed moments ago, arriving while its run is under way, makes one more run', async () => {
  const { batcher, runs, finish } = controlled(20);
  batcher.add({ kind: 'file', path: '/c/a.md' }, false, clock);
  pass(20);
  assert.equal(runs.length, 1);
  // chokidar would drop this write's change event (within 50 ms of the last): only the raw event tells.
  batcher.stir(['/c', '/c/a.md'], clock);
  batcher.stir(['/c', '/c/a.md'], clock);
  await finish(0);
  pass(20);
  assert.deepEqual(
    runs.map((r) => r.paths),
    [['/c/a.md'], ['/c/a.md']],
  );
  await finish(1);
  await batcher.stop();
});

test("a raw event long after a file's change is no change of its own", async () => {
  const { batcher, runs, finish } = controlled(20);
  batcher.add({ kind: 'file', path: '/c/a.md' }, false, clock);
  pass(20);
  await finish(0);
  pass(100);
  batcher.stir(['/c', '/c/a.md'], clock);
  pass(60);
  assert.equal(runs.length, 1);
  await batcher.stop();
});

test('a raw event is judged by when it came, not by when a busy thread got to it', async () => {
  const { batcher, runs, finish } = controlled(20);
  const at = clock;
  batcher.add({ kind: 'file', path: '/c/a.md' }, false, at);
  // The run is long: the raw event of a write 30 ms after the change reaches the batcher only 150 ms later.
  pass(150);
  batcher.stir(['/c/a.md'], at + 30);
  await finish(0);
  pass(20);
  assert.deepEqual(
    runs.map((r) => r.paths),
    [['/c/a.md'], ['/c/a.md']],
  );
  await finish(1);
  await batcher.stop();
});
