import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { test } from 'node:test';
import { build } from '../../src/build/build.js';
import { Previous } from '../../src/build/previous.js';
import { cacheFile } from '../../src/incremental/cache.js';
import { chunkFolder } from '../../src/incremental/chunks.js';
import { options, sandbox } from '../support/edits.js';

test('Previous reads the last build only as a stage asks, and keeps an edit in the chunks holding it', async () => {
  const box = await sandbox();
  try {
    const opts = options(box, 'out', 'use');
    assert.ok((await build(opts)).ok);
    const chunks = () => new Set(readdirSync(chunkFolder(cacheFile(opts.out))));
    const before = chunks();
    const previous = Previous.open(opts);
    // Nothing read whole before the full path asks.
    assert.equal(previous.cache, undefined);
    const opened = previous.opened()!;
    assert.equal(previous.opened(), opened);
    assert.ok(previous.storedRelated());
    const [path, source] = opened.source(5);
    await previous.keep({ edit: { sources: new Map([[5, { ...source, stamp: 'edited' }]]), outputs: new Map() } });

    const next = Previous.open(opts);
    await next.read();
    assert.equal(next.cache?.sources.get(path)?.stamp, 'edited');
    assert.equal(next.cache?.sources.size, opened.head.sources);
    // What the quick path opened is let go once the full path reads the whole cache.
    await previous.read();
    assert.deepEqual([previous.opened(), previous.storedRelated()], [undefined, undefined]);
    // The source's chunk and the index written anew; every other chunk kept.
    const after = chunks();
    assert.deepEqual(
      [[...after].filter((n) => !before.has(n)).length, [...before].filter((n) => !after.has(n)).length],
      [2, 2],
    );
    // In one process the memory serves: no cache is opened a chunk at a time.
    assert.equal(Previous.open({ ...opts, memory: {} }).opened(), undefined);
  } finally {
    await rm(box.root, { recursive: true, force: true });
  }
});
