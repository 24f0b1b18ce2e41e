import { createHash, hash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

/** A short, stable digest of some text or bytes, for signatures and output comparison. */
export function digest(...parts: (string | Uint8Array)[]): string {
  // Each part is followed by a separator, which keeps ("ab", "c") and ("a", "bc") apart. Text
  // goes through the one-shot hash: the same digest as hashing part by part, at half the cost,
  // and builds sign every page.
  if (parts.every((p) => typeof p === 'string')) return hash('sha1', `${parts.join('\u0000')}\u0000`, 'base64url');
  const hasher = createHash('sha1');
  for (const part of parts) hasher.update(part).update('\u0000');
  return hasher.digest('base64url');
}

/** A digest of a file's bytes, read a megabyte at a time (a copied video may be large). */
export function fileDigest(abs: string): string {
  const hasher = createHash('sha1');
  const buffer = Buffer.allocUnsafe(2 ** 20);
  const fd = openSync(abs, 'r');
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer))
      hasher.update(buffer.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return hasher.digest('base64url');
}
