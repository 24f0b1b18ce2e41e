import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TermIds } from '../../src/site/related/term-ids.js';

test('restored names are found by search, then by map past many lookups, as names added one by one are', () => {
  const names = Array.from({ length: 6000 }, (_, i) => `kata${(i * 7919) % 6000}-${i % 7}`);
  const order = names.map((_, id) => id).sort((a, b) => (names[a]! < names[b]! ? -1 : 1));
  const rank = new Int32Array(names.length);
  order.forEach((id, place) => (rank[id] = place));
  const ids = new TermIds(names);
  ids.restore(rank);
  names.push('baru');
  ids.set('baru', names.length - 1);
  assert.equal(ids.get('baru'), names.length - 1);
  assert.equal(ids.get('tidak-ada'), undefined);
  // Every restored name, twice over: past the lookups made by search, the map answers.
  for (const round of [0, 1])
    names.slice(0, 6000).forEach((name, id) => assert.equal(ids.get(name), id, `${name} in round ${round}`));
  assert.equal(ids.get('tidak-ada'), undefined);
  assert.equal(ids.get('baru'), names.length - 1);
});
