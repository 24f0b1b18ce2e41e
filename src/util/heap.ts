import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Has V8 collect the main thread's garbage now. When rendering starts, the main heap holds
 * the garbage of parsing, modelling and planning as well as the site; while the workers
 * render, the main thread allocates so little that V8 would not collect it before the end.
 * At 100,000 articles that garbage is about 300 MiB of the build's peak memory; a full
 * collection costs about 0.3 s there. `--expose-gc` exposes `gc` only to contexts made after
 * it is set, hence the new context.
 */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/**
 * From now on V8 lets the heap grow by at most `percent` of what survived its last full
 * collection, not by its own factor (up to 4×). While the workers render, the main thread
 * renders the list pages, whose garbage outlives the young generation: with its own factor, V8
 * let the heap of a 100,000-article build (about 500 MiB live) grow past 1.6 GiB before
 * collecting it, the build's peak. The flag is process-wide, so it holds for the workers too,
 * whose heaps are small.
 */
export function limitHeapGrowth(percent: number): void {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
