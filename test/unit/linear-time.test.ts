import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { targets } from '../support/adversarial.js';

/**
 * Every hostile input of about a megabyte goes through the real function in a worker thread.
 * No timings are asserted: each test has a timeout far above what linear work takes (well
 * under a second for most, a few seconds for the whole article) and far below what the
 * quadratic regexes took (minutes). A timeout cannot interrupt synchronous work on the
 * test's own thread, hence the worker, which a timeout terminates.
 */
const TIMEOUT_MS = 20_000;
/** Parsing and rendering a whole article: markdown-it alone takes seconds on some of these. */
const ARTICLE_TIMEOUT_MS = 60_000;

let worker: Worker | undefined;
after(() => worker?.terminate());

/** Runs a target on an input in the worker; a timeout (the signal) or a crash ends the worker. */
function inWorker(target: string, input: string, signal: AbortSignal): Promise<unknown> {
  const w = (worker ??= new Worker(new URL('../support/linear-time-worker.js', import.meta.url)));
  return new Promise((resolve, reject) => {
    const settle = (done: () => void) => {
      signal.removeEventListener('abort', onAbort);
      w.off('message', onMessage).off('error', onError);
      done();
    };
    const onMessage = (result: unknown) => settle(() => resolve(result));
    const onError = (e: Error) =>
      settle(() => {
        worker = undefined;
        reject(e);
      });
    const onAbort = () =>
      settle(() => {
        worker = undefined;
        void w.terminate();
        reject(new Error(`${target} on ${input}: timed out`));
      });
    signal.addEventListener('abort', onAbort, { once: true });
    w.on('message', onMessage).on('error', onError);
    w.postMessage({ target, input });
  });
}

for (const [target, { inputs, expected }] of Object.entries(targets)) {
  for (const input of Object.keys(inputs)) {
    const timeout = target === 'article' ? ARTICLE_TIMEOUT_MS : TIMEOUT_MS;
    test(`${target}: ${input}, 1 MB, in linear time`, { timeout }, async (t) => {
      const result = await inWorker(target, input, t.signal);
      if (expected) assert.deepEqual(result, expected(input));
    });
  }
}
