import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ByPlace } from '../../src/util/memo.js';
import { Listers } from '../../src/render/plan.js';

test('a result is kept only for the same object at the same place, and only while keep allows it', () => {
  const memo = new ByPlace<{ n: number }, string>();
  const [a, b, c] = [{ n: 1 }, { n: 2 }, { n: 3 }];
  let made = 0;
  const make = (item: { n: number }, _i: number, last?: string) => (made++, `${item.n}${last ? ` (was ${last})` : ''}`);
  assert.deepEqual(memo.map([a, b], make), ['1', '2']);
  assert.equal(made, 2);
  // b moved: it is made again; a stays; c is new.
  assert.deepEqual(memo.map([a, c, b], make), ['1', '3', '2']);
  assert.equal(made, 4);
  // keep refuses the middle one: made again, and told what it was.
  assert.deepEqual(
    memo.map([a, c, b], make, (_, i) => i !== 1),
    ['1', '3 (was 3)', '2'],
  );
  assert.equal(made, 5);
  // A shorter list, then a longer one: places past the last list's end are new.
  assert.deepEqual(memo.map([a], make), ['1']);
  assert.deepEqual(memo.map([a, c], make), ['1', '3']);
  assert.equal(made, 6);
});

test('the listers of each story, kept up to date from the related lists that changed, are those a fresh count gives', () => {
  let seed = 5;
  const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const list = (i: number, n: number) =>
    [...new Set(Array.from({ length: 4 }, () => random(n)))].filter((j) => j !== i);
  const fresh = (related: readonly number[][]) =>
    related.map((_, j) => related.flatMap((l, i) => (l.includes(j) ? [i] : [])));
  const listers = new Listers();
  for (const n of [30, 30, 31]) {
    let related = Array.from({ length: n }, (_, i) => list(i, n));
    // A few lists replaced at a time (the patched way), and the same lists again.
    for (let round = 0; round < 20; round++) {
      assert.deepEqual(
        listers.update(related).map((l) => [...l].sort((a, b) => a - b)),
        fresh(related),
        `${n} articles, round ${round}`,
      );
      related = related.map((l, i) => (random(10) === 0 ? list(i, n) : l));
    }
  }
});
