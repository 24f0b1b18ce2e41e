import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeRaw, encodeRaw } from '../../src/incremental/raw.js';

const bytesOf = (parts: Uint8Array[]) => Buffer.concat(parts);

test('plain data with typed arrays reads back equal, each array a view of the bytes read', () => {
  const big = new Int32Array([1, 2, 3, 4, 5, 6, 7, 8]);
  const value = {
    names: ['kapal', 'Laut Banda', 'ä\u2019ö'],
    urls: '/a/\u0000/b/',
    joined: '/berita/ä-ö\u2019/\u0000'.repeat(1000),
    count: 8,
    scores: new Float64Array([0.5, NaN, -0, Infinity]),
    flags: new Uint8Array([1, 0, 1]),
    table: { start: big.subarray(2, 5), term: new Int32Array(0) },
    members: [new Int32Array([9]), big.subarray(6)],
  };
  const bytes = bytesOf(encodeRaw(value));
  const read = decodeRaw(bytes) as typeof value;
  assert.deepEqual(read, value);
  assert.ok(Object.is(read.scores[2], -0) && Number.isNaN(read.scores[1]!));
  assert.equal(read.table.start.buffer, bytes.buffer, 'a view, not a copy');
  // A view is stored as its own bytes, not its whole buffer.
  const size = (x: Int32Array) => bytesOf(encodeRaw({ x })).length;
  assert.equal(size(big) - size(big.subarray(6)), 24);
});

test('bytes that are not aligned (a part of a larger buffer) are copied, and read back equal', () => {
  const value = { a: new Float64Array([1.25, 2.5]), b: new Int16Array([-3, 4]) };
  const bytes = bytesOf(encodeRaw(value));
  const shifted = Buffer.alloc(bytes.length + 1);
  bytes.copy(shifted, 1);
  assert.deepEqual(decodeRaw(shifted.subarray(1)), value);
});

test('an array said to lie past the end of the bytes is refused', () => {
  const bytes = bytesOf(encodeRaw({ a: new Int32Array(16) }));
  assert.throws(() => decodeRaw(bytes.subarray(0, bytes.length - 8)), /past the end/);
});
