import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { RebuildEvent } from '../../src/dev/server.js';
import { ARTICLE, DevSite, EDITOR, h1, TITLE, timeout } from '../support/dev-site.js';

// Saves that come faster than warta dev rebuilds, from another process as an editor's would.

let dev: DevSite;

before(async () => {
  dev = await DevSite.open();
});

after(() => dev?.close());

test('rapid saves end in the last text, with at most one rebuild a save', async () => {
  const events: RebuildEvent[] = [];
  const onRebuild = (e: RebuildEvent) => events.push(e);
  dev.server.rebuilds.on('rebuild', onRebuild);
  try {
    // Five saves 5 ms apart, from another process as an editor's would be: this one runs the
    // builds. A busy machine may spread them over more than one quiet time, so the count is a
    // range here; that saves within one quiet time make one rebuild, batcher.test.ts shows on a
    // clock of its own.
    const texts = [1, 2, 3, 4, 5].map((i) => dev.original.replace(TITLE, `Simpan ${i}`));
    const editor = spawn(
      process.execPath,
      ['--input-type=module', '-e', EDITOR, join(dev.site, ARTICLE), JSON.stringify(texts)],
      { stdio: 'inherit' },
    );
    assert.equal(await timeout(new Promise((done) => editor.on('exit', done)), 'the editor process'), 0);
    await timeout(
      (async () => {
        for (;;) {
          const next = dev.server.nextRebuild();
          if (h1((await dev.page()).html) === 'Simpan 5') return;
          await next;
        }
      })(),
      'the page with the last save',
    );
    // Then nothing more.
    await dev.settled();
    const rebuilds = dev.articleRebuilds(events);
    assert.ok(rebuilds.length >= 1 && rebuilds.length <= 5, `rebuilds: ${events.map((e) => e.changed).join(' | ')}`);
    assert.equal(h1((await dev.page()).html), 'Simpan 5');
  } finally {
    dev.server.rebuilds.off('rebuild', onRebuild);
  }
});

test("a second write landing after its save's rebuild started is not lost (chokidar drops it; its raw event is not)", async () => {
  const seen: RebuildEvent[] = [];
  const onRebuild = (e: RebuildEvent) => seen.push(e);
  dev.server.rebuilds.on('rebuild', onRebuild);
  try {
    // Two writes 35 ms apart: past the quiet time, so the first write's rebuild has started,
    // but inside chokidar's 50 ms throttle, so chokidar emits no event for the second.
    const texts = ['Tulis Pertama', 'Tulis Kedua'].map((t) => dev.original.replace(TITLE, t));
    const editor = spawn(
      process.execPath,
      ['--input-type=module', '-e', EDITOR.replace('0, 5)', '0, 35)'), join(dev.site, ARTICLE), JSON.stringify(texts)],
      { stdio: 'inherit' },
    );
    assert.equal(await timeout(new Promise((done) => editor.on('exit', done)), 'the editor process'), 0);
    // One rebuild when the first read the second write already, else two; then nothing more.
    await timeout(
      (async () => {
        for (;;) {
          const next = dev.server.nextRebuild();
          if (h1((await dev.page()).html) === 'Tulis Kedua') return;
          await next;
        }
      })(),
      'the page with the second write',
    );
    await dev.settled();
    const rebuilds = dev.articleRebuilds(seen);
    assert.ok(rebuilds.length >= 1 && rebuilds.length <= 2, `rebuilds: ${rebuilds.length}`);
    assert.equal(h1((await dev.page()).html), 'Tulis Kedua');
  } finally {
    dev.server.rebuilds.off('rebuild', onRebuild);
  }
});
