import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { readySpare, spareFolder, swapInSpare } from '../../src/output/spare.js';
import { listFiles } from '../support/fixtures.js';

/**
 * The output's spare (double buffering for incremental builds): after each swap the output
 * holds exactly the new build and the spare exactly the one before, sharing unchanged files.
 */

let root: string;
before(async () => (root = await mkdtemp(join(tmpdir(), 'warta-spare-'))));
after(() => rm(root, { recursive: true, force: true }));

type Files = Record<string, string>;

function writeAll(folder: string, files: Files): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
}

async function contents(folder: string): Promise<Files> {
  const files = await listFiles(folder);
  return Object.fromEntries(files.map((f) => [f, readFileSync(join(folder, f), 'utf8')]));
}

/** One incremental build's commit: stage what changed, ready the spare, swap it in. */
function commitBuild(out: string, previous: Files, next: Files, differing: string[] | undefined): string[] {
  const staging = join(root, `staging-${Math.random()}`);
  const changed = Object.keys(next).filter((p) => next[p] !== previous[p]);
  const gone = Object.keys(previous).filter((p) => !(p in next));
  writeAll(staging, Object.fromEntries(changed.map((p) => [p, next[p]!])));
  readySpare(out, differing);
  swapInSpare(out, staging, changed, gone);
  return [...changed, ...gone];
}

test('each swap leaves the new build in the output and the one before in the spare, sharing unchanged files', async () => {
  const out = join(root, 'dist');
  const builds: Files[] = [
    { 'index.html': 'home 1', 'a/index.html': 'a 1', 'b/index.html': 'b 1', 'kategori/x/index.html': 'x 1' },
    { 'index.html': 'home 2', 'a/index.html': 'a 1', 'b/index.html': 'b 2', 'kategori/x/index.html': 'x 1' },
    { 'index.html': 'home 3', 'a/index.html': 'a 1', 'kategori/x/index.html': 'x 1', 'c/d/index.html': 'c 1' },
    { 'index.html': 'home 3', 'a/index.html': 'a 2', 'b/index.html': 'b 3', 'kategori/x/index.html': 'x 1' },
    { 'index.html': 'home 4', 'a/index.html': 'a 2', 'b/index.html': 'b 3', 'kategori/x/index.html': 'x 1' },
  ];
  writeAll(out, builds[0]!);
  let differing: string[] | undefined;
  for (let i = 1; i < builds.length; i++) {
    differing = commitBuild(out, builds[i - 1]!, builds[i]!, differing);
    assert.deepEqual(await contents(out), builds[i], `output after build ${i}`);
    assert.deepEqual(await contents(spareFolder(out)), builds[i - 1], `spare after build ${i}`);
  }
  // Emptied folders go from both sides.
  assert.equal(existsSync(join(out, 'c')), false);
  assert.equal(existsSync(join(spareFolder(out), 'c')), false);
  // An unchanged file is one file under two names.
  assert.equal(
    statSync(join(out, 'kategori/x/index.html')).ino,
    statSync(join(spareFolder(out), 'kategori/x/index.html')).ino,
  );
});

test('without a record of where they differ, the spare is made anew from the output', async () => {
  const out = join(root, 'dist2');
  const first: Files = { 'index.html': 'home 1', 'a/index.html': 'a 1' };
  const second: Files = { 'index.html': 'home 2', 'a/index.html': 'a 1', 'b/index.html': 'b 1' };
  writeAll(out, first);
  writeAll(spareFolder(out), { 'stale.html': 'from a build nothing remembers' });
  commitBuild(out, first, second, undefined);
  assert.deepEqual(await contents(out), second);
  assert.deepEqual(await contents(spareFolder(out)), first);
});
