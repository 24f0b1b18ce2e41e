import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setImmediate as turn } from 'node:timers/promises';
import { collectGarbage } from '../../src/util/heap.js';

test('collectGarbage collects what nothing holds any more', async () => {
  // A weak reference keeps its target alive until the current job ends: collect on a later turn.
  const ref = (() => new WeakRef({ bytes: new Uint8Array(1 << 20) }))();
  await turn();
  collectGarbage();
  await turn();
  assert.equal(ref.deref(), undefined);
});
