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

/** Builds an archive of articles dated `ages` hours before the clock (one withdrawn, one held back), and `more` files, in memory. */
async function buildArchive(
  ages: number[],
  more: [string, string][] = [],
): Promise<{ writer: MemoryWriter; result: BuildResult }> {
  const root = await mkdtemp(join(tmpdir(), 'warta-news-'));
  try {
    await mkdir(join(root, 'content', 'halaman'), { recursive: true });
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
    for (const [name, text] of [...files, ...more]) await writeFile(join(root, 'content', name!), text!);
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
  assert.equal(
    all.filter((u: { loc: string }) => !/\/20\d\d\/(\d\d\/(\d\d\/)?)?$|\/penulis\//.test(u.loc)).length,
    1 + 1 + 1006,
    'home, the category and every published article, besides the date archives and the author',
  );
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

test('the sitemap lists the date archives, topics, authors and static pages, with the newest change of what each lists; the news sitemap none of them', async () => {
  const tagged = `---\ntitle: Banjir\nbyline: [AP Wira, Sari]\ncategory: Nasional\ndate: ${wib(30)}\nupdated: ${wib(2)}\ntags: [Banjir Jakarta]\n---\nIsi.\n`;
  const { writer, result } = await buildArchive(
    [1, 100],
    [
      ['banjir.md', tagged],
      ['halaman/tentang-kami.md', '---\ntitle: Tentang Kami\n---\nIsi.\n'],
      ['halaman/redaksi.md', `---\ntitle: Redaksi\nupdated: ${wib(50)}\n---\nIsi.\n`],
    ],
  );
  assert.ok(result.ok);
  const all: { loc: string; lastmod?: string }[] = parse(writer, 'sitemaps/1.xml').urlset.url;
  const lastmod = new Map(all.map((u) => [u.loc.replace('https://warta.example', ''), u.lastmod]));
  const iso = (hours: number) => new Date(NOW - hours * HOUR + 7 * HOUR).toISOString().slice(0, 19) + '+07:00';
  const [day, days] = [wib(1).slice(0, 10).split('-'), wib(100).slice(0, 10).split('-')];
  // Each list's newest change: the article updated 2 hours before the clock lists under its topic, its authors and its day.
  assert.equal(lastmod.get('/topik/banjir-jakarta/'), iso(2));
  assert.equal(lastmod.get('/penulis/sari/'), iso(2));
  assert.equal(lastmod.get('/penulis/ap-wira/'), iso(1));
  assert.equal(lastmod.get(`/${day[0]}/`), iso(1));
  assert.equal(lastmod.get(`/${day[0]}/${day[1]}/${day[2]}/`), iso(1));
  assert.equal(lastmod.get(`/${days[0]}/${days[1]}/${days[2]}/`), iso(100));
  assert.equal(lastmod.get('/redaksi/'), iso(50));
  assert.ok(lastmod.has('/tentang-kami/'), 'a static page never updated is listed');
  assert.equal(lastmod.get('/tentang-kami/'), undefined, 'without a last-modified time');
  for (const [loc, time] of lastmod) if (loc !== '/tentang-kami/') assert.match(time ?? '', W3C_WIB, loc);
  assert.equal(new Set(all.map((u) => u.loc)).size, all.length, 'each page once');
  const news: { loc: string }[] = parse(writer, 'sitemaps/news-1.xml').urlset.url;
  assert.deepEqual(
    news.map((u) => u.loc).sort(),
    [
      'https://warta.example/' + wib(1).slice(0, 10).replaceAll('-', '/') + '/berita-0/',
      'https://warta.example/' + wib(30).slice(0, 10).replaceAll('-', '/') + '/banjir/',
    ].sort(),
  );
});
