import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeSource } from '../../src/content/source.js';

const bytes = (text: string) => new TextEncoder().encode(text);

test('a file with invalid UTF-8 does not spoil the decoding of the next file', () => {
  // Cut inside a three-byte character, then an invalid byte: the search for the bad byte decodes prefixes as streams.
  const bad = Uint8Array.from([...bytes('---\ntitle: Ruang '), 0xe2, 0x82, 0x41, ...bytes('\n---\n')]);
  const first = decodeSource(bad);
  assert.deepEqual(first, { ok: false, code: 'encoding', byte: 17 });
  const next = decodeSource(bytes('---\ntitle: Berita €\n---\nIsi.\n'));
  assert.deepEqual(next, { ok: true, text: '---\ntitle: Berita €\n---\nIsi.\n' });
});

test('the first invalid byte is found exactly, past valid characters of every length', () => {
  const valid = bytes('é€𝄞 kata '.repeat(50));
  const bad = Uint8Array.from([...valid, 0xc0, 0x80, ...bytes('sisa')]);
  assert.deepEqual(decodeSource(bad), { ok: false, code: 'encoding', byte: valid.length });
});
