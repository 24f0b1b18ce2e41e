/**
 * What the machine charges for the things a build does most besides computing: system calls,
 * fresh memory, and a second thread. Figures elsewhere in the README mean little without
 * these: on a virtual machine a system call or a first touch of a memory page can cost ten
 * or more times what it costs on bare metal, and two cores may not give twice the work.
 *
 * - `syscallUs`: one `fstat` of an open file, in microseconds (a build makes several system
 *   calls an article: open, read, write, close, mkdir);
 * - `pageFaultUs`: the first touch of a fresh 4 KiB page (a growing heap or a file buffer);
 * - `markdownScaling`, `arithmeticScaling`: how much more two threads do than one in the same
 *   time, rendering generated article bodies with warta's Markdown renderer (allocation-heavy,
 *   like a build) and running a plain arithmetic loop; 2 is perfect.
 *
 * Run: `node lib/bench/machine.js`; prints one line of JSON.
 */
import { closeSync, fstatSync, openSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { defaults } from '../src/config.js';
import { createBodyRenderer } from '../src/render/markdown.js';
import { bodyPolicy } from '../src/render/sanitize.js';
import { generateArchive } from '../test/support/generate.js';
import { median } from './shared.js';

/** How much work each measurement does; tests pass small ones. */
export interface MachineSizes {
  syscalls: number;
  /** MiB of fresh memory touched a pass. */
  faultMiB: number;
  /** Article bodies rendered by each thread. */
  bodies: number;
  /** Iterations of the arithmetic loop in each thread. */
  loop: number;
}

export const fullSizes: MachineSizes = { syscalls: 20_000, faultMiB: 256, bodies: 1_000, loop: 200_000_000 };

const PASSES = 5;
const PAGE = 4096;

type Task = { kind: 'markdown'; bodies: number } | { kind: 'arithmetic'; loop: number };

/** Milliseconds `task` takes on this thread, once `start` resolves (its set-up is not timed). */
async function runTask(task: Task, start: Promise<unknown>): Promise<number> {
  const render = createBodyRenderer(bodyPolicy(defaults.iframeHosts));
  const bodies =
    task.kind === 'markdown'
      ? [...generateArchive({ articles: task.bodies, seed: 7 })].map((a) =>
          a.text.slice(a.text.indexOf('\n---', 3) + 4),
        )
      : [];
  await start;
  const started = performance.now();
  if (task.kind === 'markdown') {
    for (const body of bodies) render(body);
  } else {
    let x = 0;
    for (let i = 0; i < task.loop; i++) x = (x * 31 + i) | 0;
    if (x === 0.5) process.stdout.write(''); // keeps the loop from being optimised away
  }
  return performance.now() - started;
}

/** Milliseconds until the last of `threads` workers, started together once all are ready, has run `task`. */
async function onThreads(task: Task, threads: number): Promise<number> {
  const workers = Array.from(
    { length: threads },
    () => new Worker(fileURLToPath(import.meta.url), { workerData: task }),
  );
  const next = (worker: Worker) =>
    new Promise<unknown>((resolve, reject) => worker.once('message', resolve).once('error', reject));
  await Promise.all(workers.map(next));
  const done = workers.map(next);
  for (const worker of workers) worker.postMessage('go');
  return Math.max(...((await Promise.all(done)) as number[]));
}

/** How much more two threads do than one in the same time (2: perfect). */
async function scaling(task: Task): Promise<number> {
  const one = await onThreads(task, 1);
  const two = await onThreads(task, 2);
  return (2 * one) / two;
}

function syscallUs(count: number): number {
  const fd = openSync(fileURLToPath(import.meta.url), 'r');
  try {
    const passes = Array.from({ length: PASSES }, () => {
      const started = performance.now();
      for (let i = 0; i < count; i++) fstatSync(fd);
      return ((performance.now() - started) * 1000) / count;
    });
    return median(passes);
  } finally {
    closeSync(fd);
  }
}

function pageFaultUs(mib: number): number {
  const passes = Array.from({ length: PASSES }, () => {
    // A buffer this large is its own fresh mapping: every page is touched for the first time.
    const buffer = Buffer.allocUnsafeSlow(mib << 20);
    const started = performance.now();
    for (let at = 0; at < buffer.length; at += PAGE) buffer[at] = 1;
    return ((performance.now() - started) * 1000 * PAGE) / buffer.length;
  });
  return median(passes);
}

/** The machine's figures (see the file's comment). */
export async function measureMachine(sizes: MachineSizes): Promise<Record<string, number | string>> {
  const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;
  return {
    cpus: cpus().length,
    syscallUs: round(syscallUs(sizes.syscalls), 2),
    pageFaultUs: round(pageFaultUs(sizes.faultMiB), 2),
    markdownScaling: round(await scaling({ kind: 'markdown', bodies: sizes.bodies }), 2),
    arithmeticScaling: round(await scaling({ kind: 'arithmetic', loop: sizes.loop }), 2),
  };
}

if (!isMainThread) {
  const go = new Promise((resolve) => parentPort!.once('message', resolve));
  const ms = runTask(workerData as Task, go);
  parentPort!.postMessage('ready');
  parentPort!.postMessage(await ms);
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${JSON.stringify(await measureMachine(fullSizes))}\n`);
}
