import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { writeArchive } from '../support/generate.js';
import { build, type BuildOptions, type BuildResult } from '../../src/build/build.js';
import { createEngine } from '../../src/build/engine.js';
import { listFiles, TEST_CONFIG } from '../support/fixtures.js';

/** The build clock: after every generated article. */
const NOW = Date.UTC(2026, 0, 1);

/** A generated archive (several years: a part of the index per year) with a withdrawn, a draft, an embargoed article and a static page, each with a word of its own. */
async function sandbox(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'warta-search-'));
  const content = join(root, 'content');
  await writeArchive(content, { articles: 60, seed: 11 });
  const front = (title: string, extra = '') =>
    `---\ntitle: ${title}\nbyline: Redaksi\ncategory: Nasional\ndate: 2025-06-01 10:00:00\n${extra}---\n`;
  await mkdir(join(content, 'uji'));
  await mkdir(join(content, 'halaman'));
  await writeFile(
    join(content, 'uji', 'dicabut.md'),
    `${front('Dicabut', 'withdrawn:\n  at: 2025-06-02 10:00:00\n  reason: Salah.\n')}Kata rahasiadicabut.\n`,
  );
  await writeFile(join(content, 'uji', 'draf.md'), `${front('Draf', 'draft: true\n')}Kata rahasiadraf.\n`);
  await writeFile(
    join(content, 'uji', 'embargo.md'),
    `${front('Embargo').replace('2025-06-01', '2027-01-01')}Kata rahasiaembargo.\n`,
  );
  await writeFile(join(content, 'halaman', 'redaksi.md'), '---\ntitle: Redaksi\n---\nKata rahasiahalaman.\n');
  return root;
}

function options(root: string, out: string, cache: BuildOptions['cache']): BuildOptions {
  return {
    content: join(root, 'content'),
    out: join(root, out),
    config: { ...TEST_CONFIG, search: true },
    clock: { now: NOW, future: false },
    jobs: 2,
    cache,
  };
}

/** Every file under a folder and its bytes. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = await listFiles(dir);
  return new Map(
    await Promise.all(files.map(async (f) => [f, (await readFile(join(dir, f))).toString('base64')] as const)),
  );
}

/** What the index's fragments hold (one per article), by the part's folder: each record's URL and text. */
async function records(out: string): Promise<{ part: string; url: string; content: string }[]> {
  const files = (await listFiles(join(out, 'pagefind'))).filter((f) => /^\d[^/]*\/fragment\//.test(f));
  return Promise.all(
    files.map(async (f) => {
      const text = gunzipSync(await readFile(join(out, 'pagefind', f))).toString('utf8');
      // Pagefind's fragments start with a marker, then the record as JSON.
      const record = JSON.parse(text.slice(text.indexOf('{'))) as { url: string; content: string };
      return { part: f.slice(0, f.indexOf('/')), url: record.url, content: record.content };
    }),
  );
}

/** The files that differ between two snapshots, or are in one only. */
function differing(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((f) => a.get(f) !== b.get(f)).sort();
}

/** Builds clean into `clean` and checks the incremental output `out` has the same bytes. */
async function sameAsClean(root: string, out: string, what: string): Promise<void> {
  await rm(join(root, 'clean'), { recursive: true, force: true });
  assert.ok((await build(options(root, 'clean', 'clean'))).ok);
  assert.deepEqual(await snapshot(join(root, out)), await snapshot(join(root, 'clean')), what);
}

test('the index holds every published article, and no withdrawn, draft or embargoed article nor any static page', async () => {
  const root = await sandbox();
  try {
    const before = await listFiles(join(root, 'content'));
    const result = await build(options(root, 'dist', 'use'));
    assert.ok(result.ok, JSON.stringify(result.problems));
    const found = await records(join(root, 'dist'));
    assert.equal(found.length, result.published);
    assert.equal(new Set(found.map((r) => r.url)).size, result.published);
    for (const r of found) assert.match(r.url, /^\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+\/$/);
    assert.ok(!found.some((r) => /rahasia/.test(r.content)), 'nothing unpublished is searchable');
    // Pagefind wrote nothing beside the output: the content folder is as it was.
    assert.deepEqual(await listFiles(join(root, 'content')), before);
    // A second clean build gives the same bytes.
    const first = await snapshot(join(root, 'dist'));
    assert.ok((await build(options(root, 'again', undefined))).ok);
    assert.deepEqual(await snapshot(join(root, 'again')), first);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test("an article's edit makes its part of the index again and keeps the others; the incremental output equals a clean build", async () => {
  const root = await sandbox();
  const out = join(root, 'dist');
  try {
    const first = await build(options(root, 'dist', 'use'));
    assert.ok(first.ok);
    const parts = new Set((await records(out)).map((r) => r.part));
    assert.ok(parts.size >= 3, `${parts.size} parts`);
    assert.equal(first.indexed, parts.size);
    const file = (await listFiles(join(root, 'content'))).find((f) => /^20\d\d\//.test(f) && f.endsWith('.md'))!;
    const edit = async (change: (text: string) => string, quick: boolean, what: string): Promise<BuildResult> => {
      const before = await snapshot(out);
      await writeFile(join(root, 'content', file), change(await readFile(join(root, 'content', file), 'utf8')));
      const result = await build(options(root, 'dist', 'use'));
      assert.deepEqual([result.ok, result.quick, result.indexed], [true, quick, 1], what);
      const changed = differing(before, await snapshot(out)).filter((f) => f.startsWith('pagefind/'));
      const touched = new Set(changed.map((f) => f.split('/')[1]));
      assert.equal(touched.size, 1, `${what}: ${changed.join(', ')}`);
      await sameAsClean(root, 'dist', what);
      return result;
    };
    // A body edit: the quick path.
    await edit((t) => `${t}\nWarga menyebut kata zirkonium.\n`, true, 'a body edit');
    const withWord = (await records(out)).filter((r) => r.content.includes('zirkonium'));
    assert.equal(withWord.length, 1);
    // A title edit: the full path.
    await edit((t) => t.replace(/^title: .*$/m, 'title: Judul Baru Sekali'), false, 'a title edit');
    assert.ok((await records(out)).some((r) => r.content.startsWith('Judul Baru Sekali. ')));
    // Nothing changed: nothing made again.
    const again = await build(options(root, 'dist', 'use'));
    assert.deepEqual([again.quick, again.written, again.indexed ?? 0], [true, 0, 0]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('warta dev makes no index: its search page says that warta build does', async () => {
  const root = await sandbox();
  try {
    const engine = createEngine(options(root, 'dev', undefined));
    try {
      assert.ok((await engine.rebuild()).ok);
    } finally {
      await engine.close();
    }
    const page = await readFile(join(root, 'dev', 'cari', 'index.html'), 'utf8');
    assert.match(page, /dibuat oleh <code>warta build<\/code>/);
    assert.doesNotMatch(page, /cari\.js/);
    assert.ok(!(await listFiles(join(root, 'dev'))).some((f) => f.startsWith('pagefind/')));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('with search off there is no search page, no index and no link to them', async () => {
  const root = await sandbox();
  try {
    const off = { ...options(root, 'dist', undefined), config: { ...TEST_CONFIG, search: false } };
    assert.ok((await build(off)).ok);
    const files = await listFiles(join(root, 'dist'));
    assert.ok(!files.some((f) => f.startsWith('pagefind/') || f.startsWith('cari/')));
    assert.doesNotMatch(await readFile(join(root, 'dist', 'index.html'), 'utf8'), /\/cari\//);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
