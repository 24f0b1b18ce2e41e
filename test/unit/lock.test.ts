import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { lockFile, lockOutput, type LockHolder } from '../../src/output/lock.js';
import { repairOutput } from '../../src/output/staging.js';

/** One build at a time per output folder: the lock beside it, and when a lock left behind is taken over. */

let root: string;
let out: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'warta-lock-'));
  out = join(root, 'dist');
});
after(() => rm(root, { recursive: true, force: true }));

/** A process that runs until killed: a build holding the lock, as far as the lock can tell. */
async function otherProcess(): Promise<ChildProcess & { pid: number }> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  await once(child, 'spawn');
  return child as ChildProcess & { pid: number };
}

async function stop(child: ChildProcess): Promise<void> {
  child.kill();
  await once(child, 'exit');
}

function writeLock(holder: Partial<LockHolder> | string): void {
  writeFileSync(lockFile(out), typeof holder === 'string' ? holder : JSON.stringify(holder));
}

function take(): { release(): void } {
  const taken = lockOutput(out);
  assert.ok('lock' in taken, `expected the lock, got ${JSON.stringify(taken)}`);
  return taken.lock;
}

test('the lock is a file beside the output naming this process, given back on release', () => {
  assert.equal(lockFile(out), join(root, '.dist.lock'));
  const lock = take();
  const holder = JSON.parse(readFileSync(lockFile(out), 'utf8')) as LockHolder;
  assert.deepEqual([holder.pid, holder.host], [process.pid, hostname()]);
  // Held, even by this process: two builds of one output never overlap.
  assert.equal('lock' in lockOutput(out), false);
  lock.release();
  assert.equal(existsSync(lockFile(out)), false);
  take().release();
  assert.deepEqual(readdirSync(root), [], 'no temporary file is left beside the output');
});

test('a lock held by a running process is respected; once it is gone, it is taken over', async () => {
  const other = await otherProcess();
  try {
    writeLock({ pid: other.pid, host: hostname(), since: Date.now() });
    const taken = lockOutput(out);
    assert.ok(!('lock' in taken) && taken.holder?.pid === other.pid);
    assert.equal(taken.file, lockFile(out));
  } finally {
    await stop(other);
  }
  take().release();
});

test('a lock of another machine, from before the machine started, or not written by warta is taken over', async () => {
  const other = await otherProcess();
  try {
    for (const stale of [
      { pid: other.pid, host: `${hostname()}-elsewhere`, since: Date.now() },
      { pid: other.pid, host: hostname(), since: 0 },
      'not a lock',
      '',
    ]) {
      writeLock(stale);
      take().release();
    }
  } finally {
    await stop(other);
  }
});

test('a build killed while taking the lock leaves nothing that holds the next one back', async () => {
  const killed = await otherProcess();
  await stop(killed);
  // Killed after writing its holder, before linking it into place: only its own file is left.
  writeFileSync(`${lockFile(out)}-new-${killed.pid}`, JSON.stringify({ pid: killed.pid, host: hostname(), since: 1 }));
  const lock = take();
  await repairOutput(out);
  assert.deepEqual(readdirSync(root), ['.dist.lock']);
  lock.release();
});

test('releasing leaves alone a lock another build has taken since', async () => {
  const lock = take();
  const other = await otherProcess();
  try {
    writeLock({ pid: other.pid, host: hostname(), since: Date.now() });
    lock.release();
    assert.equal(existsSync(lockFile(out)), true);
  } finally {
    await stop(other);
    await rm(lockFile(out), { force: true });
  }
});

test("repairing after an interrupted build keeps the running build's lock", async () => {
  const lock = take();
  await repairOutput(out);
  assert.equal(existsSync(lockFile(out)), true);
  lock.release();
});
