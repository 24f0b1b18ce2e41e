import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { build, type BuildResult } from '../../src/build/build.js';
import { MemoryWriter } from '../../src/output/writer.js';
import { TEST_CONFIG } from '../support/fixtures.js';

const HOUR = 3_600_000;
/** The build clock: 2025-06-10 12:00 WIB. */
const NOW = Date.UTC(2025, 5, 10, 5, 0);
/** W3C date-time in WIB, as the sitemap and news-sitemap rules want it. */
const W3C_WIB = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/;

/** A WIB timestamp `hours` before the clock. */
function wib(hours: number): string {
  return new Date(NOW - hours * HOUR + 7 * HOUR).toISOString().slice(0, 19).replace('T', ' ');
}

/** Builds an archive of articles dated `ages` hours before the clock (one withdrawn, one held back) in memory. */
async function buildArchive(ages: number[]): Promise<{ writer: MemoryWriter; result: BuildResult }> {
  const root = await mkdtemp(join(tmpdir(), 'warta-news-'));
  try {
    await mkdir(join(root, 'content'));
    const files = ages.map((age, i) => [
      `berita-${i}.md`,
      `---\ntitle: Berita ${i} & Kabar\nbyline: AP Wira\ncategory: Nasional\ndate: ${wib(age)}\n---\nIsi ${i}.\n`,
    ]);
    files.push([
      'dicabut.md',
      `---\ntitle: Dicabut\nbyline: AP Wira\ncategory: Nasional\ndate: ${wib(1)}\nwithdrawn:\n  at: ${wib(0.5)}\n  reason: Salah.\n---\nIsi.\n`,
    ]);
    files.push([
      'embargo.md',
      `---\ntitle: Embargo\nbyline: AP Wira\ncategory: Nasional\ndate: ${wib(-5)}\n---\nIsi.\n`,
    ]);
    for (const [name, text] of files) await writeFile(join(root, 'content', name!), text!);
    const writer = new MemoryWriter();
    const result = await build({
      content: join(root, 'content'),
      out: join(root, 'out'),
      config: { ...TEST_CONFIG, title: 'Warta Uji' },
      clock: { now: NOW, future: false },
      jobs: 1,
      writer,
    });
    return { writer, result };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'url' || name === 'sitemap' });

/** A sitemap file parsed, after checking it is well-formed XML. */
function parse(writer: MemoryWriter, path: string): any {
  const text = writer.text(path);
  assert.ok(text, `${path} was written`);
  assert.equal(XMLValidator.validate(text), true, `${path} is well-formed`);
  return parser.parse(text);
}

test('the news sitemap lists the articles of the 48 hours before the clock, at most 1,000 per file, each listed in the index with lastmod', async () => {
  // 1,003 articles in the window (the oldest 47.5 hours old), 3 older; one withdrawn and one held back in the window too.
  const ages = [...Array.from({ length: 1003 }, (_, i) => 47.5 * (i / 1002)), 48, 49, 200];
  const { writer, result } = await buildArchive(ages);
  assert.ok(result.ok);
  const index = parse(writer, 'sitemap.xml').sitemapindex;
  const maps: { loc: string; lastmod: string }[] = index.sitemap;
  assert.deepEqual(
    maps.map((m) => m.loc),
    [
      'https://warta.example/sitemaps/1.xml',
      'https://warta.example/sitemaps/news-1.xml',
      'https://warta.example/sitemaps/news-2.xml',
    ],
  );
  for (const m of maps) assert.match(m.lastmod, W3C_WIB);
  const news = [parse(writer, 'sitemaps/news-1.xml'), parse(writer, 'sitemaps/news-2.xml')];
  for (const n of news) assert.equal(n.urlset['@_xmlns:news'], 'http://www.google.com/schemas/sitemap-news/0.9');
  const urls = news.flatMap((n) => n.urlset.url);
  assert.deepEqual(
    news.map((n) => n.urlset.url.length),
    [1000, 3],
  );
  for (const u of urls) {
    const item = u['news:news'];
    assert.equal(item['news:publication']['news:name'], 'Warta Uji');
    assert.equal(item['news:publication']['news:language'], 'id');
    assert.match(item['news:publication_date'], W3C_WIB);
    assert.ok(NOW - Date.parse(item['news:publication_date']) < 48 * HOUR, `${u.loc} is in the window`);
    assert.match(item['news:title'], /^Berita \d+ & Kabar$/);
  }
  assert.ok(!urls.some((u) => /dicabut|embargo/.test(u.loc)), 'withdrawn and held-back stories are not news');
  // The oldest story in the window leaves it 30 minutes after the clock, before the embargo falls due: that is when the site next changes.
  assert.equal(result.nextDue, NOW + 0.5 * HOUR);
  const all = parse(writer, 'sitemaps/1.xml').urlset.url;
  assert.equal(all.length, 1 + 1 + 1006, 'home, the category and every published article');
  for (const u of all) assert.match(u.lastmod, W3C_WIB);
  assert.ok(!all.some((u: { loc: string }) => /dicabut|embargo/.test(u.loc)));
});

test('with no story in the window there is no news sitemap', async () => {
  const { writer } = await buildArchive([49, 100]);
  assert.equal(writer.text('sitemaps/news-1.xml'), undefined);
  assert.equal(parse(writer, 'sitemap.xml').sitemapindex.sitemap.length, 1);
});

test('with --future, an incremental build after the clock moved on lists the news sitemap a clean build lists: a story ageing out leaves it, a future-dated one enters it', async () => {
  const root = await mkdtemp(join(tmpdir(), 'warta-news-future-'));
  try {
    const content = join(root, 'content');
    await mkdir(content);
    const story = (name: string, age: number) =>
      writeFile(
        join(content, `${name}.md`),
        `---\ntitle: Berita ${name}\nbyline: AP Wira\ncategory: Nasional\ndate: ${wib(age)}\n---\nIsi ${name}.\n`,
      );
    // Ages out 1 hour after the clock; stays; enters 2 hours after the clock (published already by --future).
    await Promise.all([story('lama', 47), story('baru', 10), story('besok', -2)]);
    const at = (now: number, out: string, cache: 'use' | 'clean') =>
      build({
        content,
        out: join(root, out),
        config: TEST_CONFIG,
        clock: { now, future: true },
        jobs: 1,
        cache,
      });
    const news = async (out: string) =>
      (await readFile(join(root, out, 'sitemaps', 'news-1.xml'), 'utf8').catch(() => ''))
        .match(/<loc>[^<]+<\/loc>/g)
        ?.sort() ?? [];
    assert.ok((await at(NOW, 'inc', 'use')).ok);
    assert.deepEqual(
      await news('inc'),
      ['<loc>https://warta.example/2025/06/10/baru/</loc>', '<loc>https://warta.example/2025/06/08/lama/</loc>'].sort(),
    );
    // An editor's body edit, built three hours later: the quick path may not keep the news sitemap as it was.
    await writeFile(
      join(content, 'baru.md'),
      `${await readFile(join(content, 'baru.md'), 'utf8')}\nParagraf tambahan.\n`,
    );
    const later = NOW + 3 * HOUR;
    const incremental = await at(later, 'inc', 'use');
    assert.ok(incremental.ok);
    assert.ok((await at(later, 'clean', 'clean')).ok);
    assert.deepEqual(
      await news('clean'),
      [
        '<loc>https://warta.example/2025/06/10/baru/</loc>',
        '<loc>https://warta.example/2025/06/10/besok/</loc>',
      ].sort(),
    );
    assert.deepEqual(await news('inc'), await news('clean'), `quick: ${incremental.quick}`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
