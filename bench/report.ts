import { STAGES, type ChildReport } from './child.js';

/** How bench/run.ts reports its runs: one row per figure, the ratios the targets name last. */

/** One timed build, with the machine's 1-minute load average when it started. */
export interface BuildRun extends ChildReport {
  wall: number;
  load: number;
}

/** One timed floor pass. */
export interface FloorRun {
  files: number;
  seconds: number;
  cpuSeconds: number;
  maxRssMiB: number;
  wall: number;
}

/** The summary bench/run.ts prints as a table and as JSON. */
export interface Summary {
  articles: number;
  profile: string;
  files: number;
  wallSeconds: number;
  pagesPerSecond: number;
  cpuSeconds: number;
  systemSeconds: number;
  /** Of the CPU seconds, those of the processes the build started (Pagefind's). */
  childCpuSeconds: number;
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
}

/** Timed builds after a change (one article's body, or a template), and their wall time against the full build's. */
export interface Followers {
  runs: number;
  wallSeconds: number;
  wallSecondsAll: number[];
  stages: Record<string, number>;
  written: number[];
  parsed: number[];
  reused: number[];
  /** Median wall time over the full build's median. */
  ratioToFull: number;
}

export const round = (x: number) => Math.round(x * 1000) / 1000;

/** The table of a summary, the builds after changes, and the ratios in one place. */
export function printTable(
  r: Summary,
  builds: BuildRun[],
  floors: FloorRun[],
  after: { edited: Followers | null; templated: Followers | null },
): void {
  const spread = (xs: number[]) =>
    xs.length > 1 ? ` (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})` : '';
  const stages = (s: Record<string, number>) => STAGES.map((k) => `${k} ${s[k]!.toFixed(2)}`).join(', ');
  const follower = (f: Followers) =>
    `${f.wallSeconds.toFixed(2)} s wall, median of ${f.runs}${spread(f.wallSecondsAll)}; ${f.parsed.join('/')} parsed, ${f.reused.join('/')} bodies reused; stages ${stages(f.stages)}`;
  const rows: [string, string][] = [
    ['articles', `${r.articles} (profile ${r.profile})`],
    ['pages (files) written', String(r.files)],
    [`wall, median of ${r.runs}`, `${r.wallSeconds.toFixed(2)} s${spread(builds.map((b) => b.wall))}`],
    ['pages per second', String(r.pagesPerSecond)],
    [
      'CPU (user+sys), median',
      `${r.cpuSeconds.toFixed(2)} s (sys ${r.systemSeconds.toFixed(2)} s, search processes ${r.childCpuSeconds.toFixed(2)} s)`,
    ],
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
    [
      'build / floor, CPU',
      r.cpuRatioToFloor === null
        ? '–'
        : `${r.cpuRatioToFloor.toFixed(2)}× (floor ${r.floorCpuSeconds!.toFixed(2)} s CPU)`,
    ],
    ['threads / cores', `${r.jobs} / ${r.cpus}`],
    ...(after.edited ? [['one-edit build', follower(after.edited)] as [string, string]] : []),
    ...(after.templated ? [['template-only build', follower(after.templated)] as [string, string]] : []),
    ['full build / floor, wall', r.ratioToFloor === null ? '–' : `${r.ratioToFloor.toFixed(2)}×`],
    ['template-only / full', after.templated ? `${after.templated.ratioToFull.toFixed(2)}×` : '–'],
    ['one-edit build, wall', after.edited ? `${after.edited.wallSeconds.toFixed(2)} s` : '–'],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
}
