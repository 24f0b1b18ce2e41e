import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  dropCache,
  loadCache,
  saveCache,
  type BuildCache,
  type BuildSummary,
  type CachedOutput,
  type CachedSource,
} from '../../src/incremental/cache.js';
import { OpenedCache } from '../../src/incremental/opened.js';

/**
 * The cache is saved in chunk files; a fresh process's next save keeps the chunks whose
 * entries it read unchanged, writes the others, and must read back as a save of every entry does.
 */

let root: string;
before(async () => (root = await mkdtemp(join(tmpdir(), 'warta-cache-'))));
after(() => rm(root, { recursive: true, force: true }));

const ENV = 'env';

function source(n: number, stamp = `stamp-${String(n).padStart(5, '0')}`): CachedSource {
  return { stamp, parsed: { problems: [], digest: `digest-${n}` }, story: { category: 'Nasional', sig: `sig-${n}` } };
}

function output(n: number, hash = `hash-${n}`): CachedOutput {
  return { sig: `page-${n}`, hash };
}

/** An archive's cache: `n` sources and outputs, in path order. */
function cacheOf(n: number): BuildCache {
  const keys = Array.from({ length: n }, (_, i) => `berita/${String(i).padStart(5, '0')}.md`);
  const copies = new Map(
    keys
      .slice(0, 3)
      .map((k, i) => [`/situs/konten/${k.replace('.md', '.jpg')}`, { stamp: `stamp-${i}`, digest: `digest-${i}` }]),
  );
  return {
    env: ENV,
    sources: new Map(keys.map((k, i) => [k, source(i)])),
    outputs: new Map(keys.map((k, i) => [k.replace('.md', '.html'), output(i)])),
    copies,
  };
}

/** The next build's cache from a read one: every entry the same object but the changed ones, one source added in the middle. */
function nextOf(read: BuildCache, changed: readonly number[]): BuildCache {
  const sources = [...read.sources].map(([k, v], i): [string, CachedSource] => [
    k,
    changed.includes(i) ? source(i, `new-${i}`) : { ...v },
  ]);
  sources.splice(4000, 0, ['berita/03999a.md', source(-1)]);
  const outputs = [...read.outputs].map(([k, v], i): [string, CachedOutput] => [
    k,
    changed.includes(i) ? output(i, `new-${i}`) : v,
  ]);
  const copies = new Map([...read.copies].map(([k, v], i) => [k, i === 1 ? { stamp: 'new', digest: 'new' } : v]));
  return { env: ENV, sources: new Map(sources), outputs: new Map(outputs), copies, stored: read.stored };
}

/** The chunk files beside a cache file, by name, with their times of last change. */
function chunks(file: string): Map<string, number> {
  const folder = file.replace(/\.v8$/, '.chunks');
  return new Map(readdirSync(folder).map((name) => [name, statSync(join(folder, name)).mtimeMs]));
}

test('a save that keeps unchanged chunks reads back as a save of every entry', async () => {
  const file = join(root, 'keep', 'out.v8');
  await saveCache(file, cacheOf(12000));
  const read = (await loadCache(file, ENV))!;
  const next = nextOf(read, [10, 7000]);

  const fresh = join(root, 'fresh', 'out.v8');
  await saveCache(fresh, { ...next, stored: undefined });
  await dropCache(file);
  assert.ok(!existsSync(file), 'a dropped cache reads as none');
  await saveCache(file, next);

  const again = (await loadCache(file, ENV))!;
  const expected = (await loadCache(fresh, ENV))!;
  assert.deepEqual([...again.sources], [...expected.sources]);
  assert.deepEqual([...again.outputs], [...expected.outputs]);
  assert.deepEqual([...again.copies], [...expected.copies]);
  assert.equal(again.copies.get('/situs/konten/berita/00001.jpg')!.digest, 'new');
  assert.equal(again.sources.get('berita/00010.md')!.stamp, 'new-10');
  assert.equal(again.outputs.get('berita/07000.html')!.hash, 'new-7000');
  assert.equal(again.sources.get('berita/03999a.md')!.stamp, 'stamp-000-1');
  assert.deepEqual([...again.sources.keys()], [...next.sources.keys()]);
});

test('a save writes only the chunks that changed and removes those no longer named', async () => {
  const file = join(root, 'changed', 'out.v8');
  await saveCache(file, cacheOf(12000));
  // Dated long ago, a chunk written again shows by its time.
  const folder = file.replace(/\.v8$/, '.chunks');
  for (const name of readdirSync(folder)) utimesSync(join(folder, name), 0, 0);
  const before = chunks(file);
  const read = (await loadCache(file, ENV))!;
  await dropCache(file);
  // What a killed save left, and whatever else lands there: nothing the cache names.
  writeFileSync(join(folder, 'abc.v8.123.tmp'), 'half a chunk');
  mkdirSync(join(folder, 'stray'));
  await saveCache(file, nextOf(read, [10]));
  assert.ok(!existsSync(join(folder, 'abc.v8.123.tmp')) && !existsSync(join(folder, 'stray')));
  const after = chunks(file);
  const kept = [...after].filter(([name, time]) => before.get(name) === time);
  const written = [...after.keys()].filter((name) => !before.has(name));
  // Changed: the chunk of source 10, the chunk the added source joins, the output 10's chunk, and the copies.
  assert.ok(written.length >= 3 && written.length <= 4, `written: ${written.length}`);
  assert.equal(kept.length, after.size - written.length, 'every other chunk is kept untouched');
  assert.equal(
    [...before.keys()].filter((name) => !after.has(name)).length,
    written.length,
    'replaced chunks are removed',
  );
});

test('a chunk that is not what the cache file names makes the cache read as none', async () => {
  const file = join(root, 'tampered', 'out.v8');
  await saveCache(file, cacheOf(3000));
  const name = [...chunks(file).keys()][0]!;
  writeFileSync(join(file.replace(/\.v8$/, '.chunks'), name), 'not a chunk');
  assert.equal(await loadCache(file, ENV), undefined);
  rmSync(join(file.replace(/\.v8$/, '.chunks'), name));
  assert.equal(await loadCache(file, ENV), undefined);
});

test('a cache of another environment or format is not read', async () => {
  const file = join(root, 'foreign', 'out.v8');
  await saveCache(file, cacheOf(100));
  assert.ok(await loadCache(file, ENV));
  assert.equal(await loadCache(file, 'another env'), undefined);
  assert.equal(await loadCache(join(root, 'missing', 'out.v8'), ENV), undefined);
});

/** What a build leaves for a quick build: here every source published, newest last. */
function summaryOf(n: number): BuildSummary {
  const view = {
    title: 'Warta',
    tagline: '',
    baseUrl: 'https://warta.example',
    language: 'id',
    shareImage: 'https://warta.example/assets/share.png',
    logo: 'https://warta.example/assets/logo.png',
    themeColor: '#a3121a',
    feeds: { rss: '/feed.xml', atom: '/atom.xml' },
    nav: [],
    footer: [],
  };
  return {
    problems: [],
    counts: { published: n, heldBack: 0, drafts: 0, files: n },
    clock: { future: false },
    theme: 'theme',
    statics: 'statics',
    view,
    published: Int32Array.from({ length: n }, (_, i) => n - 1 - i),
  };
}

test('a cache opened for a quick build reads entries by place; a save with a few replaced reads back as a save of every entry', async () => {
  const file = join(root, 'quick', 'out.v8');
  await saveCache(file, { ...cacheOf(12000), summary: summaryOf(12000) });
  const before = chunks(file);
  const opened = OpenedCache.open(file, ENV)!;
  assert.equal(OpenedCache.open(file, 'another env'), undefined);
  assert.deepEqual(opened.source(7000), ['berita/07000.md', source(7000)]);
  assert.deepEqual(opened.output(11999), ['berita/11999.html', output(11999)]);
  assert.deepEqual(
    [
      opened.index.sources.paths.split('\0')[10],
      opened.index.sources.stamps.split('\0')[10],
      opened.summary.published[0],
    ],
    ['berita/00010.md', 'stamp-00010', 11999],
  );
  await dropCache(file);
  opened.save({
    sources: new Map([[10, source(10, 'new-10')]]),
    outputs: new Map([[7000, output(7000, 'new-7000')]]),
    differing: ['berita/07000.html'],
  });

  const expected = cacheOf(12000);
  expected.sources.set('berita/00010.md', source(10, 'new-10'));
  expected.outputs.set('berita/07000.html', output(7000, 'new-7000'));
  const again = (await loadCache(file, ENV))!;
  assert.deepEqual([...again.sources], [...expected.sources]);
  assert.deepEqual([...again.outputs], [...expected.outputs]);
  assert.deepEqual(again.differing, ['berita/07000.html']);
  assert.equal(OpenedCache.open(file, ENV)!.index.sources.stamps.split('\0')[10], 'new-10');
  // The source's chunk, the output's, and the index: every other chunk kept untouched, the replaced ones removed.
  const after = chunks(file);
  assert.equal([...after.keys()].filter((name) => !before.has(name)).length, 3);
  assert.equal([...before.keys()].filter((name) => !after.has(name)).length, 3);
  assert.ok([...after].every(([name, time]) => !before.has(name) || before.get(name) === time));
});

test('a quick save replaces runs of the outputs by more or fewer entries, across chunks, and counts the files again', async () => {
  const file = join(root, 'runs', 'out.v8');
  await saveCache(file, { ...cacheOf(3000), summary: summaryOf(3000) });
  const opened = OpenedCache.open(file, ENV)!;
  const layout = { start: 2990, bundle: 0, parts: [{ key: '2025-04', first: 0, count: 1, sig: 'new', files: 3 }] };
  const entry = (k: number): [string, CachedOutput] => [`pagefind/baru-${k}`, output(k, `pf-${k}`)];
  opened.save({
    sources: new Map(),
    // A page, by place, beside the runs.
    outputs: new Map([[2500, output(2500, 'new-2500')]]),
    runs: [
      // Two entries for twelve, over at least one chunk's end (chunks hold 100 on average).
      { at: 1000, remove: 250, entries: [entry(1), entry(2)] },
      // Five for one, at the end; none for three, near the start.
      { at: 2999, remove: 1, entries: [3, 4, 5, 6, 7].map(entry) },
      { at: 10, remove: 3, entries: [] },
    ],
    search: layout,
  });
  const expected = [...cacheOf(3000).outputs];
  expected[2500] = ['berita/02500.html', output(2500, 'new-2500')];
  expected.splice(2999, 1, ...[3, 4, 5, 6, 7].map(entry));
  expected.splice(1000, 250, entry(1), entry(2));
  expected.splice(10, 3);
  assert.deepEqual([...(await loadCache(file, ENV))!.outputs], expected);
  assert.equal(opened.summary.counts.files, 3000 - 250 + 2 + 4 - 3);
  const again = OpenedCache.open(file, ENV)!;
  assert.deepEqual(again.summary.search, layout);
  assert.equal(again.summary.counts.files, expected.length);
  assert.deepEqual(
    [again.output(1000 - 3), again.output(expected.length - 1), again.output(2500 - 3 - 248)],
    [entry(1), entry(7), ['berita/02500.html', output(2500, 'new-2500')]],
  );
});

test('dropping the cache takes a header a killed save half wrote with it, and nothing else', async () => {
  const file = join(root, 'drop', 'dist.v8');
  await saveCache(file, cacheOf(10));
  const folder = join(root, 'drop');
  for (const name of ['dist.v8.4242.tmp', 'dist.v8.catatan', 'lain.v8.4242.tmp', 'dist.v8.12x.tmp'])
    writeFileSync(join(folder, name), 'x');
  await dropCache(file);
  assert.deepEqual(readdirSync(folder).sort(), [
    'dist.chunks',
    'dist.v8.12x.tmp',
    'dist.v8.catatan',
    'lain.v8.4242.tmp',
  ]);
});
