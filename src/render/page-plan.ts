import type { PageView } from './views.js';

/** A file copied into the output as it is, with the digest of its bytes, which its copy signs. */
export interface DigestedCopy {
  /** Its path in the output. */
  path: string;
  abs: string;
  digest: string;
}

/**
 * One output file of the site and the signature of everything it is made from. Two builds
 * that give a file the same signature give it the same bytes, so an incremental build renders
 * only files whose signature changed, and the result equals a full build.
 */
export type PagePlan =
  | { kind: 'article'; path: string; sig: string; index: number }
  | { kind: 'page'; path: string; sig: string; template: string; page?: PageView; stories?: readonly number[] }
  | { kind: 'data'; path: string; sig: string; data: string }
  | { kind: 'copy'; path: string; sig: string; from: string }
  // A file of the search index, already written when Pagefind made it (see build/search.ts), with the digest of its bytes.
  | { kind: 'search'; path: string; sig: string; hash: string }
  // A data file written as soon as it was planned, its text let go (see build/full-render.ts); its hash is its signature, as a data file's.
  | { kind: 'written'; path: string; sig: string; hash: string };
