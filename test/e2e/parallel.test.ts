import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { writeArchive } from '../support/generate.js';
import { build, type BuildResult } from '../../src/build/build.js';
import { formatProblem } from '../../src/messages/format.js';
import { MARKER } from '../../src/output/ownership.js';
import { parseTimestamp } from '../../src/time.js';
import { listFiles, TEST_CONFIG } from '../support/fixtures.js';

/**
 * Threads must not change the output: a generated archive built on one thread and on two
 * worker threads gives the same files, byte for byte. 300 articles is above the size at
 * which build() starts workers, and makes several parse and render batches per worker.
 */
const ARTICLES = 300;

let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'warta-parallel-'));
});
after(() => rm(root, { recursive: true, force: true }));

async function buildWith(jobs: number, content: string, out: string): Promise<BuildResult> {
  const now = parseTimestamp('2026-01-01 00:00:00');
  assert.ok(now.ok);
  return build({ content, out, config: TEST_CONFIG, clock: { now: now.instant, future: false }, jobs });
}

test('a build on two worker threads writes the same bytes as a build on one thread', async () => {
  const content = join(root, 'content');
  assert.equal(await writeArchive(content, { articles: ARTICLES, seed: 7 }), ARTICLES);
  const one = await buildWith(1, content, join(root, 'out-1'));
  const two = await buildWith(2, content, join(root, 'out-2'));
  for (const result of [one, two]) {
    assert.equal(result.ok, true, result.problems.map((p) => formatProblem(p, 'en')).join('\n'));
    assert.equal(result.published, ARTICLES);
  }
  assert.deepEqual({ ...two, stages: undefined }, { ...one, stages: undefined }, 'the build results differ');

  // The site's files: the output also holds warta's marker, which is no file of the site.
  const files = (await listFiles(join(root, 'out-1'))).filter((f) => f !== MARKER);
  assert.ok(files.length > ARTICLES, `expected a page per article and more, found ${files.length} files`);
  assert.equal(files.length, one.files, 'files written differs from the files found');
  assert.deepEqual(
    (await listFiles(join(root, 'out-2'))).filter((f) => f !== MARKER),
    files,
    'the sets of output files differ',
  );
  const differing: string[] = [];
  for (const path of files) {
    const [a, b] = await Promise.all([readFile(join(root, 'out-1', path)), readFile(join(root, 'out-2', path))]);
    if (!a.equals(b)) differing.push(path);
  }
  assert.deepEqual(differing, [], 'files differ between one and two threads');
});
