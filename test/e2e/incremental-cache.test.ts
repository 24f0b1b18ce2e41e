import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { build, type BuildResult } from '../../src/build/build.js';
import { listFiles } from '../support/fixtures.js';
import { apply, article, change, options, sandbox, snapshot, summary } from '../support/edits.js';

test('a corrupt or foreign cache means a full build, never a wrong one', async () => {
  const box = await sandbox();
  try {
    await build(options(box, 'out', 'use'));
    const cacheDir = join(box.root, '.warta-cache');
    assert.ok(existsSync(cacheDir));
    const [file] = await listFiles(cacheDir);
    await writeFile(join(cacheDir, file!), 'rusak');
    await apply(box, { kind: 'title', pick: 3, value: 9 });
    const result = await build(options(box, 'out', 'use'));
    assert.ok(result.ok);
    await build(options(box, 'clean', 'clean'));
    assert.deepEqual(await snapshot(join(box.root, 'out')), await snapshot(join(box.root, 'clean')));
  } finally {
    await rm(box.root, { recursive: true, force: true });
  }
});

test('a fresh clone (every file given a new time, no byte changed) parses, renders and copies nothing; an edited file among them is parsed again', async () => {
  // 120 articles: enough for the worker threads, which read the files of a build with two jobs.
  const box = await sandbox(120);
  try {
    await mkdir(join(box.content, 'foto'));
    await writeFile(join(box.content, 'foto', 'banjir.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    const files = await listFiles(box.content);
    const touchAll = (seconds: number) => Promise.all(files.map((f) => utimes(join(box.content, f), seconds, seconds)));
    for (const jobs of [1, 2]) {
      const run = () => build({ ...options(box, `out-${jobs}`, 'use'), jobs });
      assert.ok((await run()).ok);
      await touchAll(2_000_000_000 + jobs);
      const touched = await run();
      assert.deepEqual(
        [touched.ok, touched.incremental, touched.parsed, touched.rendered, touched.written],
        [true, true, 0, 0, 0],
      );
      await touchAll(2_000_000_100 + jobs);
      const edited = files.find((f) => f.endsWith('.md'))!;
      await change(join(box.content, edited), '', { kind: 'body', pick: 0, value: jobs });
      const after = await run();
      assert.deepEqual([after.ok, after.parsed], [true, 1]);
      await rm(join(box.root, 'clean'), { recursive: true, force: true });
      assert.ok((await build(options(box, 'clean', 'clean'))).ok);
      assert.deepEqual(await snapshot(join(box.root, `out-${jobs}`)), await snapshot(join(box.root, 'clean')));
    }
  } finally {
    await rm(box.root, { recursive: true, force: true });
  }
});

test('a build from another working folder names files relative to it, also those whose warnings the cache kept', async () => {
  const box = await sandbox();
  const previous = process.cwd();
  try {
    await writeFile(
      join(box.content, 'marquee.md'),
      article('Berita Bergerak', 3).replace(/Isi berita.*\n/, '<marquee>Isi bergerak</marquee>\n'),
    );
    process.chdir(box.root);
    const first = await build(options(box, 'out', 'use'));
    assert.deepEqual(
      first.problems.map((p) => p.file),
      [join('content', 'marquee.md')],
    );
    process.chdir(box.content);
    const again = await build(options(box, 'out', 'use'));
    assert.deepEqual(
      again.problems.map((p) => p.file),
      ['marquee.md'],
    );
  } finally {
    process.chdir(previous);
    await rm(box.root, { recursive: true, force: true });
  }
});

test('publishing one new article rewrites a small, bounded set of files', async () => {
  const box = await sandbox();
  try {
    await build(options(box, 'out', 'use'));
    const text = article('Kapal Selam Berlayar di Laut Banda', 1)
      .replace(/Isi berita.*\n/, 'Kapal selam berlayar di Laut Banda.\n')
      .replace('[Jakarta]', '[Laut Banda]');
    await writeFile(join(box.content, 'kapal-selam.md'), text);
    const result = await build(options(box, 'out', 'use'));
    assert.ok(result.ok);
    assert.ok(result.incremental);
    // Nothing shares its words: the page itself, home, its category's front page, the site's and the
    // category's feeds (RSS and Atom), the sitemap, the news sitemap (it is a day old) and the index;
    // the archives of its day (new), month and year, the Indeks page (a new day); its topic's page (new),
    // the most used topics and topics under L (a new name), and that topic's feeds (new, RSS and Atom); its
    // author's page and feeds, the most used authors and authors under A (a new name).
    assert.equal(result.written, 24);
    assert.equal(result.removed, 0);
  } finally {
    await rm(box.root, { recursive: true, force: true });
  }
});

test('a body edit takes the quick path: the edited page and those whose related stories changed are rendered, warnings elsewhere are reported again; other edits take the full path', async () => {
  const box = await sandbox();
  const out = join(box.root, 'out');
  try {
    const run = () => build(options(box, 'out', 'use'));
    const same = async (r: BuildResult, what: string) => {
      await rm(join(box.root, 'clean'), { recursive: true, force: true });
      const clean = await build(options(box, 'clean', 'clean'));
      assert.equal(summary(r), summary(clean), what);
      assert.deepEqual(await snapshot(out), await snapshot(join(box.root, 'clean')), what);
    };
    await writeFile(
      join(box.content, 'marquee.md'),
      article('Berita Bergerak', 3).replace(/Isi berita.*\n/, '<marquee>Isi bergerak</marquee>\n'),
    );
    await writeFile(
      join(box.content, 'kapal-selam.md'),
      article('Kapal Selam Berlayar di Laut Banda', 1)
        .replace(/Isi berita.*\n/, 'Kapal selam berlayar di Laut Banda.\n')
        .replace('[Jakarta]', '[Laut Banda]'),
    );
    assert.ok((await run()).ok);
    const [first, second] = (await listFiles(box.content)).filter(
      (f) => f.endsWith('.md') && !['marquee.md', 'kapal-selam.md'].includes(f),
    );

    await change(join(box.content, first!), '', { kind: 'body', pick: 0, value: 1 });
    const body = await run();
    assert.deepEqual([body.quick, body.parsed, body.problems.map((p) => p.code)], [true, 1, ['html-dropped']]);
    await same(body, 'after a body edit');

    // The body now shares the rare words of another story: its related stories, and theirs, change.
    await writeFile(
      join(box.content, first!),
      `${await readFile(join(box.content, first!), 'utf8')}\nKapal selam berlayar di Laut Banda.\n`,
    );
    const shared = await run();
    assert.equal(shared.quick, true);
    assert.ok(shared.rendered >= 2, `rendered ${shared.rendered}`);
    // Every page rendered but the edited one's takes its body from the page on disk, as the full path does.
    assert.equal(shared.reused, shared.rendered - 1);
    await same(shared, 'after a body edit that changes related stories');

    const nothing = await run();
    assert.deepEqual([nothing.quick, nothing.parsed, nothing.written], [true, 0, 0]);

    // A body edit that leaves its words as they were (a blank line added): its page again, and the cached related stories kept as they are.
    const stateFiles = async () =>
      new Set((await listFiles(join(box.root, '.warta-cache', 'out.chunks'))).filter((f) => f.endsWith('.raw')));
    const before = await stateFiles();
    await writeFile(join(box.content, first!), `${await readFile(join(box.content, first!), 'utf8')}\n\n`);
    const blank = await run();
    assert.deepEqual([blank.quick, blank.parsed, blank.rendered], [true, 1, 1]);
    const after = await stateFiles();
    assert.equal([...after].filter((f) => before.has(f)).length, 1, 'the related state kept, the index written anew');
    await same(blank, 'after a body edit that keeps its words');

    await change(join(box.content, second!), '', { kind: 'title', pick: 0, value: 2 });
    const title = await run();
    assert.equal(title.quick, false);
    await same(title, 'after a title edit');

    // A new warning: the full path finds and reports it.
    await writeFile(
      join(box.content, second!),
      `${await readFile(join(box.content, second!), 'utf8')}\n<blink>kedip</blink>\n`,
    );
    const warned = await run();
    assert.deepEqual([warned.quick, warned.problems.length], [false, 2]);
    await same(warned, 'after an edit that brings a warning');
  } finally {
    await rm(box.root, { recursive: true, force: true });
  }
});
