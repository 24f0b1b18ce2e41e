import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { build, type BuildResult } from '../../src/build/build.js';
import { defaults, type SiteConfig } from '../../src/config.js';
import { parseArticle } from '../../src/content/parse.js';
import { formatProblem } from '../../src/messages/format.js';
import { MemoryWriter } from '../../src/output/writer.js';
import { escapeXml } from '../../src/render/xml.js';
import { hostileBody, hostileText, yamlScalar, yamlStyle, type YamlStyle } from './hostile.js';
import { inner, jsonLd, unescapeHtml, unescapeXml, unsafeHtml } from './safety.js';

/**
 * Whole builds of small sites whose every field and body is hostile: the build never throws
 * (bad input is a clean problem), no page runs script or shows markup nobody allowed, every
 * field reads back exactly from each context it is written into, and two builds are identical.
 */

const RUNS = Number(process.env.WARTA_PROPERTY_RUNS ?? 60);
const SEED = 2_025_0402;

const field = fc.record({ value: hostileText, style: yamlStyle });
type Field = { value: string; style: YamlStyle };

/** Base URLs the config accepts (an http(s) URL without white space), some of them hostile. */
const BASE_URLS = [
  'https://warta.example',
  'https://warta.example/berita',
  'https://warta.example/"><script>alert(1)</script>',
  "http://warta.example/a&b<c>'d",
];
const IMAGES = [
  'https://img.example/a.jpg?x="><script>alert(1)</script>',
  'javascript:alert(1)',
  '/gambar/a.jpg',
  '../../etc/passwd',
  'data:image/svg+xml,<svg onload=alert(1)>',
  '//evil.example/x.jpg',
  'https://img.example/<x>.jpg',
];
const ALIASES = [
  '/lama/',
  '/arsip/berita.html',
  '/arsip/%3Cscript%3E/',
  '/..%2f..%2fnaik/',
  '/lama/<script>/',
  '/../naik/',
  '/feed.xml',
  'relatif/',
];

/** A value in about one article of four, so that most articles stay valid and get a page. */
function sometimes<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
}

const articleArb = fc.record({
  title: field,
  bylines: fc.array(field, { minLength: 1, maxLength: 2 }),
  bylineAsList: fc.boolean(),
  category: field,
  source: fc.option(field, { nil: undefined }),
  summary: fc.option(field, { nil: undefined }),
  caption: fc.option(field, { nil: undefined }),
  tags: fc.array(field, { maxLength: 3 }),
  extra: fc.option(field, { nil: undefined }),
  image: sometimes(fc.constantFrom(...IMAGES)),
  aliases: sometimes(fc.subarray(ALIASES, { minLength: 1, maxLength: 2 })),
  draft: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
  body: hostileBody,
});
type ArticleInput = typeof articleArb extends fc.Arbitrary<infer T> ? T : never;

/** The article file: required text fields start with a letter, so most are valid and get a page. */
function articleFile(a: ArticleInput, day: number): string {
  const text = (f: Field) => yamlScalar(`J${f.value}`, f.style);
  const lines = [
    `title: ${text(a.title)}`,
    a.bylineAsList
      ? `byline:\n${a.bylines.map((b) => `  - ${JSON.stringify(`B${b.value}`)}`).join('\n')}`
      : `byline: ${text(a.bylines[0]!)}`,
    `category: ${text(a.category)}`,
    `date: 2025-04-${String(day).padStart(2, '0')} 10:00:00`,
  ];
  for (const key of ['source', 'summary', 'caption', 'extra'] as const)
    if (a[key]) lines.push(`${key === 'extra' ? 'kolom-lain' : key}: ${text(a[key]!)}`);
  if (a.tags.length) lines.push(`tags: [${a.tags.map((t) => JSON.stringify(`T${t.value}`)).join(', ')}]`);
  if (a.image) lines.push(`image: ${JSON.stringify(a.image)}`);
  if (a.aliases) lines.push(`aliases: ${JSON.stringify(a.aliases)}`);
  if (a.draft) lines.push('draft: true');
  return `---\n${lines.join('\n')}\n---\n${a.body}`;
}

let root: string;
let run = 0;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'warta-property-'));
});
after(() => rm(root, { recursive: true, force: true }));

/** Builds the site in memory; `keepGoing` renders the valid articles even when others are invalid. */
async function buildSite(content: string, config: SiteConfig): Promise<{ result: BuildResult; writer: MemoryWriter }> {
  const writer = new MemoryWriter();
  const result = await build({
    content,
    out: 'unused',
    config,
    clock: { now: Date.UTC(2026, 0, 1), future: false },
    jobs: 1,
    writer,
    keepGoing: true,
  });
  return { result, writer };
}

/** What a string becomes once written as UTF-8: a lone surrogate turns into U+FFFD. */
function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** XML 1.0 cannot hold these; the feed drops them. */
const notXml = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

test(
  'hostile sites build to safe, faithful, reproducible pages, or to clean problems',
  { timeout: 120_000 },
  async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(articleArb, { minLength: 1, maxLength: 3 }),
        hostileText,
        hostileText,
        fc.constantFrom(...BASE_URLS),
        async (inputs, siteTitle, tagline, baseUrl) => {
          const dir = join(root, `run-${++run}`);
          await mkdir(join(dir, 'gambar'), { recursive: true });
          const files = inputs.map((a, i) => ({ path: `artikel-${i + 1}.md`, text: articleFile(a, i + 1) }));
          for (const f of files) await writeFile(join(dir, f.path), f.text);
          await writeFile(join(dir, 'gambar', 'a.jpg'), 'jpg');
          const config: SiteConfig = { ...defaults, title: `W${siteTitle}`, tagline, baseUrl };
          try {
            const first = await buildSite(dir, config);
            const { result, writer } = first;

            // Problems are plain data, one line each.
            for (const p of result.problems) {
              assert.ok(p.severity === 'error' || p.severity === 'warning');
              assert.ok(typeof p.code === 'string' && p.code);
              for (const lang of ['id', 'en'] as const)
                assert.doesNotMatch(formatProblem(p, lang), /[\n\r]/, 'a problem must print as one line');
            }

            // No page runs script or shows markup nobody allowed.
            for (const [path, data] of writer.files) {
              if (path.endsWith('.html'))
                assert.deepEqual(unsafeHtml(Buffer.from(data).toString('utf8'), config.iframeHosts), [], path);
            }

            // Every field of every published article reads back exactly, from every context.
            const feed = writer.text('feed.xml');
            for (const f of files) {
              const article = parseArticle(
                { file: f.path, path: f.path, bytes: Buffer.from(f.text) },
                { maxBytes: config.maxArticleBytes },
              ).article;
              if (!article || article.draft) continue;
              const html = writer.text(`${article.url.slice(1)}index.html`);
              assert.ok(html !== undefined, `no page for ${f.path}`);
              const h1 = inner(html, '<h1 class="article__title">', '</h1>')!;
              assert.doesNotMatch(h1, /</);
              assert.equal(unescapeHtml(h1), wellFormed(article.title));
              assert.equal(
                unescapeHtml(/<meta property="og:title" content="([^"]*)">/.exec(html)![1]!),
                wellFormed(article.title),
              );
              assert.equal(
                unescapeHtml(/<meta name="description" content="([^"]*)">/.exec(html)![1]!),
                wellFormed(article.summary),
              );
              const ld = jsonLd(html);
              assert.equal(ld.headline, article.title);
              assert.equal(ld.description, article.summary);
              if (feed) {
                const item = feed
                  .split('<item>')
                  .find((i) => i.includes(`<link>${escapeXml(baseUrl + article.url)}</link>`));
                if (item)
                  assert.equal(
                    unescapeXml(inner(item, '<title>', '</title>')!),
                    wellFormed(article.title.replace(notXml, '')),
                  );
              }
            }
            if (feed)
              assert.equal(
                unescapeXml(inner(feed, '<title>', '</title>')!),
                wellFormed(config.title.replace(notXml, '')),
              );

            // The same input builds the same bytes.
            const second = await buildSite(dir, config);
            assert.deepEqual(second.result.problems, result.problems);
            assert.deepEqual([...second.writer.files.keys()].sort(), [...writer.files.keys()].sort());
            for (const [path, data] of writer.files)
              assert.ok(
                Buffer.from(data).equals(Buffer.from(second.writer.files.get(path)!)),
                `${path} differs between builds`,
              );
          } finally {
            await rm(dir, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  },
);
