/**
 * Build benchmark at newsroom scale.
 *
 *   npm run bench -- --articles 10000 [--profile news|long] [--runs 3] [--seed 1] [--jobs N]
 *                    [--floor-runs K] [--edits E] [--template-edits T] [--out-dir DIR] [--no-cache]
 *                    [--cpu-prof DIR] [--node-arg=--flag …] [--keep-output]
 *
 * Generates the deterministic synthetic archive (test/support/generate.ts; `--profile long`:
 * 20–40 KB bodies with tables, fenced code and bare URLs) once per article count, seed and
 * profile under os.tmpdir()/warta-bench-<N>-<seed>[-long] (reused while the generator is
 * unchanged), then times `runs` cold builds, each in a fresh child process (bench/child.ts), so
 * every run pays Node's start-up, module loading and worker start-up, and its peak RSS (main
 * thread plus worker threads: they share the process) is that child's own `maxRSS`. Each run
 * builds into a new output folder under --out-dir (default os.tmpdir()); all are removed at the
 * end unless --keep-output. Like `warta build`, each run has the build cache on: with no cache
 * yet for its folder, it builds everything and writes one (--no-cache: no cache at all).
 * Every build uses a site templates folder holding a copy of the default theme's `base.njk`.
 * The same number of single-threaded floor passes (bench/floor.ts: read + front matter +
 * Markdown to HTML + one nunjucks template + write) run interleaved with the builds, also in fresh processes,
 * and the build's wall time is reported as a ratio to the floor's.
 *
 * Then, on the first run's output, in fresh processes like the runs: --edits E (default 3) cold
 * incremental builds, each after one article's body was edited (a sentence appended; every
 * edited file is put back at the end): what CI pays after an editor's commit; and
 * --template-edits T (default 3) builds after a template-only change (a comment appended to
 * `base.njk`, which every page uses): what a theme change costs, against the full build.
 *
 * Prints a table (the ratios the targets name last), then one line of JSON (the last line of
 * stdout). Progress goes to stderr. The OS page cache is not dropped between runs: "cold"
 * means a cold process, not a cold disk.
 */
import { spawn } from 'node:child_process';
import { appendFile, copyFile, mkdir, readdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cacheFile } from '../src/incremental/cache.js';
import { chunkFolder } from '../src/incremental/chunks.js';
import { imageFolder } from '../src/incremental/images.js';
import { DEFAULT_TEMPLATES } from '../src/render/templates.js';
import { PROFILES, type Profile } from '../test/support/generate.js';
import { STAGES, type ChildReport, type ChildRequest, type StageName } from './child.js';
import { printTable, round, type BuildRun, type FloorRun, type Followers, type Summary } from './report.js';
import { ensureArchive, log, median } from './shared.js';
import { spareFolder } from '../src/output/spare.js';

const CHILD = fileURLToPath(new URL('./child.js', import.meta.url));
const FLOOR = fileURLToPath(new URL('./floor.js', import.meta.url));
/** The template the template-only change edits: every page extends it. */
const EDITED_TEMPLATE = 'base.njk';

interface Options {
  articles: number;
  profile: Profile;
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
  /** Builds to time after template-only changes. */
  templateEdits: number;
}

function readOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      articles: { type: 'string', default: '10000' },
      profile: { type: 'string', default: 'news' },
      runs: { type: 'string', default: '3' },
      seed: { type: 'string', default: '1' },
      jobs: { type: 'string' },
      'floor-runs': { type: 'string' },
      'cpu-prof': { type: 'string' },
      'node-arg': { type: 'string', multiple: true, default: [] },
      'out-dir': { type: 'string' },
      'keep-output': { type: 'boolean', default: false },
      'no-cache': { type: 'boolean', default: false },
      edits: { type: 'string', default: '3' },
      'template-edits': { type: 'string', default: '3' },
    },
  });
  const whole = (name: string, value: string, min: number): number => {
    if (!/^\d+$/.test(value) || Number(value) < min)
      throw new Error(`--${name}: expected a whole number ≥ ${min}, got ${JSON.stringify(value)}`);
    return Number(value);
  };
  if (!(PROFILES as readonly string[]).includes(values.profile))
    throw new Error(`--profile: expected one of ${PROFILES.join(', ')}, got ${JSON.stringify(values.profile)}`);
  const runs = whole('runs', values.runs, 1);
  return {
    articles: whole('articles', values.articles, 1),
    profile: values.profile as Profile,
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
    templateEdits: whole('template-edits', values['template-edits'], 0),
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

/** A timed build in a fresh process (`profile`: node flags), with the load when it started. */
async function timedBuild(request: ChildRequest, profile: string[]): Promise<BuildRun> {
  const load = loadavg()[0]!;
  const run = { ...(await timedChild<ChildReport>([...profile, CHILD, JSON.stringify(request)], tmpdir())), load };
  if (!run.ok) throw new Error(`a ${request.mode} build of ${request.out} failed with ${run.problems} problems`);
  return run;
}

/** A build's progress line. */
function logRun(name: string, run: BuildRun): void {
  log(
    `${name}: ${run.wall.toFixed(2)} s wall, ${run.cpuSeconds.toFixed(2)} s CPU (${run.systemSeconds.toFixed(2)} sys, ${run.childCpuSeconds.toFixed(2)} search processes), load ${run.load.toFixed(1)}, ${run.files} files, ${run.written} written, ${run.parsed} parsed, ${run.reused} reused, ${run.images} images copied, peak RSS ${run.maxRssMiB.toFixed(0)} MiB, stages ${STAGES.map((s) => `${s} ${run.stages[s].toFixed(2)}`).join(', ')}`,
  );
}

async function parent(options: Options): Promise<void> {
  const archive = await ensureArchive(options.articles, options.seed, options.profile);
  // Each run writes into a folder of its own, all removed at the end: deleting a large tree just
  // before a build would time the file system's cleanup (on ext4 without a journal, creating
  // inodes right after mass deletes is many times slower), not the build.
  const outRoot = options.outDir ?? tmpdir();
  const outs: string[] = [];
  const profile = [...options.nodeArgs, ...(options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProf] : [])];
  const templates = join(outRoot, `warta-bench-theme-${process.pid}`);
  const builds: BuildRun[] = [];
  const floors: FloorRun[] = [];
  const floorOuts: string[] = [];
  let edits: BuildRun[] = [];
  let templated: BuildRun[] = [];
  try {
    await mkdir(templates, { recursive: true });
    await copyFile(join(DEFAULT_TEMPLATES, EDITED_TEMPLATE), join(templates, EDITED_TEMPLATE));
    const request = (out: string, mode: ChildRequest['mode']): ChildRequest => ({
      content: archive.dir,
      out,
      mode,
      jobs: options.jobs,
      templates,
    });
    for (let i = 0; i < Math.max(options.runs, options.floorRuns); i++) {
      if (i < options.runs) {
        const out = join(outRoot, `warta-bench-${options.articles}-${options.seed}-out-${process.pid}-${i + 1}`);
        outs.push(out);
        await rm(out, { recursive: true, force: true });
        const run = await timedBuild(request(out, options.cache ? 'cache' : 'no-cache'), profile);
        builds.push(run);
        logRun(`build ${i + 1}/${options.runs}`, run);
      }
      if (i < options.floorRuns) {
        const out = join(outRoot, `warta-bench-${options.articles}-${options.seed}-floor-${process.pid}-${i + 1}`);
        floorOuts.push(out);
        await rm(out, { recursive: true, force: true });
        const run = await timedChild<FloorRun>([FLOOR, archive.dir, out], tmpdir());
        floors.push(run);
        log(
          `floor ${i + 1}/${options.floorRuns}: ${run.wall.toFixed(2)} s wall (${run.seconds.toFixed(2)} s in process), ${run.files} files`,
        );
      }
    }
    if (options.cache) {
      const first = request(outs[0]!, 'incremental');
      edits = await timeEdits(first, options.edits, profile);
      templated = await timeTemplateEdits(first, options.templateEdits, profile);
    }
  } finally {
    if (archive.stale) await rm(archive.stale, { recursive: true, force: true });
    await rm(templates, { recursive: true, force: true });
    for (const out of floorOuts) await rm(out, { recursive: true, force: true });
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
  const result = summarize(options, builds, floors, outRoot);
  const after = { edited: followers(edits, result.wallSeconds), templated: followers(templated, result.wallSeconds) };
  printTable(result, builds, floors, after);
  process.stdout.write(`${JSON.stringify({ ...result, incremental: after.edited, templateOnly: after.templated })}\n`);
}

/** The full builds' and floors' figures. */
function summarize(options: Options, builds: BuildRun[], floors: FloorRun[], outDir: string) {
  const wall = median(builds.map((b) => b.wall));
  const stages = Object.fromEntries(STAGES.map((s) => [s, median(builds.map((b) => b.stages[s]))])) as Record<
    StageName,
    number
  >;
  const stageSum = (b: BuildRun) => STAGES.reduce((sum, s) => sum + b.stages[s], 0);
  const files = builds[0]!.files;
  const floorWall = floors.length ? median(floors.map((f) => f.wall)) : undefined;
  return {
    articles: options.articles,
    profile: options.profile,
    seed: options.seed,
    runs: builds.length,
    jobs: builds[0]!.jobs,
    cpus: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    outDir,
    cache: options.cache,
    published: builds[0]!.published,
    files,
    wallSeconds: round(wall),
    wallSecondsAll: builds.map((b) => round(b.wall)),
    pagesPerSecond: Math.round(files / wall),
    cpuSeconds: round(median(builds.map((b) => b.cpuSeconds))),
    systemSeconds: round(median(builds.map((b) => b.systemSeconds))),
    childCpuSeconds: round(median(builds.map((b) => b.childCpuSeconds))),
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
  } satisfies Summary & Record<string, unknown>;
}

/** The figures of builds after a change, against the full build's median wall time. */
function followers(runs: BuildRun[], full: number): Followers | null {
  if (!runs.length) return null;
  const wall = median(runs.map((b) => b.wall));
  return {
    runs: runs.length,
    wallSeconds: round(wall),
    wallSecondsAll: runs.map((b) => round(b.wall)),
    stages: Object.fromEntries(STAGES.map((s) => [s, round(median(runs.map((b) => b.stages[s])))])),
    written: runs.map((b) => b.written),
    parsed: runs.map((b) => b.parsed),
    reused: runs.map((b) => b.reused),
    ratioToFull: round(wall / full),
  };
}

/**
 * Cold incremental builds of the request's output, each after appending a sentence to one
 * article (spread over the archive); every edited file gets its bytes back at the end.
 */
async function timeEdits(request: ChildRequest, count: number, profile: string[]): Promise<BuildRun[]> {
  const files = (await readdir(request.content, { recursive: true })).filter((f) => f.endsWith('.md')).sort();
  const picked = Array.from({ length: count }, (_, k) =>
    join(request.content, files[Math.floor(((k + 0.5) / count) * files.length)]!),
  );
  const originals = new Map<string, Buffer>();
  const runs: BuildRun[] = [];
  try {
    for (const [k, file] of picked.entries()) {
      if (!originals.has(file)) originals.set(file, await readFile(file));
      await appendFile(file, `\nWarga menyebut perbaikan jalan itu selesai dalam ${k + 2} pekan.\n`);
      const run = await timedBuild(request, profile);
      runs.push(run);
      logRun(`incremental ${k + 1}/${count}`, run);
    }
  } finally {
    for (const [file, bytes] of originals) await writeFile(file, bytes);
  }
  return runs;
}

/** Builds of the request's output, each after a comment was appended to the template every page extends. */
async function timeTemplateEdits(request: ChildRequest, count: number, profile: string[]): Promise<BuildRun[]> {
  const runs: BuildRun[] = [];
  for (let k = 0; k < count; k++) {
    await appendFile(join(request.templates!, EDITED_TEMPLATE), `{# bench ${k + 1} #}`);
    const run = await timedBuild(request, profile);
    runs.push(run);
    logRun(`template-only ${k + 1}/${count}`, run);
  }
  return runs;
}

try {
  await parent(readOptions(process.argv.slice(2)));
} catch (e) {
  process.stderr.write(`bench: ${(e as Error).message}\n`);
  process.exitCode = 1;
}
