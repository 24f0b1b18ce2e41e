import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { build, type BuildOptions } from '../../src/build/build.js';
import { fixturePath, listFiles, ROOT, TEST_CONFIG } from '../support/fixtures.js';

/**
 * The quick path's cases as fixture folders: `before/` is built (writing the cache), the files
 * of `edit/` are put over it, and the incremental build that follows takes the path and parses
 * what `expected/result.json` says, and writes what a clean build of the edited archive writes.
 */

const CASES = (await readdir(join(ROOT, 'test', 'fixtures'))).filter((name) => name.startsWith('incremental-')).sort();
const NOW = Date.UTC(2026, 0, 1);

for (const name of CASES) {
  test(`${name}: the incremental build takes the expected path and equals a clean build`, async () => {
    const root = await mkdtemp(join(tmpdir(), `warta-${name}-`));
    try {
      const content = join(root, 'content');
      await cp(join(fixturePath(name), 'before'), content, { recursive: true });
      const options = (out: string, cache?: 'use'): BuildOptions => ({
        content,
        out: join(root, out),
        config: { ...TEST_CONFIG, relatedCount: 2 },
        clock: { now: NOW, future: false },
        jobs: 1,
        cache,
      });
      assert.equal((await build(options('dist', 'use'))).ok, true);
      await putEdit(join(fixturePath(name), 'edit'), content);
      const result = await build(options('dist', 'use'));
      const expected = JSON.parse(await readFile(join(fixturePath(name), 'expected', 'result.json'), 'utf8')) as {
        quick: boolean;
        parsed: number;
      };
      assert.deepEqual({ ok: result.ok, quick: result.quick, parsed: result.parsed }, { ok: true, ...expected });
      assert.equal((await build(options('clean'))).ok, true);
      assert.deepEqual(await snapshot(join(root, 'dist')), await snapshot(join(root, 'clean')));
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
}

/** Copies the edit's files over the archive, each given a later time (a save, even of the same bytes). */
async function putEdit(edit: string, content: string): Promise<void> {
  const later = new Date(Date.now() + 60_000);
  for (const path of await listFiles(edit)) {
    await cp(join(edit, path), join(content, path));
    await utimes(join(content, path), later, later);
  }
}

/** Every file under a folder and its bytes. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = await listFiles(dir);
  return new Map(
    await Promise.all(files.map(async (f) => [f, (await readFile(join(dir, f))).toString('base64')] as const)),
  );
}
