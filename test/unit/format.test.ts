import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import * as prettier from 'prettier';
import { ROOT } from '../support/fixtures.js';

/** The longest a file may grow before it is split by concern: warta's code, and its tests (which carry long inputs and shared setup). */
const MOST_LINES = { code: 400, tests: 450 };

/** Every TypeScript source of warta: the code, its tests and its benchmarks. */
async function sources(): Promise<string[]> {
  const found: string[] = [];
  for (const top of ['src', 'test', 'bench']) {
    for (const entry of await readdir(join(ROOT, top), { recursive: true, withFileTypes: true }))
      if (entry.isFile() && entry.name.endsWith('.ts')) found.push(join(entry.parentPath, entry.name));
  }
  return found.sort();
}

test('every source file is formatted as prettier formats it (npm run format)', async () => {
  const unformatted: string[] = [];
  for (const file of await sources()) {
    const options = { ...(await prettier.resolveConfig(file)), filepath: file };
    if (!(await prettier.check(await readFile(file, 'utf8'), options))) unformatted.push(file.slice(ROOT.length));
  }
  assert.deepEqual(unformatted, [], 'run `npm run format`');
});

test(`no file of src/ or bench/ is longer than ${MOST_LINES.code} lines, no test file longer than ${MOST_LINES.tests}`, async () => {
  const long: string[] = [];
  for (const file of await sources()) {
    const path = file.slice(ROOT.length);
    const lines = (await readFile(file, 'utf8')).split('\n').length - 1;
    if (lines > (path.startsWith('test') ? MOST_LINES.tests : MOST_LINES.code)) long.push(`${path}: ${lines}`);
  }
  assert.deepEqual(long, []);
});
