import { dropCache } from '../incremental/cache.js';
import { updateThroughSpare } from '../output/spare.js';
import type { Staging } from '../output/staging.js';

/**
 * Commits an incremental build, full or quick, through the output's spare: the cache is
 * dropped first (the spare changes now: a build killed from here on must not find a cache that
 * describes it), the changed files go in, the gone ones out, and the staging folder is let go.
 * Gives where the output and its spare differ, for the cache written next.
 */
export async function commitThroughSpare(
  out: string,
  cacheFile: string,
  staging: Staging,
  differing: string[] | undefined,
  changed: string[],
  gone: string[],
): Promise<string[] | undefined> {
  await dropCache(cacheFile);
  const next = updateThroughSpare(out, staging.folder, differing, changed, gone);
  await staging.abort();
  return next;
}
