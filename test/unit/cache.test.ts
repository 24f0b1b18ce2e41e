import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { dropCache, loadCache, saveCache, type BuildCache, type CachedOutput, type CachedSource } from '../../src/incremental/cache.js';

/**
 * The cache file is saved in chunks; a fresh process's next save copies the chunks whose
 * entries it read unchanged, and must read back as a save of every entry does.
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
  const copies = new Map(keys.slice(0, 3).map((k, i) => [`/situs/konten/${k.replace('.md', '.jpg')}`, { stamp: `stamp-${i}`, digest: `digest-${i}` }]));
  return { env: ENV, sources: new Map(keys.map((k, i) => [k, source(i)])), outputs: new Map(keys.map((k, i) => [k.replace('.md', '.html'), output(i)])), copies };
}

/** The next build's cache from a read one: every entry the same object but the changed ones, one source added in the middle. */
function nextOf(read: BuildCache, changed: readonly number[]): BuildCache {
  const sources = [...read.sources].map(([k, v], i): [string, CachedSource] => [k, changed.includes(i) ? source(i, `new-${i}`) : { ...v }]);
  sources.splice(4000, 0, ['berita/03999a.md', source(-1)]);
  const outputs = [...read.outputs].map(([k, v], i): [string, CachedOutput] => [k, changed.includes(i) ? output(i, `new-${i}`) : v]);
  const copies = new Map([...read.copies].map(([k, v], i) => [k, i === 1 ? { stamp: 'new', digest: 'new' } : v]));
  return { env: ENV, sources: new Map(sources), outputs: new Map(outputs), copies, stored: read.stored };
}

test('a save that copies unchanged chunks reads back as a save of every entry', async () => {
  const file = join(root, 'copy', 'out.v8');
  await saveCache(file, cacheOf(12000));
  const read = (await loadCache(file, ENV))!;
  const next = nextOf(read, [10, 7000]);

  const fresh = join(root, 'fresh', 'out.v8');
  await saveCache(fresh, { ...next, stored: undefined });
  await dropCache(file);
  await saveCache(file, next);
  assert.ok(!existsSync(`${file}.last`), 'the set-aside file is removed');

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

test('what a save copies comes from the set-aside file, and only for unchanged chunks', async () => {
  const file = join(root, 'tampered', 'out.v8');
  await saveCache(file, cacheOf(12000));
  const read = (await loadCache(file, ENV))!;
  const next = nextOf(read, [10]);
  await dropCache(file);
  // Mark two stamps in the set-aside bytes: one in an unchanged chunk, one beside the changed source.
  const bytes = readFileSync(`${file}.last`, 'latin1').replace('stamp-11000', 'stamp-1100X').replace('stamp-00011', 'stamp-0001X');
  writeFileSync(`${file}.last`, bytes, 'latin1');
  await saveCache(file, next);
  const again = (await loadCache(file, ENV))!;
  assert.equal(again.sources.get('berita/11000.md')!.stamp, 'stamp-1100X', 'an unchanged chunk is copied');
  assert.equal(again.sources.get('berita/00011.md')!.stamp, 'stamp-00011', 'a changed chunk is serialized again');
  assert.equal(again.sources.get('berita/00010.md')!.stamp, 'new-10');
});

test('without the set-aside file, a save serializes everything', async () => {
  const file = join(root, 'gone', 'out.v8');
  await saveCache(file, cacheOf(3000));
  const read = (await loadCache(file, ENV))!;
  await dropCache(file);
  await rm(`${file}.last`);
  await saveCache(file, nextOf(read, [5]));
  const again = (await loadCache(file, ENV))!;
  assert.equal(again.sources.size, 3001);
  assert.equal(again.sources.get('berita/00005.md')!.stamp, 'new-5');
});
