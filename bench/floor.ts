/**
 * The floor: the least work any Markdown site generator must do with an archive, on one
 * thread. Every `.md` file under a folder is read, its front matter parsed with gray-matter
 * (the same js-yaml CORE_SCHEMA engine as src/content/frontmatter.ts) and its body rendered
 * to HTML with markdown-it (the same options as src/render/markdown.ts). Nothing is
 * validated, templated, related or written. `warta build` is measured against it.
 *
 * Run: `node lib/bench/floor.js <content-folder>`; prints one line of JSON:
 * `{ files, bytes, htmlBytes, seconds, cpuSeconds, maxRssMiB }` (seconds: in-process, start-up
 * excluded; cpuSeconds: the whole process's user + system CPU, start-up included).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import matter from 'gray-matter';
import yaml from 'js-yaml';
import MarkdownIt from 'markdown-it';

/** What one floor pass did. */
export interface FloorResult {
  /** Markdown files processed. */
  files: number;
  /** Bytes read. */
  bytes: number;
  /** Bytes of HTML rendered (kept so the work cannot be optimised away). */
  htmlBytes: number;
  /** Seconds for the pass, listing included. */
  seconds: number;
}

// Passing engines also keeps gray-matter from caching every file.
const options = {
  engines: { yaml: (source: string) => yaml.load(source, { schema: yaml.CORE_SCHEMA }) as object },
};

/** Markdown files under `dir`, hidden entries skipped (as warta does), sorted. */
export function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith('.md') && !p.split(/[\\/]/).some((part) => part.startsWith('.')))
    .sort()
    .map((p) => join(dir, p));
}

/** Reads, splits and renders every article under `dir`, synchronously, on this thread. */
export function runFloor(dir: string): FloorResult {
  const started = performance.now();
  const md = new MarkdownIt('default', { html: true, linkify: true, typographer: false });
  let bytes = 0;
  let htmlBytes = 0;
  const files = markdownFiles(dir);
  for (const file of files) {
    const data = readFileSync(file);
    bytes += data.length;
    const parsed = matter(data.toString('utf8'), options);
    htmlBytes += md.render(parsed.content).length;
  }
  return { files: files.length, bytes, htmlBytes, seconds: (performance.now() - started) / 1000 };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: node lib/bench/floor.js <content-folder>\n');
    process.exitCode = 2;
  } else {
    const result = runFloor(dir);
    const { user, system } = process.cpuUsage();
    const maxRssMiB = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(`${JSON.stringify({ ...result, cpuSeconds: (user + system) / 1e6, maxRssMiB })}\n`);
  }
}
