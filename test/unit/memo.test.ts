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

test('a memo that follows moves keeps the result of an item found at another place, and tells keep it moved', () => {
  const memo = new ByPlace<{ n: number }, string>(true);
  const [a, b, c, d, e] = [1, 2, 3, 4, 5].map((n) => ({ n }));
  const made: number[] = [];
  const make = (item: { n: number }) => (made.push(item.n), String(item.n));
  memo.map([a, b, c, d], make);
  made.length = 0;
  // e added first moves every other item a place on; b removed moves c and d back again.
  const moved: number[] = [];
  const keep = (_: string, i: number, at: boolean) => (at && moved.push(i), true);
  assert.deepEqual(memo.map([e, a, c, d], make, keep), ['5', '1', '3', '4']);
  assert.deepEqual([made, moved], [[5], [1]]);
  // A new object in place of another (an edit) is made; d moved to the front is found.
  made.length = moved.length = 0;
  const a2 = { n: 1 };
  assert.deepEqual(memo.map([d, e, a2, c], make, keep), ['4', '5', '1', '3']);
  assert.deepEqual([made, moved], [[1], [0, 1, 3]]);
  // keep refuses a moved item: made again, and told what it was.
  assert.deepEqual(
    memo.map(
      [c, d, e, a2],
      (item, _, last) => `${item.n} (was ${last})`,
      (_, i, at) => !(at && i === 0),
    ),
    ['3 (was 3)', '4', '5', '1'],
  );
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
