import type { DigestedCopy } from '../render/plan.js';
import { fileDigest } from '../util/digest.js';

/** A file copied into the output as it is. */
export interface CopySource {
  /** Its path in the output. */
  path: string;
  abs: string;
  /** Size and modification time. */
  stamp: string;
}

/** What a build knew of a copied file: its stamp then and the digest of its bytes. */
export interface KnownCopy {
  stamp: string;
  digest: string;
}

/** Known copied files by absolute path. */
export type KnownCopies = Map<string, KnownCopy>;

/**
 * Each copied file with the digest of its bytes: the one known while the file's stamp is
 * unchanged (the very record, which tells the cache its entry is unchanged), else read and
 * hashed again. A copy signs its bytes, not its time, so a fresh clone (every file given a new
 * time) copies nothing again. Gives the copies, in order, and what to know next time.
 */
export function digestCopies(
  copies: readonly CopySource[],
  known: ReadonlyMap<string, KnownCopy> | undefined,
): { copies: DigestedCopy[]; known: KnownCopies } {
  const next: KnownCopies = new Map();
  const digested = copies.map(({ path, abs, stamp }) => {
    const last = known?.get(abs);
    const entry = last?.stamp === stamp ? last : { stamp, digest: fileDigest(abs) };
    next.set(abs, entry);
    return { path, abs, digest: entry.digest };
  });
  return { copies: digested, known: next };
}
