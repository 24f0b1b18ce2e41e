import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Article } from '../../src/content/article.js';

import { formatProblem } from '../../src/messages/format.js';
import { aliasTarget, assembleSite, reassemble } from '../../src/site/assemble.js';
import { validArticle } from '../support/article.js';
import { TEST_CONFIG } from '../support/fixtures.js';

let counter = 0;
/** A valid article with only what a test cares about set. */
function article(fields: Partial<Article>): Article {
  const slug = fields.slug ?? `berita-${++counter}`;
  return validArticle(slug, '2025/04/02', { date: Date.UTC(2025, 3, 2), ...fields });
}
const clock = { now: Date.UTC(2025, 5, 1), future: false };

test('drafts and embargoed articles are not published; the next due time is reported', () => {
  const { site } = assembleSite(
    [
      article({}),
      article({ draft: true }),
      article({ date: Date.UTC(2025, 6, 1) }),
      article({ date: Date.UTC(2025, 5, 15) }),
    ],
    TEST_CONFIG,
    clock,
    [],
  );
  assert.equal(site.articles.length, 1);
  assert.equal(site.heldBack, 2);
  assert.equal(site.drafts, 1);
  assert.equal(site.nextDue, Date.UTC(2025, 5, 15));
  assert.equal(
    assembleSite([article({ date: Date.UTC(2025, 6, 1) })], TEST_CONFIG, { ...clock, future: true }, []).site.articles
      .length,
    1,
  );
});

test('articles are ordered newest first, then by URL, whatever order they came in', () => {
  const a = article({ slug: 'b', date: 5 });
  const b = article({ slug: 'a', date: 5 });
  const c = article({ slug: 'c', date: 9 });
  const urls = (list: Article[]) => assembleSite(list, TEST_CONFIG, clock, []).site.articles.map((x) => x.slug);
  assert.deepEqual(urls([a, b, c]), ['c', 'a', 'b']);
  assert.deepEqual(urls([c, b, a]), ['c', 'a', 'b']);
});

test('the most frequent spelling names a category, ties alphabetically; the config overrides', () => {
  const list = [
    article({ category: 'olahraga', categorySlug: 'olahraga' }),
    article({ category: 'Olahraga', categorySlug: 'olahraga' }),
    article({ category: 'Olahraga', categorySlug: 'olahraga' }),
    article({ category: 'Sains', categorySlug: 'sains' }),
    article({ category: 'sains', categorySlug: 'sains' }),
  ];
  const names = (config = TEST_CONFIG) => assembleSite(list, config, clock, []).site.categories.map((c) => c.name);
  assert.deepEqual(names(), ['Olahraga', 'Sains']);
  assert.deepEqual(names({ ...TEST_CONFIG, categories: [{ slug: 'sains', name: 'Ilmu Pengetahuan' }] }), [
    'Ilmu Pengetahuan',
    'Olahraga',
  ]);
});

test('two articles with one URL are one error naming both files; held-back articles count too', () => {
  const { problems } = assembleSite(
    [
      article({ slug: 'sama', file: 'content/a.md' }),
      article({ slug: 'sama', file: 'content/b.md', date: Date.UTC(2025, 3, 2, 12) }),
    ],
    TEST_CONFIG,
    clock,
    [],
  );
  assert.deepEqual(
    problems.map((p) => formatProblem(p, 'en')),
    [
      'content/a.md 2 sources would write /2025/04/02/sama/index.html: content/a.md (/2025/04/02/sama/), content/b.md (/2025/04/02/sama/)',
    ],
  );
  const later = assembleSite(
    [
      article({ slug: 'x', file: 'content/a.md' }),
      article({ slug: 'x', file: 'content/b.md', date: Date.UTC(2025, 3, 2) + 1 }),
    ],
    TEST_CONFIG,
    { now: Date.UTC(2025, 3, 2), future: false },
    [],
  );
  assert.equal(later.problems.length, 1);
});

test("aliases may not take an article URL, a category page, a static file or warta's own files", () => {
  const { problems } = assembleSite(
    [
      article({
        slug: 'satu',
        aliases: ['/2025/04/02/dua/', '/nasional/', '/images/a.png', '/feed.xml', '/assets/style.css'],
      }),
      article({ slug: 'dua' }),
    ],
    TEST_CONFIG,
    clock,
    [{ path: 'images/a.png', file: 'content/images/a.png', abs: '/x', stamp: '1:1' }],
  );
  const messages = problems.map((p) => formatProblem(p, 'en')).join('\n');
  assert.match(
    messages,
    /2025\/04\/02\/dua\/index\.html: content\/dua\.md \(\/2025\/04\/02\/dua\/\), content\/satu\.md \(alias \/2025\/04\/02\/dua\/\)/,
  );
  assert.match(messages, /nasional\/index\.html: content\/satu\.md \(alias \/nasional\/\), category "Nasional"/);
  assert.match(
    messages,
    /images\/a\.png: content\/satu\.md \(alias \/images\/a\.png\), static file content\/images\/a\.png/,
  );
  assert.match(messages, /feed\.xml: content\/satu\.md \(alias \/feed\.xml\), warta's own \/feed\.xml/);
  assert.match(
    messages,
    /assets\/style\.css: content\/satu\.md \(alias \/assets\/style\.css\), warta's own \/assets\//,
  );
});

test('static pages are published at their own URL, in no list of news; they claim their URL like articles', () => {
  const page = article({
    slug: 'tentang-kami',
    url: '/tentang-kami/',
    page: true,
    date: 0,
    category: '',
    categorySlug: '',
    bylines: [],
  });
  const news = article({ slug: 'berita' });
  const { site, problems } = assembleSite([page, news], TEST_CONFIG, clock, []);
  assert.deepEqual(problems, []);
  assert.deepEqual(site.pages, [page]);
  assert.deepEqual(site.articles, [news]);
  assert.deepEqual(
    site.categories.map((c) => c.slug),
    ['nasional'],
  );
  assert.ok(!site.archive.periods.some((p) => p.url === '/1970/'));
  const clash = assembleSite([page, article({ slug: 'x', url: '/tentang-kami/', page: true })], TEST_CONFIG, clock, []);
  assert.equal(clash.problems.length, 1);
  // A category page at the same URL clashes too.
  assert.equal(
    assembleSite([article({ slug: 'nasional', url: '/nasional/', page: true }), news], TEST_CONFIG, clock, []).problems
      .length,
    1,
  );
});

test("a static page's aliases redirect to it, as an article's do, and claim their paths", () => {
  const fields = { page: true as const, date: 0, category: '', categorySlug: '', bylines: [] };
  const page = article({ ...fields, slug: 'redaksi', url: '/redaksi/', aliases: ['/tentang/redaksi.html'] });
  const news = article({ slug: 'berita', aliases: ['/lama/berita.html'] });
  const { site, problems } = assembleSite([page, news], TEST_CONFIG, clock, []);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    site.aliases.map((a) => [a.path, aliasTarget(site, a).url]),
    [
      ['/lama/berita.html', '/2025/04/02/berita/'],
      ['/tentang/redaksi.html', '/redaksi/'],
    ],
  );
  const taken = article({ slug: 'lain', aliases: ['/tentang/redaksi.html'] });
  assert.equal(assembleSite([page, taken], TEST_CONFIG, clock, []).problems.length, 1);
});

test('assembling again after edits gives what a fresh assembly gives, keeping the last one only when no article moved', () => {
  const all = [
    article({ slug: 'a' }),
    article({ slug: 'b', category: 'Ekonomi', categorySlug: 'ekonomi' }),
    article({ slug: 'c', date: Date.UTC(2025, 5, 10) }),
  ];
  const first = reassemble(undefined, all, TEST_CONFIG, clock, []);
  const same = (list: Article[], at = clock) => {
    const again = reassemble(first, list, TEST_CONFIG, at, []);
    const fresh = assembleSite(list, TEST_CONFIG, at, []);
    assert.deepEqual(again.site, fresh.site);
    assert.deepEqual(again.problems, fresh.problems);
    return again;
  };
  // A new title, same place: the last categories are kept, the new article object is in.
  const retitled = [all[0]!, { ...all[1]!, title: 'Judul baru' }, all[2]!];
  const kept = same(retitled);
  assert.equal(kept.site.categories, first.site.categories);
  assert.ok(kept.site.articles.includes(retitled[1]!));
  // Moved: a new category, a new date, a draft, an alias; and the clock passing an embargo.
  same([all[0]!, { ...all[1]!, category: 'Sains', categorySlug: 'sains' }, all[2]!]);
  same([{ ...all[0]!, date: Date.UTC(2025, 0, 1) }, all[1]!, all[2]!]);
  same([all[0]!, { ...all[1]!, draft: true }, all[2]!]);
  same([all[0]!, all[1]!, { ...all[2]!, aliases: ['/lama/'] }]);
  // Listed in the topic and author archives: new tags or bylines.
  same([{ ...all[0]!, tags: ['Banjir'] }, all[1]!, all[2]!]);
  same([all[0]!, { ...all[1]!, bylines: ['Sari'] }, all[2]!]);
  assert.equal(same(all, { now: Date.UTC(2025, 5, 15), future: false }).site.articles.length, 3);
});

test('output paths that differ only in case collide, one file or folder on macOS and Windows', () => {
  const statics = [
    { path: 'Foto/a.jpg', file: 'content/Foto/a.jpg', abs: '/x', stamp: '1:1' },
    { path: 'Berkas.PDF', file: 'content/Berkas.PDF', abs: '/x', stamp: '1:1' },
    { path: 'berkas.pdf', file: 'content/berkas.pdf', abs: '/x', stamp: '1:1' },
  ];
  const { problems } = assembleSite(
    [
      article({ slug: 'satu', aliases: ['/Index.html', '/2025/04/02/Dua/', '/foto/lama.html'] }),
      article({ slug: 'dua' }),
    ],
    TEST_CONFIG,
    clock,
    statics,
  );
  assert.deepEqual(problems.map((p) => formatProblem(p, 'en')).sort(), [
    'content/Berkas.PDF 2 sources would write /Berkas.PDF and /berkas.pdf, one file on macOS and Windows: static file content/Berkas.PDF, static file content/berkas.pdf',
    'content/Foto/a.jpg /Foto/ and /foto/ differ only in case, one folder on macOS and Windows: static file content/Foto/a.jpg writes into /Foto/, content/satu.md (alias /foto/lama.html) writes into /foto/',
    'content/dua.md 2 sources would write /2025/04/02/dua/index.html and /2025/04/02/Dua/index.html, one file on macOS and Windows: content/dua.md (/2025/04/02/dua/), content/satu.md (alias /2025/04/02/Dua/)',
    "content/satu.md 2 sources would write /Index.html and /index.html, one file on macOS and Windows: content/satu.md (alias /Index.html), warta's own /index.html",
  ]);
});

test('a name that is a file for one claim and a folder for another is an error, whatever its case', () => {
  const { problems } = assembleSite([article({ slug: 'satu' })], TEST_CONFIG, clock, [
    { path: 'dokumen', file: 'content/dokumen', abs: '/x', stamp: '1:1' },
    { path: 'Dokumen/a.pdf', file: 'content/Dokumen/a.pdf', abs: '/x', stamp: '1:1' },
  ]);
  assert.deepEqual(
    problems.map((p) => formatProblem(p, 'en')),
    [
      'content/dokumen /dokumen is both a file and a folder: static file content/dokumen writes the file, static file content/Dokumen/a.pdf needs the folder',
    ],
  );
});

test('a withdrawn article leaves every list but keeps its URL; editing one assembles afresh', () => {
  const kept = article({});
  const gone = article({ withdrawn: { at: Date.UTC(2025, 3, 3), text: 'Dicabut.' }, aliases: ['/lama/dicabut.html'] });
  const first = reassemble(undefined, [kept, gone], TEST_CONFIG, clock, []);
  assert.deepEqual(
    first.site.aliases.map((a) => [a.path, aliasTarget(first.site, a)]),
    [['/lama/dicabut.html', gone]],
    'its old address leads to its notice',
  );
  assert.deepEqual(first.site.articles, [kept]);
  assert.deepEqual(first.site.withdrawn, [gone]);
  assert.deepEqual(first.site.categories[0]!.articles, [0]);
  const back = { ...gone, withdrawn: undefined };
  assert.deepEqual(reassemble(first, [kept, back], TEST_CONFIG, clock, []).site.articles.length, 2);
  assert.deepEqual(
    reassemble(first, [kept, { ...gone, withdrawn: { at: 0, text: 'Lain.' } }], TEST_CONFIG, clock, []).site
      .withdrawn[0]!.withdrawn!.text,
    'Lain.',
  );
});
