import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../../src/build/build.js';
import { MemoryWriter } from '../../src/output/writer.js';
import { buildFixture, TEST_CONFIG } from '../support/fixtures.js';

const WITHDRAWN = '/2025/07/10/ekspor-3/';
const CORRECTED = '2025/04/02/wang-yi-lavrov-moskow/index.html';
const W3C_WIB = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/;

const built = buildFixture('basic-site');

async function site(): Promise<{ text: (path: string) => string; paths: string[] }> {
  const { writer } = await built;
  return {
    text: (path) => writer.text(path) ?? assert.fail(`${path} was not written`),
    paths: [...writer.files.keys()].sort(),
  };
}

test('every feed parses with a feed parser: self link, absolute URLs, authors, categories, bounded; no withdrawn story', async () => {
  const { text, paths } = await site();
  const feeds = paths.filter((p) => /(^|\/)(feed|atom)\.xml$/.test(p));
  assert.deepEqual(
    feeds.filter((p) => !/^(topik|penulis)\//.test(p)),
    [
      'atom.xml',
      'ekonomi/atom.xml',
      'ekonomi/feed.xml',
      'feed.xml',
      'international/atom.xml',
      'international/feed.xml',
      'olahraga/atom.xml',
      'olahraga/feed.xml',
    ],
  );
  // Each topic and author page has its feeds beside it, and links them.
  for (const list of paths.filter((p) => /^(topik|penulis)\/[^/]+\/index\.html$/.test(p))) {
    const folder = list.slice(0, -'index.html'.length);
    assert.ok(feeds.includes(`${folder}feed.xml`) && feeds.includes(`${folder}atom.xml`), folder);
    assert.match(
      text(list),
      new RegExp(`<link rel="alternate" type="application/rss\\+xml" title="[^"]+" href="/${folder}feed\\.xml">`),
    );
    assert.match(
      text(list),
      new RegExp(`<link rel="alternate" type="application/atom\\+xml" title="[^"]+" href="/${folder}atom\\.xml">`),
    );
  }
  assert.ok(feeds.includes('topik/timnas/feed.xml') && feeds.includes('penulis/rudi-hartono/atom.xml'));
  const byAuthor = parseFeed(text('penulis/rudi-hartono/feed.xml'));
  assert.ok(byAuthor.items.length && byAuthor.items.every((i) => i.authors.some((a) => a.name === 'Rudi Hartono')));
  for (const path of feeds) {
    const feed = parseFeed(text(path));
    assert.equal(feed.meta.type, path.endsWith('atom.xml') ? 'atom' : 'rss', path);
    assert.equal(feed.self, `https://warta.example/${path}`);
    assert.equal(feed.language, 'id');
    assert.ok(feed.items.length > 0 && feed.items.length <= 50, path);
    for (const item of feed.items) {
      assert.match(item.url ?? '', /^https:\/\/warta\.example\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+\/$/, path);
      assert.ok(
        item.authors.length && item.categories.length && item.published && item.description,
        `${path} ${item.url}`,
      );
      assert.notEqual(item.url, `https://warta.example${WITHDRAWN}`, `${path} lists the withdrawn story`);
    }
  }
  // `updated` is honoured: the corrected story's entry says when it was corrected.
  const corrected = parseFeed(text('international/atom.xml')).items.find((i) =>
    i.url?.endsWith('/wang-yi-lavrov-moskow/'),
  );
  assert.equal(corrected?.updated?.toISOString(), '2025-04-03T02:15:00.000Z');
  assert.equal(
    parseFeed(text('international/feed.xml')).items.find((i) => i.url?.endsWith('/wang-yi-lavrov-moskow/'))?.media[0]
      ?.url,
    'https://warta.example/images/moskow.svg',
  );
});

test('every page links the site feeds, category pages their own; Open Graph, Twitter card, robots, favicon and theme colour on every page; og:image never an SVG', async () => {
  const { text, paths } = await site();
  for (const path of paths.filter((p) => p.endsWith('.html'))) {
    const html = text(path);
    if (html.includes('http-equiv="refresh"')) continue;
    assert.match(html, /<link rel="alternate" type="application\/rss\+xml" title="[^"]+" href="\/feed\.xml">/, path);
    assert.match(html, /<link rel="alternate" type="application\/atom\+xml" title="[^"]+" href="\/atom\.xml">/, path);
    assert.match(html, /<meta name="theme-color" content="#[0-9a-f]{6}">/, path);
    assert.match(html, /<link rel="icon" href="\/assets\/favicon\.svg"/, path);
    assert.match(html, /<meta name="robots" content="(max-image-preview:large|noindex)">/, path);
    assert.match(html, /<meta name="twitter:card" content="summary_large_image">/, path);
    const image = /<meta property="og:image" content="([^"]+)">/.exec(html)?.[1];
    assert.ok(image, `${path} has og:image`);
    assert.doesNotMatch(image, /\.svg$/i, path);
  }
  assert.match(
    text('ekonomi/index.html'),
    /<link rel="alternate" type="application\/rss\+xml" title="[^"]+" href="\/ekonomi\/feed\.xml">/,
  );
  assert.match(text('ekonomi/index.html'), /"@type":"BreadcrumbList"/);
});

test('every article has valid NewsArticle and BreadcrumbList JSON-LD with image, publisher logo, language and modified date', async () => {
  const { text, paths } = await site();
  const articles = paths.filter(
    (p) =>
      /^\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/.test(p) &&
      !text(p).includes('http-equiv="refresh"') &&
      p !== `${WITHDRAWN.slice(1)}index.html`,
  );
  assert.ok(articles.length >= 10);
  for (const path of articles) {
    const blocks = [...text(path).matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].map((m) =>
      JSON.parse(m[1]!),
    );
    const article = blocks.find((b) => b['@type'] === 'NewsArticle');
    const crumbs = blocks.find((b) => b['@type'] === 'BreadcrumbList');
    assert.ok(article && crumbs, path);
    assert.ok(
      Array.isArray(article.image) &&
        article.image.length &&
        !article.image.some((i: string) => /\.svg$/.test(i) || !i.startsWith('https://')),
      path,
    );
    assert.equal(article.inLanguage, 'id');
    assert.deepEqual(article.publisher, {
      '@type': 'Organization',
      name: 'Warta Uji',
      url: 'https://warta.example/',
      logo: { '@type': 'ImageObject', url: 'https://warta.example/assets/logo.png' },
    });
    for (const author of article.author)
      assert.match(author.url, /^https:\/\/warta\.example\/penulis\/[a-z0-9-]+\/$/, `${path}: ${author.name}`);
    assert.match(article.datePublished, W3C_WIB);
    assert.match(article.dateModified, W3C_WIB);
    assert.equal(crumbs.itemListElement.length, 3);
  }
});

test('a corrected article shows its Ralat notes, credit and modified date; a withdrawn one keeps its URL with the notice, noindex, and is in no list, sitemap or related list', async () => {
  const { text, paths } = await site();
  const corrected = text(CORRECTED);
  assert.match(
    corrected,
    /<strong>Ralat<\/strong> \(<time datetime="2025-04-03T09:15:00\+07:00">Kamis, 3 April 2025 09:15:00 WIB<\/time>\): Sebelumnya tertulis/,
  );
  assert.match(corrected, /"dateModified":"2025-04-03T09:15:00\+07:00"/);
  assert.match(corrected, /<span class="credit">Foto: ANTARA\/Reuters<\/span>/);
  const withdrawn = text(`${WITHDRAWN.slice(1)}index.html`);
  assert.match(withdrawn, /<meta name="robots" content="noindex">/);
  assert.match(withdrawn, /Berita ini telah dicabut/);
  assert.match(withdrawn, /<h1 class="article__title">Ekspor Nikel Triwulan 3 Naik<\/h1>/);
  assert.doesNotMatch(withdrawn, /triwulan 3 naik dibanding/, 'the body is gone');
  for (const path of paths)
    if (path !== `${WITHDRAWN.slice(1)}index.html`)
      assert.ok(!text(path).includes(WITHDRAWN), `${path} links the withdrawn story`);
  const parser = new XMLParser();
  for (const path of paths.filter((p) => p.startsWith('sitemap')))
    assert.equal(XMLValidator.validate(text(path)), true, path);
  assert.ok(parser.parse(text('sitemap.xml')).sitemapindex);
});

test('feedContent "full" puts the sanitised body in every feed item, with site paths made absolute', async () => {
  const root = await mkdtemp(join(tmpdir(), 'warta-feed-'));
  try {
    await mkdir(join(root, 'content'));
    await writeFile(
      join(root, 'content', 'berita.md'),
      '---\ntitle: Berita\nbyline: AP Wira\ncategory: Nasional\ndate: 2025-04-02 10:00\n---\nLihat [arsip](/nasional/) dan <script>alert(1)</script>**tebal**.\n',
    );
    const writer = new MemoryWriter();
    const result = await build({
      content: join(root, 'content'),
      out: join(root, 'out'),
      config: { ...TEST_CONFIG, feedContent: 'full' },
      clock: { now: Date.UTC(2026, 0, 1), future: false },
      jobs: 1,
      writer,
    });
    assert.ok(result.ok);
    for (const path of ['feed.xml', 'atom.xml', 'nasional/feed.xml', 'nasional/atom.xml']) {
      const [item] = parseFeed(writer.text(path)!).items;
      assert.match(item?.content ?? '', /<a href="https:\/\/warta\.example\/nasional\/">arsip<\/a>/, path);
      assert.match(item?.content ?? '', /<strong>tebal<\/strong>/, path);
      assert.doesNotMatch(item?.content ?? '', /script/, path);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
