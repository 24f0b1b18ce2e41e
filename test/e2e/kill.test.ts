import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { mulberry32, writeArchive } from '../support/generate.js';
import { listFiles, ROOT } from '../support/fixtures.js';

/**
 * Nothing lost: `warta build` killed (SIGKILL, no chance to clean up, or Ctrl-C's SIGINT) at
 * moments spread over the whole build, parsing, rendering on workers, writing, committing,
 * linking the output's spare, saving the cache, leaves the last good output whole and
 * unchanged, and the next build repairs whatever the killed one left.
 */

const BIN = join(ROOT, 'bin', 'warta.js');
const NOW = '2026-01-01 00:00:00';
/** Enough articles for the build to use worker threads and to take a while. */
const ARTICLES = 100;
const KILLS = 5;
const SEED = 20250402;

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'warta-kill-'));
  await writeArchive(join(dir, 'content'), { articles: ARTICLES, seed: 7 });
});
after(() => rm(dir, { recursive: true, force: true }));

/** Two versions of the archive: B has one more article, which changes its page, home, a category, the feed, the sitemap. */
type Variant = 'A' | 'B';
const EXTRA = join('content', 'zz', 'uji-mati-listrik.md');

async function useVariant(v: Variant): Promise<void> {
  if (v === 'A') return rm(join(dir, EXTRA), { force: true });
  await mkdir(join(dir, 'content', 'zz'), { recursive: true });
  await writeFile(
    join(dir, EXTRA),
    '---\ntitle: Listrik Padam di Jakarta Selatan\nbyline: Redaksi\ncategory: Nasional\ndate: 2025-12-31 23:00:00\n---\nListrik padam selama dua jam.\n',
  );
}

/** Every file of a folder with a hash of its bytes; undefined when the folder does not exist. */
async function snapshot(folder: string): Promise<Map<string, string> | undefined> {
  if (!existsSync(folder)) return undefined;
  const files = await listFiles(folder);
  const hashes = await Promise.all(
    files.map(
      async (f) =>
        [
          f,
          createHash('sha256')
            .update(await readFile(join(folder, f)))
            .digest('hex'),
        ] as const,
    ),
  );
  return new Map(hashes);
}

/** Runs `warta build` in the site folder; kills it with SIGKILL after `killAfter` ms, if given. */
function runBuild(
  args: string[],
  killAfter?: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; pid: number; stderr: string }> {
  const child = spawn(
    process.execPath,
    [
      BIN,
      'build',
      '--base-url',
      'https://warta.example',
      '--now',
      NOW,
      '--quiet',
      '--jobs',
      '2',
      ...(args.length ? args : ['--clean']),
    ],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const timer = killAfter === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfter);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, pid: child.pid!, stderr });
    });
  });
}

/** Names beside the output folder that killed builds leave: staging and old folders (the spare is meant to stay). */
async function leftovers(): Promise<string[]> {
  return (await readdir(dir)).filter((e) => e.startsWith('.dist.') && e !== '.dist.spare');
}

/** Moments of a build's commit, each marked by a name appearing beside the output. */
type KillPoint = 'staging' | 'old' | 'spare' | 'cache';

/**
 * Runs `warta build` and, the moment the point's name appears (a file system event), stops it
 * (SIGSTOP, so it is caught right there), then sends it `signal`. At the spare, it lets the
 * build go on linking until `later` more entries of the spare were made, and notes how many
 * files were linked.
 */
async function runBuildKilledAt(
  args: string[],
  point: KillPoint,
  signal: NodeJS.Signals,
  later = 0,
): Promise<Awaited<ReturnType<typeof runBuild>> & { spare?: number; caught: boolean }> {
  const watchers: FSWatcher[] = [];
  let [reachedOnce, caught] = [false, false];
  let spare: number | undefined;
  const child = spawn(
    process.execPath,
    [BIN, 'build', '--base-url', 'https://warta.example', '--now', NOW, '--quiet', '--jobs', '2', ...args],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const names: Record<Exclude<KillPoint, 'cache'>, string> = {
    staging: `.dist.staging-${child.pid}`,
    old: `.dist.old-${child.pid}`,
    spare: '.dist.spare',
  };
  const kill = async () => {
    caught = true;
    child.kill('SIGSTOP');
    for (const w of watchers) w.close();
    if (point === 'spare') spare = (await listFiles(join(dir, '.dist.spare'))).length;
    child.kill(signal);
    if (signal !== 'SIGKILL') child.kill('SIGCONT');
  };
  const reached = () => {
    if (reachedOnce) return;
    reachedOnce = true;
    if (point !== 'spare' || later === 0) return void kill();
    // Stopped while the spare is made, watched, and let go on until `later` entries later.
    child.kill('SIGSTOP');
    let seen = 0;
    watchers.push(watch(join(dir, '.dist.spare'), { recursive: true }, () => ++seen === later && void kill()));
    child.kill('SIGCONT');
  };
  const onEvent = (name: string | null) => {
    if (point === 'cache' ? name?.endsWith(`.${child.pid}.tmp`) : name === names[point] && existsSync(join(dir, name)))
      reached();
  };
  // The cache is saved through temporary files (`<name>.<pid>.tmp`) in these two folders, which earlier builds made.
  const folders = point === 'cache' ? [join(dir, '.warta-cache'), join(dir, '.warta-cache', 'dist.chunks')] : [dir];
  for (const folder of folders) watchers.push(watch(folder, (_, name) => onEvent(name)));
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, closed) => {
      for (const w of watchers) w.close();
      resolve({ code, signal: closed, pid: child.pid!, stderr, spare, caught });
    });
  });
}

/**
 * Kills a build of `target` after `delay` ms and checks what it leaves (see `checkKilled`).
 * Returns the variant the output now holds.
 */
async function killAndCheck(
  args: string[],
  delay: number,
  current: Variant,
  target: Variant,
  snap: Record<Variant, Map<string, string>>,
  outcomes: string[],
): Promise<Variant> {
  await useVariant(target);
  const run = await runBuild(args, delay);
  return checkKilled(run, `${delay} ms`, current, target, snap, outcomes);
}

/**
 * What a killed build of `target` leaves: the last good output exactly, the new one exactly, or
 * (killed between the two renames of a swap) no output but the last good one whole beside it.
 * Returns the variant the output now holds.
 */
async function checkKilled(
  run: { code: number | null; signal: NodeJS.Signals | null; pid: number },
  moment: string,
  current: Variant,
  target: Variant,
  snap: Record<Variant, Map<string, string>>,
  outcomes: string[],
): Promise<Variant> {
  const now = await snapshot(join(dir, 'dist'));
  const where = `killed at ${moment} (${run.signal ?? `exit ${run.code}`})`;
  if (now === undefined) {
    const old = join(dir, `.dist.old-${run.pid}`);
    assert.deepEqual(await snapshot(old), snap[current], `${where}: no dist/ and no whole ${old}`);
    outcomes.push(`${moment}: between the renames`);
    return current;
  }
  if (deepEqual(now, snap[current])) {
    outcomes.push(`${moment}: old output kept`);
    return current;
  }
  assert.deepEqual(
    differences(now, snap[target]),
    [],
    `${where}: dist/ is neither the last good output nor the new one`,
  );
  outcomes.push(`${moment}: new output committed`);
  return target;
}

/** Builds both variants cleanly and snapshots them, leaving the output at A. */
async function bothVariants(): Promise<{ snap: Record<Variant, Map<string, string>>; duration: number }> {
  const snap = {} as Record<Variant, Map<string, string>>;
  let duration = 0;
  for (const v of ['B', 'A'] as Variant[]) {
    await useVariant(v);
    const started = performance.now();
    const run = await runBuild(['--clean']);
    duration = performance.now() - started;
    assert.equal(run.code, 0, run.stderr);
    snap[v] = (await snapshot(join(dir, 'dist')))!;
  }
  assert.notDeepEqual(snap.A, snap.B, 'the two variants must build different output');
  return { snap, duration };
}

/** The next build succeeds, repairs what the kills left and builds exactly what a clean build does. */
async function checkRecovery(
  args: string[],
  snap: Record<Variant, Map<string, string>>,
  outcomes: string[],
): Promise<void> {
  await useVariant('B');
  const next = await runBuild(args);
  assert.equal(next.code, 0, next.stderr);
  assert.deepEqual(differences(await snapshot(join(dir, 'dist')), snap.B), [], `after ${outcomes.join('; ')}`);
  assert.deepEqual(await leftovers(), []);
}

test(
  'a full build killed at any moment leaves the last good output exactly, and the next build repairs it',
  { timeout: 180_000 },
  async (t) => {
    const { snap, duration } = await bothVariants();
    // Kill times spread over the whole build (process start to a little past its usual end):
    // one seeded-random moment in each of KILLS equal slices.
    const random = mulberry32(SEED);
    const outcomes: string[] = [];
    let current: Variant = 'A';
    for (let i = 0; i < KILLS; i++) {
      const delay = Math.round(((i + random()) / KILLS) * duration * 1.1);
      current = await killAndCheck(['--clean'], delay, current, current === 'A' ? 'B' : 'A', snap, outcomes);
    }
    t.diagnostic(outcomes.join('; '));
    assert.ok(
      outcomes.some((o) => o.endsWith('old output kept')),
      `no kill landed inside a build: ${outcomes.join('; ')}`,
    );
    await checkRecovery(['--clean'], snap, outcomes);
  },
);

// Incremental builds swap in a spare folder brought up to date (src/output/spare.ts): the same promise.
test(
  'an incremental build killed at any moment leaves the last good output exactly, and the next build repairs it',
  { timeout: 180_000 },
  async (t) => {
    const { snap } = await bothVariants();
    // Incremental builds, each after an unkilled one so that it has a cache and a spare to work with.
    const random = mulberry32(SEED + 1);
    const outcomes: string[] = [];
    let current: Variant = 'A';
    for (let i = 0; i < KILLS; i++) {
      const target: Variant = current === 'A' ? 'B' : 'A';
      await useVariant(target);
      const whole = await runBuild(['--jobs', '1']);
      assert.equal(whole.code, 0, whole.stderr);
      assert.deepEqual(differences(await snapshot(join(dir, 'dist')), snap[target]), []);
      const started = performance.now();
      await useVariant(current);
      assert.equal((await runBuild(['--jobs', '1'])).code, 0);
      const duration = performance.now() - started;
      current = await killAndCheck(
        ['--jobs', '1'],
        Math.round(random() * duration * 1.1),
        current,
        target,
        snap,
        outcomes,
      );
    }
    t.diagnostic(outcomes.join('; '));
    await checkRecovery(['--jobs', '1'], snap, outcomes);
  },
);

// A full build's commit changes the output, then links its spare anew and saves the cache: a
// kill anywhere in it must not leave the last build's cache describing a half-linked spare.
test(
  'a --clean build killed (SIGKILL or Ctrl-C) in its commit, its spare linking or its cache saving: the next plain build equals a clean one',
  { timeout: 240_000 },
  async (t) => {
    const { snap } = await bothVariants();
    const points: KillPoint[] = ['staging', 'old', 'spare', 'cache'];
    const random = mulberry32(SEED + 2);
    // At the spare: killed when it is made, or a seeded number of its entries later (it has hundreds).
    const runs = points.flatMap((point) =>
      (['SIGKILL', 'SIGINT'] as const).map((signal) => ({
        point,
        signal,
        later: point === 'spare' ? Math.floor(random() * 40) : 0,
      })),
    );
    // In a seeded order, so each moment is reached from builds of either variant, with caches of either kind.
    for (let i = runs.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [runs[i], runs[j]] = [runs[j]!, runs[i]!];
    }
    const outcomes: string[] = [];
    const linked: number[] = [];
    let current: Variant = 'A';
    for (const { point, signal, later } of runs) {
      const target: Variant = current === 'A' ? 'B' : 'A';
      await useVariant(target);
      const run = await runBuildKilledAt(['--clean'], point, signal, later);
      assert.ok(run.caught, `the build ended before ${point} (exit ${run.code}): ${run.stderr}`);
      if (run.spare !== undefined) linked.push(run.spare);
      await checkKilled(run, `${point}${later ? ` +${later}` : ''} by ${signal}`, current, target, snap, outcomes);
      // The next plain build (with whatever cache is left) builds exactly what a clean build does.
      const next = await runBuild(['--jobs', '1']);
      assert.equal(next.code, 0, next.stderr);
      assert.deepEqual(differences(await snapshot(join(dir, 'dist')), snap[target]), [], `after ${outcomes.at(-1)}`);
      assert.deepEqual(await leftovers(), []);
      current = target;
    }
    t.diagnostic(`${outcomes.join('; ')}; spare files linked when killed: ${linked.join(', ')} of ${snap.A.size}`);
    assert.ok(
      linked.some((n) => n < snap.A.size - 1),
      'no kill landed while the spare was being linked',
    );
    // And the builds after it, incremental ones through the spare, stay exact.
    for (const v of ['A', 'B'] as Variant[]) {
      await useVariant(v);
      const run = await runBuild(['--jobs', '1']);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(differences(await snapshot(join(dir, 'dist')), snap[v]), []);
    }
  },
);

test(
  'a build killed between the two renames of its commit: the next build puts the last good output back',
  { timeout: 60_000 },
  async () => {
    if (!existsSync(join(dir, 'dist'))) {
      const good = await runBuild([]);
      assert.equal(good.code, 0, good.stderr);
    }
    const before = await snapshot(join(dir, 'dist'));
    assert.ok(before);
    // What SIGKILL right after `rename(dist, .dist.old-<pid>)` leaves: no dist/, the old output, a whole staging folder.
    const dead = await runBuild(['--help']);
    assert.equal(dead.code, 0);
    await rename(join(dir, 'dist'), join(dir, `.dist.old-${dead.pid}`));
    await mkdir(join(dir, `.dist.staging-${dead.pid}`, 'x'), { recursive: true });
    // Even a build that fails puts the last good output back first, and leaves it as it was.
    await writeFile(join(dir, 'content', 'rusak.md'), '---\ntitle: [rusak\n---\n');
    try {
      const failed = await runBuild([]);
      assert.equal(failed.code, 1, failed.stderr);
      assert.deepEqual(await snapshot(join(dir, 'dist')), before);
      assert.deepEqual(await leftovers(), []);
    } finally {
      await rm(join(dir, 'content', 'rusak.md'));
    }
  },
);

/** Paths whose bytes differ between two snapshots, or that only one has. */
function differences(a: Map<string, string> | undefined, b: Map<string, string>): string[] {
  if (!a) return ['(no output folder)'];
  return [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort();
}

function deepEqual(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}
