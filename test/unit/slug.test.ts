import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isValidSlug, slugFromPath, slugify } from '../../src/content/slug.js';

test('derived slugs are transliterated, lower-cased, with runs of other characters made one hyphen', () => {
  assert.equal(slugify('Wang Yi & Lavrov: "Moskow"'), 'wang-yi-lavrov-moskow');
  assert.equal(slugify('Ékonomi Dünia'), 'ekonomi-dunia');
  assert.equal(slugify('北京'), 'beijing');
  assert.equal(slugify('--- !!! ---'), '');
});

test('file names lose .md and a leading date', () => {
  assert.equal(slugFromPath('2025/04/2025-04-02-wang-yi.md'), 'wang-yi');
  assert.equal(slugFromPath('2025/04/Berita Utama.MD'), 'berita-utama');
});

test('explicit slugs must already be valid', () => {
  for (const ok of ['a', 'wang-yi-2', '2025']) assert.ok(isValidSlug(ok), ok);
  for (const bad of ['', 'A', 'a--b', '-a', 'a-', 'a_b', '../x', 'a/b', 'é']) assert.ok(!isValidSlug(bad), bad);
});
