/**
 * One benchmark build, in a process of its own (see bench/run.ts):
 *
 *   node lib/bench/child.js '{"content": …, "out": …, "mode": "cache", "jobs": 2, "templates": …}'
 *
 * builds once as `warta build` does (`cache`: the build cache on, though there is none yet for a
 * new output folder, so a cold build that also writes a fresh cache; `incremental`: the same,
 * expecting the cache the last build left; `no-cache`: no cache at all) and prints a ChildReport
 * as JSON on its last stdout line.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';

/** The build clock of every run, as `warta build --now` takes it. */
const NOW = '2026-01-01 00:00:00';
export const STAGES = ['read', 'parse', 'model', 'related', 'render', 'search', 'write'] as const;
export type StageName = (typeof STAGES)[number];

/** What the parent asks of a child build. */
export interface ChildRequest {
  content: string;
  out: string;
  mode: 'cache' | 'no-cache' | 'incremental';
  jobs?: number;
  /** The site's templates folder, if any. */
  templates?: string;
}

/** What a child build reports on its last stdout line. */
export interface ChildReport {
  ok: boolean;
  published: number;
  files: number;
  /** Files written or replaced in the output. */
  written: number;
  /** Article files parsed (front matter and all). */
  parsed: number;
  /** Article pages rendered around the last build's body, with no Markdown rendered. */
  reused: number;
  /** Images whose smaller copies the build made. */
  images: number;
  problems: number;
  jobs: number;
  stages: Record<StageName, number>;
  /** Seconds from the child's first line of code to the end of build() (imports included). */
  inProcess: number;
  /** Seconds spent importing warta before build() started. */
  importSeconds: number;
  /** User + system CPU seconds of the whole process, worker threads and the processes it started (Pagefind's) included. */
  cpuSeconds: number;
  /** Of which the processes it started: Pagefind's, making the search index. */
  childCpuSeconds: number;
  /** Of which system (kernel) CPU seconds: file system work. */
  systemSeconds: number;
  maxRssMiB: number;
}

async function child(request: ChildRequest): Promise<void> {
  const incremental = request.mode === 'incremental';
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
  const jobs = request.jobs ?? Math.max(1, Math.min(availableParallelism(), 8));
  const cache = request.mode === 'no-cache' ? {} : { cache: 'use' as const };
  const { content, out, templates } = request;
  const clock = { now: now.instant, future: false };
  const result = await build({ content, out, templates, config, clock, jobs, ...cache });
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
    parsed: result.parsed,
    reused: result.reused ?? 0,
    images: result.images ?? 0,
    problems: result.problems.length,
    jobs,
    stages: result.stages,
    inProcess: (performance.now() - started) / 1000,
    importSeconds: (imported - started) / 1000,
    cpuSeconds: (({ user, system }) => (user + system) / 1e6)(process.cpuUsage()) + childCpu(),
    childCpuSeconds: childCpu(),
    systemSeconds: process.cpuUsage().system / 1e6,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

/**
 * CPU seconds of the ended processes this one started and waited for (`cutime` + `cstime` of
 * /proc/self/stat, in the kernel's 100 ticks a second); 0 where /proc is missing.
 */
function childCpu(): number {
  try {
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return 0;
  }
}

// Run as a script, not when bench/run.ts imports its names.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  await child(JSON.parse(process.argv[2]!) as ChildRequest);
