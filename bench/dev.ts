/**
 * warta dev after one-article edits, at newsroom scale.
 *
 *   node lib/bench/dev.js --articles 10000 [--edits 5] [--seed 1] [--jobs N] [--out-dir DIR]
 *
 * Copies the benchmark archive (bench/shared.ts) into a scratch folder under --out-dir
 * (default os.tmpdir()), starts the dev server on it (src/dev/server.ts, on a free port, quiet),
 * waits for its first build, then saves E body edits (a sentence appended) and E title edits,
 * one at a time, each in a file of its own spread through the archive, and waits for the
 * rebuild each causes. It reports the dev server's own figure: from the save's file event (as
 * the watcher reports it) to the files written, the quiet time before the rebuild included.
 *
 * Prints a table, then one line of JSON (the last line of stdout). Progress goes to stderr.
 */
import { appendFile, cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Stage } from '../src/build/build.js';
import { parseTimestamp } from '../src/time.js';
import { startDevServer, type DevServer } from '../src/dev/server.js';
import { ensureArchive, log, median } from './shared.js';

const NOW = '2026-01-01 00:00:00';
const STAGES: Stage[] = ['read', 'parse', 'model', 'related', 'render', 'search', 'write'];

/** One timed rebuild. */
interface Rebuild {
  ms: number;
  written: number;
  stages: Record<Stage, number>;
}

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
let server: DevServer | undefined;
try {
  const content = join(scratch, 'content');
  await cp(archive.dir, content, { recursive: true });
  const now = parseTimestamp(NOW);
  if (!now.ok) throw new Error(`bad clock ${NOW}`);
  const started = performance.now();
  server = await startDevServer({
    content,
    out: join(scratch, 'out'),
    port: 0,
    now: now.instant,
    jobs: values.jobs ? Number(values.jobs) : availableParallelism(),
    quiet: true,
    log: () => {},
  });
  const first = await server.ready;
  if (!first.ok) throw new Error(`the first build failed with ${first.problems.length} problems`);
  log(`first build: ${((performance.now() - started) / 1000).toFixed(1)} s, ${first.result?.files} files`);
  const files = (await readdir(content, { recursive: true })).filter((f) => f.endsWith('.md')).sort();
  const pick = (k: number) => join(content, files[Math.floor(((k + 0.5) / (2 * edits)) * files.length)]!);
  const timed = async (kind: string, k: number, edit: (file: string) => Promise<void>): Promise<Rebuild> => {
    const file = pick(kind === 'body' ? k : edits + k);
    // Settled: no rebuild pending from the last edit.
    await new Promise((r) => setTimeout(r, 300));
    const next = server!.nextRebuild();
    await edit(file);
    const event = await next;
    if (!event.ok || !event.result) throw new Error(`rebuild after a ${kind} edit of ${file} failed`);
    log(
      `${kind} edit ${k + 1}/${edits}: ${event.ms} ms from the file event, ${event.result.written} written, load ${loadavg()[0]!.toFixed(1)}`,
    );
    return { ms: event.ms, written: event.result.written, stages: event.result.stages };
  };
  const body: Rebuild[] = [];
  const title: Rebuild[] = [];
  for (let k = 0; k < edits; k++)
    body.push(
      await timed('body', k, (f) =>
        appendFile(f, `\nWarga menyebut perbaikan jalan itu selesai dalam ${k + 2} pekan.\n`),
      ),
    );
  for (let k = 0; k < edits; k++) {
    title.push(
      await timed('title', k, async (f) =>
        writeFile(
          f,
          (await readFile(f, 'utf8')).replace(/^title: (["']?)/m, (_, q: string) => `title: ${q}Diperbarui: `),
        ),
      ),
    );
  }
  const summary = (runs: Rebuild[]) => ({
    medianMs: Math.round(median(runs.map((r) => r.ms))),
    allMs: runs.map((r) => Math.round(r.ms)),
    written: runs.map((r) => r.written),
    stagesMs: Object.fromEntries(STAGES.map((s) => [s, Math.round(median(runs.map((r) => r.stages[s] * 1000)))])),
  });
  const result = { articles, edits, files: first.result?.files, body: summary(body), title: summary(title) };
  for (const [name, r] of [
    ['body edit', result.body],
    ['title edit', result.title],
  ] as const) {
    process.stdout.write(
      `${name.padEnd(10)}  ${r.medianMs} ms median (${r.allMs.join(', ')}); stages ${STAGES.map((s) => `${s} ${r.stagesMs[s]}`).join(', ')} ms\n`,
    );
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await server?.close();
  await rm(scratch, { recursive: true, force: true });
}
