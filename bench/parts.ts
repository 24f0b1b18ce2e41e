/**
 * What each part of making one article page costs, on one warm thread: the least CPU a page
 * takes, whatever the threads. Over a sample of an archive's articles, each part runs as a
 * pass of its own, several times, and the median pass counts:
 *
 * - read: the file's bytes;
 * - parse: `parseArticle` (gray-matter and js-yaml, validation, and significant words), and
 *   `terms`, the significant words alone (`extractTerms`, for related stories);
 * - Markdown: the body through warta's renderer (markdown-it and the raw-HTML policy);
 * - template: `article.njk` of the default theme, with five related stories;
 * - write: the page into a folder of its own (made by the first pass; later passes overwrite).
 *
 * Run: `node lib/bench/parts.js <content-folder> [sample]`; prints one line of JSON, microseconds
 * an article per part, and the sum of read, parse, markdown, template and write.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaults } from '../src/config.js';
import { collectGarbage } from '../src/util/heap.js';
import { parseArticle } from '../src/content/parse.js';
import { extractTerms } from '../src/content/terms.js';
import { createBodyRenderer } from '../src/render/markdown.js';
import { bodyPolicy } from '../src/render/sanitize.js';
import { loadTheme } from '../src/render/templates.js';
import { articlePageView, siteView, storyView } from '../src/render/viewmodel.js';
import { assembleSite } from '../src/site/assemble.js';
import { outputFile } from '../src/site/paths.js';
import { markdownFiles } from './floor.js';
import { median } from './shared.js';

const PASSES = 7;

/** Microseconds an item of the median pass of `part` over `items`. */
function timed<T>(items: readonly T[], part: (item: T) => unknown): number {
  const passes: number[] = [];
  for (let p = 0; p < PASSES; p++) {
    // Each pass starts from a collected heap: what the parts before left is not charged to this one.
    collectGarbage();
    const started = performance.now();
    for (const item of items) part(item);
    passes.push(((performance.now() - started) * 1000) / items.length);
  }
  return median(passes);
}

/** Microseconds an article for each part, over the first `sample` articles under `dir`. */
export function measureParts(dir: string, sample: number): Record<string, number> {
  const files = markdownFiles(dir).slice(0, sample);
  const sources = files.map((abs) => ({ abs, path: abs.slice(dir.length + 1), bytes: readFileSync(abs) }));
  const parsed = sources.map((s) =>
    parseArticle({ file: s.path, path: s.path, bytes: s.bytes }, { maxBytes: defaults.maxArticleBytes }),
  );
  const articles = parsed.flatMap((p) => (p.article ? [p.article] : []));
  const texts = sources.map((s) => s.bytes.toString('utf8'));
  const bodies = articles.map((a, i) => texts[i]!.slice(a.bodyOffset));
  const renderBody = createBodyRenderer(bodyPolicy(defaults.iframeHosts));
  const config = { ...defaults, baseUrl: 'https://warta.example' };
  const { site } = assembleSite(articles, config, { now: Date.UTC(2100, 0, 1), future: false }, []);
  const names = new Map(site.categories.map((c) => [c.slug, c.name]));
  const stories = articles.map((a) => storyView(a, names.get(a.categorySlug)!));
  const view = siteView(config, site.categories);
  const theme = loadTheme(undefined);
  const html = bodies.map((b) => renderBody(b).html);
  const pages = articles.map((a, i) =>
    articlePageView(
      a,
      stories[i]!,
      html[i]!,
      [1, 2, 3, 4, 5].map((k) => stories[(i + k) % stories.length]!),
      view,
    ),
  );
  const out = mkdtempSync(join(tmpdir(), 'warta-parts-'));
  const written = pages.map((p, i) => ({
    page: (theme.render('article.njk', { site: view, page: p }) as { html: string }).html,
    path: join(out, outputFile(articles[i]!.url)),
  }));
  try {
    const parts = {
      read: timed(sources, (s) => readFileSync(s.abs)),
      parse: timed(sources, (s) =>
        parseArticle({ file: s.path, path: s.path, bytes: s.bytes }, { maxBytes: defaults.maxArticleBytes }),
      ),
      markdown: timed(bodies, (b) => renderBody(b)),
      template: timed(pages, (page) => theme.render('article.njk', { site: view, page })),
      write: timed(written, (w) => (mkdirSync(dirname(w.path), { recursive: true }), writeFileSync(w.path, w.page))),
    };
    const terms = timed([...articles.keys()], (i) => extractTerms(articles[i]!.title, bodies[i]!, articles[i]!.tags));
    const round = (us: number) => Math.round(us);
    return {
      articles: articles.length,
      ...Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, round(v)])),
      terms: round(terms),
      sum: round(Object.values(parts).reduce((a, b) => a + b, 0)),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: node lib/bench/parts.js <content-folder> [sample]\n');
    process.exitCode = 2;
  } else {
    process.stdout.write(`${JSON.stringify(measureParts(dir, Number(process.argv[3] ?? 2000)))}\n`);
  }
}
