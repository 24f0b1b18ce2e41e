import { parentPort, workerData } from 'node:worker_threads';
import { listPacked, type WalkShare } from './read.js';

/** A thread of `listContentOnThread`: lists the content folder it is given (or the units of a shared walk it takes), and posts the listing packed. */
const { root, share } = workerData as { root: string; share?: WalkShare };
parentPort!.postMessage(await listPacked(root, share));
