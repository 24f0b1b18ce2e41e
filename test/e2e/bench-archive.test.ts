import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { build } from '../../src/build/build.js';
import { fixturePath, listFiles, TEST_CONFIG, UPDATE } from '../support/fixtures.js';
import { PROFILES, writeArchive } from '../support/generate.js';

/** The digest of every file of the output of the benchmark's archives, by profile: a change of speed must change no byte. */
const GOLDEN = fixturePath('bench-archive.digest.json');

/** One digest of a folder's files: their paths and bytes, in order. */
async function folderDigest(dir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const f of (await listFiles(dir)).sort())
    hash
      .update(`${f}\0`)
      .update(await readFile(join(dir, f)))
      .update('\0');
  return hash.digest('hex');
}

test("the benchmark's archives build to the bytes they built to before (WARTA_UPDATE_FIXTURES=1 records them)", async () => {
  const root = await mkdtemp(join(tmpdir(), 'warta-golden-'));
  try {
    const found: Record<string, string> = {};
    for (const profile of PROFILES) {
      const content = join(root, profile);
      // Enough articles for the worker threads (two jobs) and for several pages of every list.
      await writeArchive(content, { articles: profile === 'long' ? 120 : 400, seed: 1, profile });
      const out = join(root, `${profile}-out`);
      const clock = { now: Date.UTC(2026, 0, 1), future: false };
      const result = await build({ content, out, config: TEST_CONFIG, clock, jobs: 2, cache: 'use' });
      assert.ok(result.ok, profile);
      found[profile] = await folderDigest(out);
    }
    if (UPDATE) await writeFile(GOLDEN, `${JSON.stringify(found, null, 2)}\n`);
    assert.deepEqual(found, JSON.parse(await readFile(GOLDEN, 'utf8')));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
