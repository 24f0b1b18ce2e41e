import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { RebuildEvent } from '../../src/dev/server.js';
import { ARTICLE, DevSite, EDITOR, h1, TITLE, timeout } from '../support/dev-site.js';

// Saves that come faster than warta dev rebuilds, from another process as an editor's would be
// (this one runs the builds).

let dev: DevSite;

before(async () => {
  dev = await DevSite.open();
});

after(() => dev?.close());

/**
 * Saves the article with each headline in turn, `pause` ms apart, and waits until its page
 * shows the last and every event of the saves is handled: the rebuilds that built the article.
 */
async function saveRapidly(titles: readonly string[], pause: number): Promise<RebuildEvent[]> {
  const events: RebuildEvent[] = [];
  const onRebuild = (e: RebuildEvent) => events.push(e);
  dev.server.rebuilds.on('rebuild', onRebuild);
  try {
    const texts = titles.map((t) => dev.original.replace(TITLE, t));
    const editor = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        EDITOR.replace('0, 5)', `0, ${pause})`),
        join(dev.site, ARTICLE),
        JSON.stringify(texts),
      ],
      { stdio: 'inherit' },
    );
    assert.equal(await timeout(new Promise((done) => editor.on('exit', done)), 'the editor process'), 0);
    const last = titles.at(-1);
    await timeout(
      (async () => {
        for (;;) {
          const next = dev.server.nextRebuild();
          if (h1((await dev.page()).html) === last) return;
          await next;
        }
      })(),
      `the page with the last save (${last})`,
    );
    // Then nothing more.
    await dev.settled();
    assert.equal(h1((await dev.page()).html), last);
    return dev.articleRebuilds(events);
  } finally {
    dev.server.rebuilds.off('rebuild', onRebuild);
  }
}

test('rapid saves end in the last text, with at most one rebuild a save', async () => {
  // Five saves 5 ms apart. A busy machine may spread them over more than one quiet time, so the
  // count is a range here; that saves within one quiet time make one rebuild, batcher.test.ts
  // shows on a clock of its own.
  const rebuilds = await saveRapidly(
    [1, 2, 3, 4, 5].map((i) => `Simpan ${i}`),
    5,
  );
  assert.ok(rebuilds.length >= 1 && rebuilds.length <= 5, `rebuilds: ${rebuilds.map((e) => e.changed).join(' | ')}`);
});

test("a second write landing after its save's rebuild started is not lost (chokidar drops it; its raw event is not)", async () => {
  // Two writes 35 ms apart: past the quiet time, so the first write's rebuild has started,
  // but inside chokidar's 50 ms throttle, so chokidar emits no event for the second. One
  // rebuild when the first read the second write already, else two.
  const rebuilds = await saveRapidly(['Tulis Pertama', 'Tulis Kedua'], 35);
  assert.ok(rebuilds.length >= 1 && rebuilds.length <= 2, `rebuilds: ${rebuilds.length}`);
});
