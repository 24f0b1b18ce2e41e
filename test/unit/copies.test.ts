import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { digestCopies } from '../../src/incremental/copies.js';

test('a copied file is read for its digest only when its stamp changed, and the same bytes give the same digest', async () => {
  const root = await mkdtemp(join(tmpdir(), 'warta-copies-'));
  try {
    const abs = join(root, 'banjir.jpg');
    await writeFile(abs, Buffer.from([0xff, 0xd8, 1, 2, 3]));
    const first = digestCopies([{ path: 'foto/banjir.jpg', abs, stamp: '5:1' }], undefined);
    const digest = first.copies[0]!.digest;
    // A new time, the same bytes (a fresh clone): read again, the same digest.
    const clone = digestCopies([{ path: 'foto/banjir.jpg', abs, stamp: '5:2' }], first.known);
    assert.equal(clone.copies[0]!.digest, digest);
    assert.deepEqual(clone.known.get(abs), { stamp: '5:2', digest });
    // An unchanged stamp: the known record, the file not read (it is gone).
    await rm(abs);
    const kept = digestCopies([{ path: 'foto/banjir.jpg', abs, stamp: '5:2' }], clone.known);
    assert.equal(kept.known.get(abs), clone.known.get(abs));
    // New bytes under a new stamp: a new digest.
    await writeFile(abs, Buffer.from([0xff, 0xd8, 9, 9, 9]));
    assert.notEqual(
      digestCopies([{ path: 'foto/banjir.jpg', abs, stamp: '5:3' }], kept.known).copies[0]!.digest,
      digest,
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
