/**
 * warta dev's rebuild after one-article edits, at newsroom scale.
 *
 *   node lib/bench/dev.js --articles 10000 [--edits 5] [--seed 1] [--jobs N] [--out-dir DIR]
 *
 * Copies the benchmark archive (bench/shared.ts) into a scratch folder under --out-dir
 * (default os.tmpdir()), builds it once with the dev engine (src/engine.ts), then times the
 * engine's rebuild, from the call to the files written, after each of E body edits (a sentence
 * appended) and E title edits, each told which file changed as the watcher tells it. warta
 * dev's own log adds its 50 ms quiet time (see src/watch.ts) to these figures.
 *
 * Prints a table, then one line of JSON (the last line of stdout). Progress goes to stderr.
 */
import { appendFile, cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { BuildResult, Stage } from '../src/build.js';
import { loadConfig } from '../src/config.js';
import { createEngine } from '../src/engine.js';
import { parseTimestamp } from '../src/time.js';
import { ensureArchive, log, median } from './shared.js';

const NOW = '2026-01-01 00:00:00';
const STAGES: Stage[] = ['read', 'parse', 'model', 'related', 'render', 'write'];

/** One timed rebuild. */
interface Rebuild { ms: number; written: number; stages: Record<Stage, number> }

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    edits: { type: 'string', default: '5' },
    seed: { type: 'string', default: '1' },
    jobs: { type: 'string' },
    'out-dir': { type: 'string' },
  },
});
const articles = Number(values.articles);
const edits = Number(values.edits);
const archive = await ensureArchive(articles, Number(values.seed));
const scratch = await mkdtemp(join(values['out-dir'] ?? tmpdir(), 'warta-bench-dev-'));
try {
  const content = join(scratch, 'content');
  await cp(archive.dir, content, { recursive: true });
  const { config } = await loadConfig(undefined, false);
  const now = parseTimestamp(NOW);
  if (!now.ok) throw new Error(`bad clock ${NOW}`);
  const engine = createEngine({ content, out: join(scratch, 'out'), config, clock: { now: now.instant, future: false }, jobs: values.jobs ? Number(values.jobs) : availableParallelism() });
  const started = performance.now();
  const first = await engine.rebuild();
  if (!first.ok) throw new Error(`the first build failed with ${first.problems.length} problems`);
  log(`first build: ${((performance.now() - started) / 1000).toFixed(1)} s, ${first.files} files`);
  const files = (await readdir(content, { recursive: true })).filter((f) => f.endsWith('.md')).sort();
  const pick = (k: number) => join(content, files[Math.floor(((k + 0.5) / (2 * edits)) * files.length)]!);
  const timed = async (kind: string, k: number, edit: (file: string) => Promise<void>): Promise<Rebuild> => {
    const file = pick(kind === 'body' ? k : edits + k);
    await edit(file);
    const t = performance.now();
    const result: BuildResult = await engine.rebuild([file]);
    const ms = performance.now() - t;
    if (!result.ok) throw new Error(`rebuild after a ${kind} edit of ${file} failed`);
    log(`${kind} edit ${k + 1}/${edits}: ${ms.toFixed(0)} ms, ${result.written} written, load ${loadavg()[0]!.toFixed(1)}`);
    return { ms, written: result.written, stages: result.stages };
  };
  const body: Rebuild[] = [];
  const title: Rebuild[] = [];
  for (let k = 0; k < edits; k++) body.push(await timed('body', k, (f) => appendFile(f, `\nWarga menyebut perbaikan jalan itu selesai dalam ${k + 2} pekan.\n`)));
  for (let k = 0; k < edits; k++) {
    title.push(await timed('title', k, async (f) => writeFile(f, (await readFile(f, 'utf8')).replace(/^title: (["']?)/m, (_, q: string) => `title: ${q}Diperbarui: `))));
  }
  const summary = (runs: Rebuild[]) => ({
    medianMs: Math.round(median(runs.map((r) => r.ms))),
    allMs: runs.map((r) => Math.round(r.ms)),
    written: runs.map((r) => r.written),
    stagesMs: Object.fromEntries(STAGES.map((s) => [s, Math.round(median(runs.map((r) => r.stages[s] * 1000)))])),
  });
  const result = { articles, edits, files: first.files, body: summary(body), title: summary(title) };
  for (const [name, r] of [['body edit', result.body], ['title edit', result.title]] as const) {
    process.stdout.write(`${name.padEnd(10)}  ${r.medianMs} ms median (${r.allMs.join(', ')}); stages ${STAGES.map((s) => `${s} ${r.stagesMs[s]}`).join(', ')} ms\n`);
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await rm(scratch, { recursive: true, force: true });
}

