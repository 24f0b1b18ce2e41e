/** Worker thread of `linear-time.test.ts`: runs one target on one input per message, replies with the result. */
import { parentPort } from 'node:worker_threads';
import { targets } from './adversarial.js';

// Loaded outside a worker (the test runner also runs the files under test/support), it does nothing.
parentPort?.on('message', ({ target, input }: { target: string; input: string }) => {
  const { inputs, run } = targets[target]!;
  parentPort!.postMessage(run(inputs[input]!()));
});
