import assert from 'node:assert/strict';
import { test } from 'node:test';
import { paginate } from '../../src/site/pagination.js';

test('a short category is one page', () => {
  assert.deepEqual(paginate('/a/', 3, 2), [{ url: '/a/', start: 0, end: 3, older: undefined }]);
});

test('numbered pages count from the oldest and keep their stories when new ones arrive', () => {
  const before = paginate('/a/', 7, 2);
  const after = paginate('/a/', 8, 2);
  const numbered = (pages: ReturnType<typeof paginate>) =>
    pages.filter((p) => p.number).map((p) => [p.number, p.start, p.end]);
  assert.deepEqual(numbered(before), [
    [2, 2, 4],
    [1, 0, 2],
  ]);
  assert.deepEqual(numbered(after), [
    [3, 4, 6],
    [2, 2, 4],
    [1, 0, 2],
  ]);
  assert.deepEqual(before[0], { url: '/a/', start: 4, end: 7, older: '/a/page/2/' });
  assert.equal(before[1]!.newer, '/a/');
  assert.equal(after[1]!.newer, '/a/');
  assert.equal(after[2]!.newer, '/a/page/3/');
  assert.equal(after.at(-1)!.older, undefined);
});

test('the front page always shows between one and two pages of stories', () => {
  for (let count = 1; count < 30; count++) {
    const front = paginate('/a/', count, 5)[0]!;
    const shown = front.end - front.start;
    assert.ok(shown >= Math.min(count, 5) && shown <= 9, `${count}: ${shown}`);
    assert.equal(front.end, count);
  }
});
