import { parentPort, workerData } from 'node:worker_threads';
import { listPacked, type WalkPart } from './read.js';

/** A thread of `listContentOnThread`: lists the content folder it is given (or its part of it), and posts the listing packed. */
const { root, part } = workerData as { root: string; part?: WalkPart };
parentPort!.postMessage(await listPacked(root, part));
