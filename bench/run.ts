/**
 * Build benchmark at newsroom scale.
 *
 *   npm run bench -- --articles 10000 [--runs 3] [--seed 1] [--jobs N] [--floor-runs K] [--edits E]
 *                    [--out-dir DIR] [--no-cache] [--cpu-prof DIR] [--node-arg=--flag …] [--keep-output]
 *
 * Generates the deterministic synthetic archive (bench/generate.ts) once per article count and
 * seed under os.tmpdir()/warta-bench-<N>-<seed> (reused while the generator is unchanged), then
 * times `runs` cold builds, each in a fresh child process, so every run pays Node's start-up,
 * module loading and worker start-up, and its peak RSS (main thread plus worker threads: they
 * share the process) is that child's own `maxRSS`. Each run builds into a new output folder
 * under --out-dir (default os.tmpdir()); all are removed at the end unless --keep-output. Like
 * `warta build`, each run has the build cache on: with no cache yet for its folder, it builds
 * everything and writes one (--no-cache: no cache at all, as build() does by default).
 * The same number of single-threaded floor passes (bench/floor.ts: read + front matter +
 * Markdown to HTML, nothing written) run interleaved with the builds, also in fresh processes,
 * and the build's wall time is reported as a ratio to the floor's.
 *
 * --edits E then times E cold incremental builds of the first run's output, each after one
 * article's body was edited (a sentence appended; every edited file is put back at the end), in
 * fresh processes like the runs: what CI pays after an editor's commit.
 *
 * Prints a table, then one line of JSON (the last line of stdout). Progress goes to stderr.
 * The OS page cache is not dropped between runs: "cold" means a cold process, not a cold disk.
 */
import { spawn } from 'node:child_process';
import { appendFile, readdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cacheFile, chunkFolder } from '../src/incremental/cache.js';
import { imageFolder } from '../src/incremental/images.js';
import { ensureArchive, log, median } from './shared.js';
import { spareFolder } from '../src/output/spare.js';

/** The build clock of every run, as `warta build --now` takes it. */
const NOW = '2026-01-01 00:00:00';
const STAGES = ['read', 'parse', 'model', 'related', 'render', 'search', 'write'] as const;
type StageName = (typeof STAGES)[number];

/** What a child build reports on its last stdout line. */
interface ChildReport {
  ok: boolean;
  published: number;
  files: number;
  /** Files written or replaced in the output. */
  written: number;
  /** Images whose smaller copies the build made. */
  images: number;
  problems: number;
  jobs: number;
  stages: Record<StageName, number>;
  /** Seconds from the child's first line of code to the end of build() (imports included). */
  inProcess: number;
  /** Seconds spent importing warta before build() started. */
  importSeconds: number;
  /** User + system CPU seconds of the whole process, worker threads included. */
  cpuSeconds: number;
  /** Of which system (kernel) CPU seconds: file system work. */
  systemSeconds: number;
  maxRssMiB: number;
}

/** One timed build, with the machine's 1-minute load average when it started. */
interface BuildRun extends ChildReport {
  wall: number;
  load: number;
}

/** One timed floor pass. */
interface FloorRun {
  files: number;
  seconds: number;
  cpuSeconds: number;
  maxRssMiB: number;
  wall: number;
}

// ---------------------------------------------------------------------------------------------
// Child: one build, in a process of its own.

/**
 * `run.js --child <content> <out> <cache|no-cache> [jobs]`: builds once as `warta build` does
 * (the build cache on, though there is none yet for a new output folder: a cold build that also
 * writes a fresh cache), or with no cache at all; prints a ChildReport as JSON.
 */
async function child(
  content: string,
  out: string,
  cacheArg: string | undefined,
  jobsArg: string | undefined,
): Promise<void> {
  const incremental = cacheArg === 'incremental';
  const started = performance.now();
  // Imported here so a child loads what `warta build` loads and nothing of the parent's.
  const { build } = await import('../src/build/build.js');
  const { loadConfig } = await import('../src/config.js');
  const { parseTimestamp } = await import('../src/time.js');
  const imported = performance.now();
  const { config: settings, problems } = await loadConfig(undefined, false);
  if (problems.length) throw new Error('default config has problems');
  const config = { ...settings, baseUrl: 'https://warta.example' };
  const now = parseTimestamp(NOW);
  if (!now.ok) throw new Error(`bad clock ${NOW}`);
  // As `warta build` does without --jobs.
  const jobs = jobsArg ? Number(jobsArg) : Math.max(1, Math.min(availableParallelism(), 8));
  const cache = cacheArg === 'no-cache' ? {} : { cache: 'use' as const };
  const result = await build({ content, out, config, clock: { now: now.instant, future: false }, jobs, ...cache });
  if (result.incremental !== incremental)
    throw new Error(
      incremental
        ? `expected an incremental build, but no usable cache was found for ${out}`
        : `expected a cold build, but a build cache was found for ${out}`,
    );
  const report: ChildReport = {
    ok: result.ok,
    published: result.published,
    files: result.files,
    written: result.written,
    images: result.images ?? 0,
    problems: result.problems.length,
    jobs,
    stages: result.stages,
    inProcess: (performance.now() - started) / 1000,
    importSeconds: (imported - started) / 1000,
    cpuSeconds: (({ user, system }) => (user + system) / 1e6)(process.cpuUsage()),
    systemSeconds: process.cpuUsage().system / 1e6,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

// ---------------------------------------------------------------------------------------------
// Parent: archive, runs, report.

const HERE = fileURLToPath(import.meta.url);
const FLOOR = fileURLToPath(new URL('./floor.js', import.meta.url));

interface Options {
  articles: number;
  runs: number;
  seed: number;
  jobs?: number;
  floorRuns: number;
  cpuProf?: string;
  nodeArgs: string[];
  outDir?: string;
  keepOutput: boolean;
  /** Build as `warta build` does, with the build cache on (true), or with no cache at all. */
  cache: boolean;
  /** Incremental builds to time after one-article edits. */
  edits: number;
}

function readOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      articles: { type: 'string', default: '10000' },
      runs: { type: 'string', default: '3' },
      seed: { type: 'string', default: '1' },
      jobs: { type: 'string' },
      'floor-runs': { type: 'string' },
      'cpu-prof': { type: 'string' },
      'node-arg': { type: 'string', multiple: true, default: [] },
      'out-dir': { type: 'string' },
      'keep-output': { type: 'boolean', default: false },
      'no-cache': { type: 'boolean', default: false },
      edits: { type: 'string', default: '0' },
    },
  });
  const whole = (name: string, value: string, min: number): number => {
    if (!/^\d+$/.test(value) || Number(value) < min)
      throw new Error(`--${name}: expected a whole number ≥ ${min}, got ${JSON.stringify(value)}`);
    return Number(value);
  };
  const runs = whole('runs', values.runs, 1);
  return {
    articles: whole('articles', values.articles, 1),
    runs,
    seed: whole('seed', values.seed, 0),
    jobs: values.jobs === undefined ? undefined : whole('jobs', values.jobs, 1),
    floorRuns: values['floor-runs'] === undefined ? runs : whole('floor-runs', values['floor-runs'], 0),
    cpuProf: values['cpu-prof'],
    nodeArgs: values['node-arg'],
    outDir: values['out-dir'],
    keepOutput: values['keep-output'],
    cache: !values['no-cache'],
    edits: whole('edits', values.edits, 0),
  };
}

/** Runs `node args…` in a fresh process; returns its last stdout line parsed, and its wall time. */
function timedChild<T>(args: string[], cwd: string): Promise<T & { wall: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const proc = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    proc.on('error', reject);
    proc.on('close', (code, signal) => {
      const wall = (performance.now() - started) / 1000;
      if (code !== 0) return reject(new Error(`node ${args.join(' ')} exited with ${code ?? signal}`));
      const last = out.trim().split('\n').pop() ?? '';
      try {
        resolve({ ...(JSON.parse(last) as T), wall });
      } catch {
        reject(new Error(`node ${args.join(' ')} printed no JSON: ${JSON.stringify(out.slice(-500))}`));
      }
    });
  });
}

async function parent(options: Options): Promise<void> {
  const archive = await ensureArchive(options.articles, options.seed);
  // Each run writes into a folder of its own, all removed at the end: deleting a large tree just
  // before a build would time the file system's cleanup (on ext4 without a journal, creating
  // inodes right after mass deletes is many times slower), not the build.
  const outRoot = options.outDir ?? tmpdir();
  const outs: string[] = [];
  const profile = [...options.nodeArgs, ...(options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProf] : [])];
  const builds: BuildRun[] = [];
  const floors: FloorRun[] = [];
  const edits: BuildRun[] = [];
  try {
    for (let i = 0; i < Math.max(options.runs, options.floorRuns); i++) {
      if (i < options.runs) {
        const out = join(outRoot, `warta-bench-${options.articles}-${options.seed}-out-${process.pid}-${i + 1}`);
        outs.push(out);
        await rm(out, { recursive: true, force: true });
        const args = [
          ...profile,
          HERE,
          '--child',
          archive.dir,
          out,
          options.cache ? 'cache' : 'no-cache',
          ...(options.jobs ? [String(options.jobs)] : []),
        ];
        const load = loadavg()[0]!;
        const run = { ...(await timedChild<ChildReport>(args, tmpdir())), load };
        if (!run.ok) throw new Error(`build ${i + 1} failed with ${run.problems} problems`);
        builds.push(run);
        log(
          `build ${i + 1}/${options.runs}: ${run.wall.toFixed(2)} s wall, ${run.cpuSeconds.toFixed(2)} s CPU (${run.systemSeconds.toFixed(2)} sys), load ${load.toFixed(1)}, ${run.files} files, peak RSS ${run.maxRssMiB.toFixed(0)} MiB, stages ${STAGES.map((s) => `${s} ${run.stages[s].toFixed(2)}`).join(', ')}`,
        );
      }
      if (i < options.floorRuns) {
        const run = await timedChild<FloorRun>([FLOOR, archive.dir], tmpdir());
        floors.push(run);
        log(
          `floor ${i + 1}/${options.floorRuns}: ${run.wall.toFixed(2)} s wall (${run.seconds.toFixed(2)} s in process), ${run.files} files`,
        );
      }
    }
    if (options.edits && options.cache) edits.push(...(await timeEdits(archive.dir, outs[0]!, options, profile)));
  } finally {
    if (archive.stale) await rm(archive.stale, { recursive: true, force: true });
    if (options.keepOutput) log(`output kept in ${outs.join(', ')}`);
    else {
      for (const out of outs)
        await Promise.all([
          rm(out, { recursive: true, force: true }),
          rm(spareFolder(out), { recursive: true, force: true }),
          rm(cacheFile(out), { force: true }),
          rm(chunkFolder(cacheFile(out)), { recursive: true, force: true }),
          rm(imageFolder(out), { recursive: true, force: true }),
        ]);
      // The cache folder too, unless something else keeps a cache there.
      if (outs.length) await rmdir(dirname(cacheFile(outs[0]!))).catch(() => undefined);
    }
  }

  const wall = median(builds.map((b) => b.wall));
  const stages = Object.fromEntries(STAGES.map((s) => [s, median(builds.map((b) => b.stages[s]))])) as Record<
    StageName,
    number
  >;
  const stageSum = (b: BuildRun) => STAGES.reduce((sum, s) => sum + b.stages[s], 0);
  const files = builds[0]!.files;
  const floorWall = floors.length ? median(floors.map((f) => f.wall)) : undefined;
  const result = {
    articles: options.articles,
    seed: options.seed,
    runs: builds.length,
    jobs: builds[0]!.jobs,
    cpus: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    outDir: outRoot,
    cache: options.cache,
    published: builds[0]!.published,
    files,
    /** Images whose smaller copies the first run made (the archive's own photos: see LOCAL_PHOTO_EVERY). */
    images: builds[0]!.images,
    wallSeconds: round(wall),
    wallSecondsAll: builds.map((b) => round(b.wall)),
    pagesPerSecond: Math.round(files / wall),
    cpuSeconds: round(median(builds.map((b) => b.cpuSeconds))),
    systemSeconds: round(median(builds.map((b) => b.systemSeconds))),
    /** 1-minute load average when each build started: above the core count, other work was competing. */
    loadAtStart: builds.map((b) => Math.round(b.load * 10) / 10),
    peakRssMiB: Math.round(Math.max(...builds.map((b) => b.maxRssMiB))),
    stages: Object.fromEntries(STAGES.map((s) => [s, round(stages[s])])),
    /** Wall time outside the stages (median over runs): Node start-up, imports, worker shutdown, exit. */
    outsideBuild: round(median(builds.map((b) => b.wall - stageSum(b)))),
    importSeconds: round(median(builds.map((b) => b.importSeconds))),
    /** In build() but in no stage (worker start-up before read is in read; shutdown after write is here). */
    unstaged: round(median(builds.map((b) => b.inProcess - b.importSeconds - stageSum(b)))),
    floorSeconds: floorWall === undefined ? null : round(floorWall),
    floorSecondsAll: floors.map((f) => round(f.wall)),
    floorRuns: floors.length,
    ratioToFloor: floorWall === undefined ? null : round(wall / floorWall),
    floorCpuSeconds: floors.length ? round(median(floors.map((f) => f.cpuSeconds))) : null,
    /** CPU seconds of the build over the floor's: what the ratio would tend to on one free core. */
    cpuRatioToFloor: floors.length
      ? round(median(builds.map((b) => b.cpuSeconds)) / median(floors.map((f) => f.cpuSeconds)))
      : null,
  };
  const edited = edits.length
    ? {
        runs: edits.length,
        wallSeconds: round(median(edits.map((b) => b.wall))),
        wallSecondsAll: edits.map((b) => round(b.wall)),
        stages: Object.fromEntries(STAGES.map((s) => [s, round(median(edits.map((b) => b.stages[s])))])),
        written: edits.map((b) => b.written),
        images: edits.map((b) => b.images),
      }
    : null;
  printTable(result, builds, floors);
  if (edited)
    process.stdout.write(
      `${'incremental, one edit'.padEnd(22)}  ${edited.wallSeconds.toFixed(2)} s wall, median of ${edited.runs} (${edits.map((b) => b.wall.toFixed(2)).join(', ')}); stages ${STAGES.map((s) => `${s} ${edited.stages[s]!.toFixed(2)}`).join(', ')}\n`,
    );
  process.stdout.write(`${JSON.stringify({ ...result, incremental: edited })}\n`);
}

/**
 * Cold incremental builds of `out`, each after appending a sentence to one article (spread
 * over the archive); every edited file gets its bytes back at the end.
 */
async function timeEdits(archive: string, out: string, options: Options, profile: string[]): Promise<BuildRun[]> {
  const files = (await readdir(archive, { recursive: true })).filter((f) => f.endsWith('.md')).sort();
  const picked = Array.from({ length: options.edits }, (_, k) =>
    join(archive, files[Math.floor(((k + 0.5) / options.edits) * files.length)]!),
  );
  const originals = new Map<string, Buffer>();
  const runs: BuildRun[] = [];
  try {
    for (const [k, file] of picked.entries()) {
      if (!originals.has(file)) originals.set(file, await readFile(file));
      await appendFile(file, `\nWarga menyebut perbaikan jalan itu selesai dalam ${k + 2} pekan.\n`);
      const args = [
        ...profile,
        HERE,
        '--child',
        archive,
        out,
        'incremental',
        ...(options.jobs ? [String(options.jobs)] : []),
      ];
      const load = loadavg()[0]!;
      const run = { ...(await timedChild<ChildReport>(args, tmpdir())), load };
      if (!run.ok) throw new Error(`incremental build ${k + 1} failed with ${run.problems} problems`);
      runs.push(run);
      log(
        `incremental ${k + 1}/${options.edits}: ${run.wall.toFixed(2)} s wall, ${run.written} written, ${run.images} images copied, peak RSS ${run.maxRssMiB.toFixed(0)} MiB, stages ${STAGES.map((s) => `${s} ${run.stages[s].toFixed(2)}`).join(', ')}`,
      );
    }
  } finally {
    for (const [file, bytes] of originals) await writeFile(file, bytes);
  }
  return runs;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function printTable(
  r: {
    articles: number;
    files: number;
    images: number;
    wallSeconds: number;
    pagesPerSecond: number;
    cpuSeconds: number;
    systemSeconds: number;
    loadAtStart: number[];
    peakRssMiB: number;
    stages: Record<string, number>;
    outsideBuild: number;
    importSeconds: number;
    unstaged: number;
    floorSeconds: number | null;
    ratioToFloor: number | null;
    floorCpuSeconds: number | null;
    cpuRatioToFloor: number | null;
    jobs: number;
    cpus: number;
    runs: number;
    floorRuns: number;
  },
  builds: BuildRun[],
  floors: FloorRun[],
): void {
  const spread = (xs: number[]) =>
    xs.length > 1 ? ` (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})` : '';
  const rows: [string, string][] = [
    ['articles', String(r.articles)],
    ['pages (files) written', String(r.files)],
    ['images copied smaller', String(r.images)],
    [`wall, median of ${r.runs}`, `${r.wallSeconds.toFixed(2)} s${spread(builds.map((b) => b.wall))}`],
    ['pages per second', String(r.pagesPerSecond)],
    ['CPU (user+sys), median', `${r.cpuSeconds.toFixed(2)} s (sys ${r.systemSeconds.toFixed(2)} s)`],
    ['load average at start', r.loadAtStart.map((l) => l.toFixed(1)).join(', ')],
    ['peak RSS, max of runs', `${r.peakRssMiB} MiB`],
    ...STAGES.map((s): [string, string] => [`  ${s}`, `${r.stages[s]!.toFixed(2)} s`]),
    [
      '  outside stages',
      `${r.outsideBuild.toFixed(2)} s (imports ${r.importSeconds.toFixed(2)}, worker shutdown ${r.unstaged.toFixed(2)}, rest start-up/exit)`,
    ],
    [
      `floor, median of ${r.floorRuns}`,
      r.floorSeconds === null ? '–' : `${r.floorSeconds.toFixed(2)} s${spread(floors.map((f) => f.wall))}`,
    ],
    ['build / floor, wall', r.ratioToFloor === null ? '–' : `${r.ratioToFloor.toFixed(2)}×`],
    [
      'build / floor, CPU',
      r.cpuRatioToFloor === null
        ? '–'
        : `${r.cpuRatioToFloor.toFixed(2)}× (floor ${r.floorCpuSeconds!.toFixed(2)} s CPU)`,
    ],
    ['threads / cores', `${r.jobs} / ${r.cpus}`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
}

if (process.argv[2] === '--child') {
  const [, , , content, out, cache, jobs] = process.argv;
  await child(content!, out!, cache, jobs);
} else {
  try {
    await parent(readOptions(process.argv.slice(2)));
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
