import { parentPort, workerData } from 'node:worker_threads';
import { listContent, packListing } from './read.js';

/** The thread of `listContentOnThread`: lists the content folder it is given, and posts the listing packed. */
parentPort!.postMessage(packListing(await listContent(workerData as string)));
