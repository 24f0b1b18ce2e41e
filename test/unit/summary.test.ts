import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cut, summarise } from '../../src/content/summary.js';

test('the summary is the first paragraph as plain text, skipping headings and images', () => {
  const body = '## Subjudul\n\n![foto](/a.jpg)\n\nMenteri **Wang Yi** bertemu [Lavrov](https://x.example) di `Moskow`.\n\nParagraf kedua.';
  assert.equal(summarise(body), 'Menteri Wang Yi bertemu Lavrov di Moskow.');
});

test('long text is cut at a word boundary near 160 characters', () => {
  const words = Array.from({ length: 60 }, (_, i) => `kata${i}`).join(' ');
  const summary = summarise(words);
  assert.ok(summary.length <= 161, `${summary.length}`);
  assert.ok(summary.endsWith('…'));
  assert.ok(words.startsWith(summary.slice(0, -1)));
  assert.ok(!summary.slice(0, -1).endsWith(' '));
});

test('text without spaces is cut at ~160 characters without splitting a character', () => {
  const text = '日本のプロサッカーリーグ'.repeat(20) + '😀'.repeat(100);
  const summary = cut(text, 160);
  assert.equal([...summary.slice(0, -1)].length <= 160, true);
  assert.ok(!/[\uD800-\uDBFF]$/.test(summary.slice(0, -1)), 'no lone surrogate');
  assert.ok(text.startsWith(summary.slice(0, -1)));
});
