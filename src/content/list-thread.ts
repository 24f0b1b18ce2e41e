import { parentPort, workerData } from 'node:worker_threads';
import { listPacked } from './read.js';

/** The thread of `listContentOnThread`: lists the content folder it is given, and posts the listing packed. */
parentPort!.postMessage(await listPacked(workerData as string));
