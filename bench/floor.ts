/**
 * The floor: the least work any Markdown site generator must do with an archive, on one
 * thread. Every `.md` file under a folder is read, its front matter parsed with gray-matter
 * (the same js-yaml CORE_SCHEMA engine as src/content/frontmatter.ts), its body rendered to
 * HTML with markdown-it (the same options as src/render/markdown.ts), put in one nunjucks
 * template (headline, byline, date, body; values escaped) and written as
 * `<out>/<path without .md>/index.html`. Nothing is validated, indexed, listed or related.
 * `warta build` is measured against it.
 *
 * Run: `node lib/bench/floor.js <content-folder> <out-folder>`; prints one line of JSON:
 * `{ files, bytes, htmlBytes, seconds, cpuSeconds, maxRssMiB }` (seconds: in-process, start-up
 * excluded; cpuSeconds: the whole process's user + system CPU, start-up included). The caller
 * removes the out folder.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import matter from 'gray-matter';
import yaml from 'js-yaml';
import MarkdownIt from 'markdown-it';
import nunjucks from 'nunjucks';

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

/** The one template: what every article page of any news site holds. */
const PAGE = `<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><article>
<h1>{{ title }}</h1>
<p>{{ byline }} · <time>{{ date }}</time></p>
{{ body | safe }}
</article></body>
</html>
`;

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

/** Reads, splits, renders and writes (into `out`) every article under `dir`, synchronously, on this thread. */
export function runFloor(dir: string, out: string): FloorResult {
  const started = performance.now();
  const md = new MarkdownIt('default', { html: true, linkify: true, typographer: false });
  const page = nunjucks.compile(PAGE, new nunjucks.Environment(null, { autoescape: true }));
  let bytes = 0;
  let htmlBytes = 0;
  const files = markdownFiles(dir);
  for (const file of files) {
    const data = readFileSync(file);
    bytes += data.length;
    const { data: fields, content } = matter(data.toString('utf8'), options);
    const html = page.render({ ...fields, body: md.render(content) });
    const target = join(out, relative(dir, file).replace(/\.md$/, ''), 'index.html');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, html);
    htmlBytes += html.length;
  }
  return { files: files.length, bytes, htmlBytes, seconds: (performance.now() - started) / 1000 };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dir, out] = process.argv.slice(2);
  if (!dir || !out) {
    process.stderr.write('usage: node lib/bench/floor.js <content-folder> <out-folder>\n');
    process.exitCode = 2;
  } else {
    const result = runFloor(dir, out);
    const { user, system } = process.cpuUsage();
    const maxRssMiB = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(`${JSON.stringify({ ...result, cpuSeconds: (user + system) / 1e6, maxRssMiB })}\n`);
  }
}
