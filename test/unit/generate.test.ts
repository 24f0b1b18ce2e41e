import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateArchive, writeArchive, type GeneratedArticle } from '../support/generate.js';

const all = (articles: number, seed: number, clusters = true): GeneratedArticle[] => [
  ...generateArchive({ articles, seed, clusters }),
];

test('the same seed gives byte-identical archives', () => {
  assert.deepEqual(all(300, 42), all(300, 42));
});

test('different seeds give different archives', () => {
  const a = all(50, 1);
  const b = all(50, 2);
  assert.notDeepEqual(
    a.map((x) => x.text),
    b.map((x) => x.text),
  );
});

test('paths, slugs and URLs are unique and valid', () => {
  const articles = all(500, 3);
  const paths = new Set(articles.map((a) => a.path));
  const urls = new Set(articles.map((a) => a.meta.url));
  assert.equal(paths.size, articles.length);
  assert.equal(urls.size, articles.length);
  for (const a of articles) {
    assert.match(a.path, /^\d{4}\/\d{2}\/[a-z0-9]+(?:-[a-z0-9]+)*\.md$/);
    assert.match(a.meta.url, /^\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9]+(?:-[a-z0-9]+)*\/$/);
  }
});

test('front matter carries the contract fields, dates before 2026 in WIB', () => {
  for (const a of all(200, 4)) {
    const fm = /^---\n([\s\S]*?)\n---\n/.exec(a.text)?.[1];
    assert.ok(fm, a.path);
    assert.match(fm, /^title: ".+"$/m);
    assert.match(fm, /^byline:/m);
    assert.match(fm, /^category: \S/m);
    const date = /^date: (\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/m.exec(fm);
    assert.ok(date, a.path);
    const [, y, mo, d, h, mi, s] = date.map(Number);
    assert.equal(Date.UTC(y!, mo! - 1, d!, h! - 7, mi!, s!), a.meta.date);
    assert.ok(a.meta.date < Date.UTC(2025, 11, 31, 17));
  }
});

test('bodies are 350–900 words of Markdown and about 30% belong to stories', () => {
  const articles = all(1000, 5);
  for (const a of articles.slice(0, 100)) {
    const body = a.text.slice(a.text.indexOf('\n---\n') + 5);
    const words = body.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
    assert.ok(words >= 340 && words <= 1000, `${a.path}: ${words} words`);
  }
  const clustered = articles.filter((a) => a.story !== undefined).length / articles.length;
  assert.ok(clustered > 0.2 && clustered < 0.4, `clustered share ${clustered}`);
  assert.ok(all(100, 5, false).every((a) => a.story === undefined));
});

test('writeArchive writes every article where its path says', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'warta-gen-'));
  try {
    assert.equal(await writeArchive(dir, { articles: 20, seed: 6 }), 20);
    const first = all(20, 6)[0]!;
    assert.equal(await readFile(join(dir, first.path), 'utf8'), first.text);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the parts benchmark measures every part of an article page over a generated archive', async () => {
  const { measureParts } = await import('../../bench/parts.js');
  const dir = await mkdtemp(join(tmpdir(), 'warta-parts-test-'));
  try {
    await writeArchive(dir, { articles: 20, seed: 5 });
    const parts = measureParts(dir, 10);
    assert.equal(parts.articles, 10);
    const summed = ['read', 'parse', 'markdown', 'template', 'write'].map((key) => parts[key]!);
    assert.ok(
      [...summed, parts.terms!].every((us) => Number.isFinite(us) && us >= 0),
      JSON.stringify(parts),
    );
    // Each part is rounded on its own: the sum of the rounded parts is within rounding of the sum.
    assert.ok(Math.abs(parts.sum! - summed.reduce((a, b) => a + b, 0)) <= 3, JSON.stringify(parts));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the machine benchmark measures system calls, fresh memory and what a second thread gives', async () => {
  const { measureMachine } = await import('../../bench/machine.js');
  const machine = await measureMachine({ syscalls: 200, faultMiB: 4, bodies: 5, loop: 2_000_000 });
  for (const key of ['syscallUs', 'pageFaultUs', 'markdownScaling', 'arithmeticScaling']) {
    const value = machine[key];
    assert.ok(typeof value === 'number' && Number.isFinite(value) && value > 0, `${key}: ${JSON.stringify(machine)}`);
  }
  assert.ok(Number(machine.cpus) >= 1);
});
