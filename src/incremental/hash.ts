import { createHash } from 'node:crypto';

/** A short, stable digest of some text or bytes, for signatures and output comparison. */
export function digest(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha1');
  for (const part of parts) {
    hash.update(part);
    // A separator keeps ("ab", "c") and ("a", "bc") apart.
    hash.update('\u0000');
  }
  return hash.digest('base64url');
}
