import { Worker } from 'node:worker_threads';
import type { TaskSetup } from './tasks.js';
import type { WorkerRequest } from './worker.js';

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** Worker threads that parse and render; each holds its own templates and Markdown parser. */
export class WorkerPool {
  private readonly workers: Worker[];
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(size: number, setup: TaskSetup) {
    const entry = new URL('./worker.js', import.meta.url);
    this.workers = Array.from({ length: size }, () => {
      const worker = new Worker(entry, { workerData: setup });
      worker.on('message', (m: { id: number; result?: unknown; failure?: string }) => this.settle(m));
      worker.on('error', (e) => this.failAll(e));
      return worker;
    });
  }

  /** Number of workers. */
  get size(): number {
    return this.workers.length;
  }

  /** Sends one request to one worker. */
  send<T>(worker: number, request: Request): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.workers[worker]!.postMessage({ ...request, id });
    });
  }

  /** Sends the same request to every worker. */
  broadcast(request: Request): Promise<unknown[]> {
    return Promise.all(this.workers.map((_, i) => this.send(i, request)));
  }

  /**
   * Runs batches across the workers, each taking the next batch as it finishes one, with one
   * more sent ahead (a busy thread sees a reply late),
   * and returns results in batch order, whatever order they finished in.
   */
  async map<B, R>(batches: readonly B[], toRequest: (batch: B) => Request, onDone?: (batch: B) => void): Promise<R[]> {
    const results: R[] = new Array(batches.length);
    let next = 0;
    const drain = async (worker: number) => {
      while (next < batches.length) {
        const i = next++;
        results[i] = await this.send<R>(worker, toRequest(batches[i]!));
        onDone?.(batches[i]!);
      }
    };
    // Two batches in flight on each worker: it starts the next while this thread, busy, has not yet seen its reply.
    // Each worker takes its first before any takes its second: a set of as many batches as workers gives each one.
    const lanes = this.workers.map((_, w) => w);
    await Promise.all([...lanes, ...lanes].map(drain));
    return results;
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private settle(m: { id: number; result?: unknown; failure?: string }): void {
    const waiter = this.waiting.get(m.id);
    if (!waiter) return;
    this.waiting.delete(m.id);
    if (m.failure) waiter.reject(new Error(`worker failed: ${m.failure}`));
    else waiter.resolve(m.result);
  }

  private failAll(e: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(e);
    this.waiting.clear();
  }
}

/** Splits items into batches of a given size. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
