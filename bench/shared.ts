import { createHash } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Profile } from '../test/support/generate.js';

/** What the benchmarks (bench/run.ts, bench/dev.ts) share: the generated archive, progress lines, medians. */

const GENERATOR = fileURLToPath(new URL('../test/support/generate.js', import.meta.url));
const MARKER = '.warta-bench.json';

/** Progress lines, on stderr. */
export const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * The archive for (articles, seed), generated unless an identical one is already there. An
 * outdated one is moved aside as `stale`, for the caller to delete after the runs (deleting it
 * now would slow the builds' file creation down, see bench/run.ts).
 */
export async function ensureArchive(
  articles: number,
  seed: number,
  profile: Profile = 'news',
): Promise<{ dir: string; stale?: string; seconds: number }> {
  const dir = join(tmpdir(), `warta-bench-${articles}-${seed}${profile === 'news' ? '' : `-${profile}`}`);
  const generator = createHash('sha256')
    .update(await readFile(GENERATOR))
    .digest('hex')
    .slice(0, 16);
  const want = { articles, seed, profile, generator };
  try {
    const have = JSON.parse(await readFile(join(dir, MARKER), 'utf8')) as typeof want;
    if (have.articles === articles && have.seed === seed && have.profile === profile && have.generator === generator)
      return { dir, seconds: 0 };
  } catch {
    // No archive yet, or an unfinished one.
  }
  log(`generating ${articles} articles (seed ${seed}, profile ${profile}) into ${dir} …`);
  const started = performance.now();
  const { writeArchive } = await import('../test/support/generate.js');
  const partial = `${dir}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  const count = await writeArchive(partial, { articles, seed, profile });
  // Hidden, so neither warta nor the floor sees it.
  await writeFile(join(partial, MARKER), `${JSON.stringify({ ...want, files: count })}\n`);
  const stale = `${dir}.stale-${process.pid}`;
  const moved = await rename(dir, stale).then(
    () => true,
    () => false,
  );
  await rename(partial, dir);
  const seconds = (performance.now() - started) / 1000;
  log(`generated in ${seconds.toFixed(1)} s`);
  return { dir, seconds, ...(moved ? { stale } : {}) };
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
