import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildFixture, fixturePath, isExpected, listFiles, UPDATE, writeExpected } from '../support/fixtures.js';

// Site fixtures hold a content/ folder (the incremental ones, before/ and edit/: see incremental-fixtures.test.ts).
const fixtures = readdirSync(join(fixturePath('.')), { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(fixturePath(e.name), 'content')))
  .map((e) => e.name)
  .sort();

/**
 * Each fixture under test/fixtures/<behaviour>/ is built end to end. A site that builds
 * is compared file by file, byte for byte, with expected/; an invalid one's formatted
 * problems are compared with errors.txt. WARTA_UPDATE_FIXTURES=1 rewrites both.
 */
for (const name of fixtures) {
  test(`fixture ${name}`, async () => {
    const { result, writer, errors } = await buildFixture(name);
    const errorsFile = join(fixturePath(name), 'errors.txt');
    if (UPDATE) {
      await writeFile(errorsFile, errors);
      if (result.ok) await writeExpected(name, writer);
      return;
    }
    assert.equal(errors, await readFile(errorsFile, 'utf8'), 'problems differ from errors.txt');
    const expectedDir = join(fixturePath(name), 'expected');
    const expected = await listFiles(expectedDir);
    if (!result.ok) return assert.deepEqual(expected, [], 'a failed build must not have expected output');
    assert.deepEqual([...writer.files.keys()].filter(isExpected).sort(), expected, 'the set of output files differs');
    // The search page names the index's parts: each is there (their bytes are Pagefind's: see isExpected).
    const search = writer.text('cari/index.html');
    const parts = search
      ? (JSON.parse(/id="cari-indeks">(.*?)<\/script>/s.exec(search)![1]!) as { parts: { key: string }[] }).parts
      : [];
    for (const folder of ['pagefind/', ...parts.map((p) => `pagefind/${p.key}/`)])
      assert.ok(writer.files.has(`${folder}pagefind-entry.json`), `${folder} has its index`);
    for (const path of expected) {
      assert.equal(writer.text(path), await readFile(join(expectedDir, path), 'utf8'), `${path} differs`);
    }
  });
}
