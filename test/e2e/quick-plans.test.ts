import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { test } from 'node:test';
import { build } from '../../src/build/build.js';
import { cacheEnv } from '../../src/build/previous.js';
import { cacheFile, loadCache } from '../../src/incremental/cache.js';
import { apply, options, sandbox } from '../support/edits.js';

test('the quick path signs the pages around an edit as a clean build signs them', async () => {
  const box = await sandbox();
  try {
    const out = options(box, 'out', 'use');
    assert.ok((await build(out)).ok);
    // New words in a body: the article's page and those whose related stories changed are signed again.
    for (const [pick, value] of [
      [3, 9],
      [17, 4],
    ])
      await apply(box, { kind: 'body', pick: pick!, value: value! });
    const edited = await build(out);
    assert.deepEqual([edited.ok, edited.quick], [true, true]);
    assert.ok(edited.rendered > 0);
    const clean = options(box, 'clean', 'use');
    assert.ok((await build(clean)).ok);
    const sigs = async (o: typeof out) => {
      const cache = await loadCache(cacheFile(o.out), cacheEnv(o));
      return new Map([...cache!.outputs].filter(([path]) => path.endsWith('.html')).map(([p, e]) => [p, e.sig]));
    };
    assert.deepEqual(await sigs(out), await sigs(clean));
  } finally {
    await rm(box.root, { recursive: true, force: true });
  }
});
