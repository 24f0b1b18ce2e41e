import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeArchive } from '../support/generate.js';
import { build } from '../../src/build/build.js';
import { MemoryWriter } from '../../src/output/writer.js';
import { outputFile } from '../../src/site/paths.js';
import { ROOT, siteConfig, TEST_CONFIG } from '../support/fixtures.js';

/** The sample archive shipped in the repository, built in memory. */
async function sampleSite(): Promise<Map<string, string>> {
  const writer = new MemoryWriter();
  const config = await siteConfig(join(ROOT, 'warta.config.json'));
  const result = await build({
    content: join(ROOT, 'content'),
    out: 'unused',
    config,
    clock: { now: Date.UTC(2027, 0, 1), future: false },
    jobs: 1,
    writer,
  });
  assert.ok(result.ok, JSON.stringify(result.problems));
  return new Map([...writer.files].map(([path, bytes]) => [path, Buffer.from(bytes).toString('utf8')]));
}

const site = sampleSite();

/** The site-relative URLs of the news articles, from their pages' canonical links. */
function articleUrls(files: Map<string, string>): string[] {
  return [...files]
    .filter(([, html]) => html.includes('class="page-article"'))
    .map(([, html]) => /<link rel="canonical" href="https:\/\/warta\.example(\/[^"]*)"/.exec(html)![1]!);
}

/** Every page of a list whose front page is at `url`: the front page and `page/N/` below it. */
function listPages(files: Map<string, string>, url: string): string[] {
  const base = outputFile(url).replace(/index\.html$/, '');
  return [...files.keys()]
    .filter((f) => f === `${base}index.html` || new RegExp(`^${base}page/\\d+/index\\.html$`).test(f))
    .map((f) => files.get(f)!);
}

test('every prefix of every article URL resolves to a page', async () => {
  const files = await site;
  const urls = articleUrls(files);
  assert.ok(urls.length > 30);
  for (const url of urls) {
    const parts = url.split('/').filter(Boolean);
    for (let n = 1; n <= parts.length; n++) {
      const prefix = `/${parts.slice(0, n).join('/')}/`;
      assert.ok(files.has(outputFile(prefix)), `${prefix} (of ${url})`);
    }
  }
});

test('every tag, byline and date line on an article page links to a page listing that article', async () => {
  const files = await site;
  let links = 0;
  for (const url of articleUrls(files)) {
    const html = files.get(outputFile(url))!;
    const header = html.slice(html.indexOf('<article class="article">'), html.indexOf('</article>'));
    const targets = [
      ...header.matchAll(
        /<(?:li class="tag"|p class="article__date"|a class="author")[^]*?href="(\/(?:topik|penulis|\d{4})\/[^"]*)"/g,
      ),
    ].map((m) => m[1]!);
    // Every tag and every byline of the page is a link.
    const tags = (header.match(/<li class="tag">/g) ?? []).length;
    const authors = (header.match(/class="author"/g) ?? []).length;
    assert.equal(targets.length, tags + authors + 1, url);
    for (const target of targets) {
      links++;
      assert.ok(
        listPages(files, target).some((page) => page.includes(`href="${url}"`)),
        `${target} lists ${url}`,
      );
    }
  }
  assert.ok(links > 100);
});

test('static pages are in no list, feed or sitemap of news; the footer and the sitemap of every page link them', async () => {
  const files = await site;
  const statics = ['/tentang-kami/', '/redaksi/', '/pedoman-media-siber/', '/kontak/'];
  for (const url of statics) {
    assert.match(files.get(outputFile(url))!, /class="page-static"/);
    assert.match(files.get('index.html')!, new RegExp(`<footer[^]*href="${url}"`));
    assert.ok(files.get('sitemaps/1.xml')!.includes(`<loc>https://warta.example${url}</loc>`));
    for (const [path, text] of files) {
      if (statics.some((s) => outputFile(s) === path) || /^sitemaps\/\d+\.xml$/.test(path)) continue;
      // Outside the footer, and outside the static pages' own bodies, nothing names them.
      const body = text.replace(/<footer[^]*<\/footer>/, '');
      assert.ok(!body.includes(url), `${path} names ${url}`);
    }
  }
});

test('page numbers are stable: a new story leaves every numbered page but those nearest the newest as it was', async () => {
  const root = await mkdtemp(join(tmpdir(), 'warta-archive-'));
  try {
    const content = join(root, 'content');
    await writeArchive(content, { articles: 120, seed: 3 });
    const config = { ...TEST_CONFIG, pageSize: 3 };
    const clock = { now: Date.UTC(2026, 0, 1), future: false };
    const once = async () => {
      const writer = new MemoryWriter();
      assert.ok((await build({ content, out: 'unused', config, clock, jobs: 1, writer })).ok);
      return writer.files;
    };
    const before = await once();
    await writeFile(
      join(content, 'baru.md'),
      '---\ntitle: Berita Terbaru\nbyline: AP Wira\ncategory: Nasional\ndate: 2025-12-31 10:00:00\ntags: [Jakarta]\n---\nIsi.\n',
    );
    const after = await once();
    let kept = 0;
    for (const [path, bytes] of before) {
      const m = /^(.*\/)page\/(\d+)\/index\.html$/.exec(path);
      if (!m) continue;
      const newest = Math.max(
        ...[...before.keys()]
          .filter((p) => p.startsWith(`${m[1]}page/`))
          .map((p) => Number(/page\/(\d+)\//.exec(p)![1])),
      );
      // Pages within two of the newest may gain a link to a new page; the others keep their bytes.
      if (Number(m[2]) > newest - 2) continue;
      assert.deepEqual(after.get(path), bytes, path);
      kept++;
    }
    assert.ok(kept > 20, `${kept}`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
