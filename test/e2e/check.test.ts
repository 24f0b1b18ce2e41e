import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { writeArchive } from '../support/generate.js';
import { build } from '../../src/build/build.js';
import type { SiteConfig } from '../../src/config.js';
import { parseArticle } from '../../src/content/parse.js';
import { nameUrl } from '../../src/site/archive.js';
import type { Problem } from '../../src/errors.js';
import { formatProblem } from '../../src/messages/format.js';
import { MemoryWriter } from '../../src/output/writer.js';
import { parseTimestamp } from '../../src/time.js';
import { cli } from '../support/cli.js';
import { fixturePath, listFiles, siteConfig, TEST_CONFIG, UPDATE } from '../support/fixtures.js';
import { inner, jsonLd, unescapeHtml, unescapeXml, unsafeHtml } from '../property/safety.js';

const NOW = '2026-01-01 00:00:00';
const HOSTILE = fixturePath('hostile-site');

let scratch: string;
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'warta-check-'));
});
after(() => rm(scratch, { recursive: true, force: true }));

test('warta check reports every problem of the hostile site, renders what is valid, and writes nothing', async () => {
  const before = await listFiles(HOSTILE);
  const { code, out, err } = await cli(HOSTILE, 'check', '--now', NOW, '--jobs', '2');
  assert.equal(code, 1, err);
  // Unlike build, check goes on to render the valid articles: their warnings come too.
  const golden = join(HOSTILE, 'check.txt');
  if (UPDATE) await writeFile(golden, out);
  else assert.equal(out, await readFile(golden, 'utf8'));
  const errorsOfBuild = await readFile(join(HOSTILE, 'errors.txt'), 'utf8');
  for (const line of errorsOfBuild.split('\n').filter(Boolean))
    assert.ok(out.includes(`${line}\n`), `check misses a build error: ${line}`);
  // Messages are in Bahasa Indonesia unless the config or --lang asks for English.
  assert.match(out, /peringatan: HTML dibuang karena tidak aman: elemen <script>/);
  assert.match(
    out,
    /content\/lolos\/tautan\.md:11 peringatan: tautan ke \/2025\/01\/01\/tidak-ada\/ tidak menuju ke mana pun\n/,
  );
  assert.match(
    err,
    /^warta: pemeriksaan menemukan 38 kesalahan dan 30 peringatan; 10 berita siap terbit; tidak ada yang ditulis$/m,
  );
  const withoutGolden = (files: string[]) => files.filter((f) => f !== 'check.txt');
  assert.deepEqual(withoutGolden(await listFiles(HOSTILE)), withoutGolden(before), 'check wrote into the site folder');
  assert.equal(existsSync(join(HOSTILE, 'dist')), false);
});

test('warta check --format json prints the same problems as an array of plain objects', async () => {
  const text = await cli(HOSTILE, 'check', '--now', NOW, '--quiet', '--lang', 'en');
  const json = await cli(HOSTILE, 'check', '--now', NOW, '--quiet', '--format', 'json', '--lang', 'en');
  assert.equal(json.code, 1);
  assert.equal(
    json.err,
    'warta: check found 38 errors and 30 warnings; 10 articles ready to publish; nothing was written\n',
  );
  const rows = JSON.parse(json.out) as Record<string, unknown>[];
  assert.ok(Array.isArray(rows));
  for (const row of rows) {
    assert.deepEqual(Object.keys(row), ['severity', 'file', 'line', 'column', 'field', 'code', 'message']);
    assert.ok(row.severity === 'error' || row.severity === 'warning');
    assert.equal(typeof row.code, 'string');
  }
  // The text format is the JSON's values on one line: file:line:column, field, message.
  const asText = rows
    .map((r) => {
      const where = [r.file, r.line, r.column].filter((v) => v !== null).join(':');
      return `${where ? `${where} ` : ''}${r.severity === 'warning' ? 'warning: ' : ''}${r.field === null ? '' : `${r.field}: `}${r.message}`;
    })
    .join('\n');
  assert.equal(`${asText}\n`, text.out);
  const yaml = rows.find((r) => r.file === 'content/rusak/yaml-rusak.md')!;
  assert.deepEqual(yaml, {
    severity: 'error',
    file: 'content/rusak/yaml-rusak.md',
    line: 4,
    column: null,
    field: null,
    code: 'yaml-bracket',
    message: 'the list opened with [ on this line is never closed: end it with ], and separate its items with commas',
  });
});

test('warta check exits 0 with warnings only, 2 on usage and config errors', async () => {
  const site = join(scratch, 'basic');
  await cp(fixturePath('basic-site'), site, { recursive: true });
  const ok = await cli(site, 'check', '--now', NOW, '--format', 'json');
  assert.equal(ok.code, 0, ok.err);
  assert.equal((JSON.parse(ok.out) as unknown[]).length, 3);
  assert.match(
    ok.err,
    /warta: pemeriksaan menemukan 0 kesalahan dan 3 peringatan; 10 berita siap terbit, 1 ditahan \(berikutnya terbit .*\), 1 draf; tidak ada yang ditulis/,
  );
  const english = await cli(site, 'check', '--now', NOW, '--lang', 'en');
  assert.match(
    english.err,
    /warta: check found 0 errors and 3 warnings; 10 articles ready to publish, 1 held back \(next due .*\), 1 draft; nothing was written/,
  );
  assert.equal(existsSync(join(site, 'dist')), false, 'check must not write an output folder');
  assert.deepEqual(
    (await listFiles(site)).filter((f) => f.startsWith('.dist')),
    [],
  );

  for (const args of [
    ['--format', 'xml'],
    ['--lang', 'fr'],
    ['--out', 'x'],
    ['extra'],
    ['--now', 'besok'],
    ['--jobs', '0'],
  ]) {
    const r = await cli(site, 'check', ...args);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.out, '');
  }
  assert.equal((await cli(site, 'build', '--format', 'json')).code, 2);
  assert.equal((await cli(site, 'check', '--content', 'tidak-ada')).code, 2);
  // A config that would put a category page outside the output folder is a config error.
  await writeFile(
    join(site, 'jalur.json'),
    JSON.stringify({ categories: [{ slug: '../../etc', name: 'x' }], baseUrl: 'javascript:alert(1)' }),
  );
  const bad = await cli(site, 'check', '--config', 'jalur.json', '--format', 'json');
  assert.equal(bad.code, 2);
  assert.deepEqual(
    (JSON.parse(bad.out) as { field: string }[]).map((p) => p.field),
    ['categories', 'baseUrl'],
  );
});

/** The hostile fixture without its broken files: every valid hostile article, built in memory. */
async function buildValidHostile(): Promise<{
  writer: MemoryWriter;
  problems: Problem[];
  ok: boolean;
  config: SiteConfig;
}> {
  const site = join(scratch, 'valid-hostile');
  await rm(site, { recursive: true, force: true });
  await cp(HOSTILE, site, { recursive: true, verbatimSymlinks: true });
  for (const bad of [
    'rusak',
    'jalur',
    'tabrakan',
    'politik',
    'assets',
    'robots.txt',
    '2025',
    'tautan-keluar.md',
    'folder-keluar',
    'putus.md',
    'passwd.md',
  ]) {
    await rm(join(site, 'content', bad), { recursive: true, force: true });
  }
  const config = await siteConfig(join(site, 'warta.config.json'));
  const writer = new MemoryWriter();
  const previous = process.cwd();
  process.chdir(site);
  try {
    const result = await build({
      content: 'content',
      out: 'unused',
      config,
      clock: { now: Date.UTC(2026, 0, 1), future: false },
      jobs: 1,
      writer,
    });
    return { writer, problems: result.problems, ok: result.ok, config };
  } finally {
    process.chdir(previous);
  }
}

test('every field of a hostile article is escaped for its context: HTML text, attributes, JSON-LD, XML', async () => {
  const { writer, problems, ok, config } = await buildValidHostile();
  assert.ok(ok, problems.map((p) => formatProblem(p, 'en')).join('\n'));
  assert.deepEqual(
    problems.filter((p) => p.severity === 'error'),
    [],
  );
  for (const [path, data] of writer.files) {
    if (path.endsWith('.html'))
      assert.deepEqual(unsafeHtml(Buffer.from(data).toString('utf8'), config.iframeHosts), [], path);
  }
  const source = await readFile(join(HOSTILE, 'content', 'lolos', 'skrip-di-semua-kolom.md'));
  const article = parseArticle(
    { file: 'x.md', path: 'lolos/skrip-di-semua-kolom.md', bytes: source },
    { maxBytes: 1e6 },
  ).article!;
  assert.match(article.title, /<\/script><script>/);
  const html = writer.text(`${article.url.slice(1)}index.html`)!;
  const text = (open: string, close: string) => {
    const found = inner(html, open, close);
    assert.ok(found !== undefined, `${open} not found`);
    assert.doesNotMatch(found, /</, `raw < inside ${open}`);
    return unescapeHtml(found);
  };
  const attribute = (pattern: RegExp) => unescapeHtml(pattern.exec(html)![1]!);
  // HTML text and attributes.
  assert.equal(text('<h1 class="article__title">', '</h1>'), article.title);
  assert.equal(text('<title>', '</title>'), `${article.title} - ${config.title}`);
  assert.equal(text('<figcaption>', '</figcaption>'), article.caption);
  assert.equal(text('<p class="article__source">', '</p>'), `[${article.source}]`);
  // A byline and a tag are links to their pages (a name without a letter or digit has none).
  assert.equal(
    attribute(/(?:<a class="author" href="\/penulis\/[a-z0-9-]+\/">|<span class="author">)([^<]*)<\/(?:a|span)>/),
    article.bylines[0],
  );
  assert.equal(attribute(/<li class="tag">(?:<a href="\/topik\/[a-z0-9-]+\/">)?([^<]*)</), article.tags[0]);
  assert.equal(attribute(/<meta property="og:title" content="([^"]*)">/), article.title);
  assert.equal(attribute(/<meta name="description" content="([^"]*)">/), article.summary);
  assert.equal(attribute(/<img src="([^"]*)" alt="[^"]*" loading="eager">/), article.image);
  assert.equal(attribute(/<a class="masthead__name" href="\/">([^<]*)<\/a>/), config.title);
  assert.equal(attribute(/<p class="kicker"><a href="\/politik\/">([^<]*)<\/a>/), config.categories[0]!.name);
  // JSON-LD: no way out of the <script> element, and every value survives the round trip.
  const ld = jsonLd(html);
  assert.equal(ld.headline, article.title);
  assert.equal(ld.description, article.summary);
  assert.equal(ld.articleSection, config.categories[0]!.name);
  assert.deepEqual(
    ld.author,
    article.bylines.map((name) => ({
      '@type': 'Person',
      name,
      url: `${config.baseUrl}${nameUrl('/penulis/', name)}`,
    })),
  );
  // NewsArticle and BreadcrumbList, nothing else.
  assert.equal((html.match(/<script/g) ?? []).length, 2);
  assert.equal((html.match(/<\/script>/g) ?? []).length, 2);
  // XML: the feed's item reads back as the title, with nothing raw inside.
  const feed = writer.text('feed.xml')!;
  const item = feed.split('<item>').find((i) => i.includes(article.url))!;
  const title = inner(item, '<title>', '</title>')!;
  assert.doesNotMatch(title, /</);
  assert.equal(unescapeXml(title), article.title);
  assert.equal(unescapeXml(inner(feed, '<title>', '</title>')!), config.title);
  assert.doesNotMatch(feed, /<script|<img|<iframe/);
  // Path-like fields that tried to climb out: written literally inside the output, or never a path at all.
  assert.ok(writer.files.has('%2e%2e/%2e%2e/harfiah/index.html'));
  assert.ok(writer.files.has('%2e%2e%2f..%2fharfiah.html'));
  assert.ok(writer.files.has('etc/index.html'), 'the category "../../etc" is the page /etc/ of the site');
  for (const page of writer.files.keys()) assert.doesNotMatch(page, /(^|\/)\.\.(\/|$)/);
});

test('links to .md files of published articles become their URLs', async () => {
  const { writer } = await buildValidHostile();
  const html = writer.text('2025/04/03/tautan/index.html')!;
  assert.match(html, /<a href="\/2025\/04\/02\/skrip-di-semua-kolom\/#bagian">sumber Markdown<\/a>/);
  assert.match(html, /<a href="\/2025\/04\/01\/kategori-naik\/">dari akar content<\/a>/);
  assert.match(html, /<a href="\.\.\/tidak-ada\.md">berkas hilang<\/a>/, 'a link that goes nowhere is left as written');
});

test('body links are checked in build too, with pages rendered on worker threads, and those of static pages', async () => {
  const site = join(scratch, 'links');
  await writeArchive(join(site, 'content'), { articles: 100, seed: 5 });
  await mkdir(join(site, 'content', 'uji'), { recursive: true });
  const front = (title: string, date: string) =>
    `---\ntitle: ${title}\nbyline: Redaksi\ncategory: Nasional\ndate: ${date}\n---\n`;
  await writeFile(join(site, 'content', 'uji', 'tujuan.md'), `${front('Tujuan', '2025-06-01 10:00:00')}Isi.\n`);
  await writeFile(
    join(site, 'content', 'uji', 'draf.md'),
    '---\ntitle: Draf\nbyline: Redaksi\ncategory: Nasional\ndate: 2025-06-01 10:00:00\ndraft: true\n---\nIsi.\n',
  );
  await writeFile(
    join(site, 'content', 'uji', 'asal.md'),
    `${front('Asal', '2025-06-02 10:00:00')}Lihat [tujuan](tujuan.md) dan [halaman](/2025/06/01/tujuan/).\n\nLalu [hilang](/2025/06/01/hilang/),\n[draf](draf.md) dan [luar](https://example.com/).\n`,
  );
  await mkdir(join(site, 'content', 'halaman'), { recursive: true });
  await writeFile(
    join(site, 'content', 'halaman', 'kontak.md'),
    '---\ntitle: Kontak\n---\nLihat [tujuan](../uji/tujuan.md).\n\n[Hilang](/tidak-ada/) dan [draf](../uji/draf.md).\n',
  );
  const previous = process.cwd();
  process.chdir(site);
  try {
    const now = parseTimestamp(NOW);
    assert.ok(now.ok);
    const result = await build({
      content: 'content',
      out: 'dist',
      config: TEST_CONFIG,
      clock: { now: now.instant, future: false },
      jobs: 2,
    });
    assert.ok(result.ok);
    assert.deepEqual(
      result.problems.map((p) => formatProblem(p, 'en')),
      [
        'content/halaman/kontak.md:6 warning: link to ../uji/draf.md goes nowhere: that article is a draft',
        'content/halaman/kontak.md:6 warning: link to /tidak-ada/ goes nowhere',
        'content/uji/asal.md:9 warning: link to /2025/06/01/hilang/ goes nowhere',
        'content/uji/asal.md:10 warning: link to draf.md goes nowhere: that article is a draft',
      ],
    );
    const page = await readFile(join(site, 'dist', 'kontak', 'index.html'), 'utf8');
    assert.match(page, /<a href="\/2025\/06\/01\/tujuan\/">tujuan<\/a>/);
    const html = await readFile(join(site, 'dist', '2025', '06', '02', 'asal', 'index.html'), 'utf8');
    assert.match(html, /<a href="\/2025\/06\/01\/tujuan\/">tujuan<\/a>/);
    assert.match(html, /<a href="draf\.md">draf<\/a>/);
  } finally {
    process.chdir(previous);
  }
});
