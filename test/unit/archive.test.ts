import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Article } from '../../src/content/article.js';
import { ArchiveMemory, archivePages } from '../../src/render/archive-pages.js';
import { pageLinks } from '../../src/render/listed.js';
import type { StoryView } from '../../src/render/views.js';
import { buildArchive } from '../../src/site/archive.js';
import { paginate } from '../../src/site/pagination.js';
import { validArticle } from '../support/article.js';

/** A valid article on a WIB day (`2025/04/02`) with only what a test cares about set. */
function article(day: string, slug: string, fields: Partial<Article> = {}): Article {
  return validArticle(slug, day, fields);
}

test('years, months and days list their stories newest first; each names its parts, newest first', () => {
  // Newest first, as the site orders them.
  const articles = [
    article('2025/04/03', 'c'),
    article('2025/04/02', 'b'),
    article('2025/04/02', 'a'),
    article('2024/12/31', 'z'),
  ];
  const periods = new Map(buildArchive(articles, 10).periods.map((p) => [p.url, p]));
  assert.deepEqual(
    [...periods.keys()],
    ['/2025/', '/2025/04/', '/2025/04/03/', '/2025/04/02/', '/2024/', '/2024/12/', '/2024/12/31/'],
  );
  assert.deepEqual(periods.get('/2025/04/02/')!.articles, [1, 2]);
  assert.equal(periods.get('/2025/04/02/')!.name, 'Rabu, 2 April 2025');
  assert.equal(periods.get('/2025/04/')!.name, 'April 2025');
  assert.deepEqual(periods.get('/2025/04/')!.parts, [
    { name: 'Kamis, 3 April 2025', url: '/2025/04/03/' },
    { name: 'Rabu, 2 April 2025', url: '/2025/04/02/' },
  ]);
  assert.deepEqual(periods.get('/2025/')!.articles, [0, 1, 2]);
  assert.deepEqual(periods.get('/2025/')!.pages, paginate('/2025/', 3, 10));
});

test('tags and bylines that differ only in case or spacing are one page, named by the most frequent spelling', () => {
  const articles = [
    article('2025/04/03', 'a', { tags: ['Wang Yi', 'Rusia'], bylines: ['Sari'] }),
    article('2025/04/02', 'b', { tags: ['wang yi'], bylines: ['SARI', 'AP Wira'] }),
    article('2025/04/01', 'c', { tags: ['Wang-Yi', '!!!'] }),
  ];
  const { topics, authors } = buildArchive(articles, 10);
  assert.deepEqual(
    topics.map((t) => [t.url, t.name, t.articles]),
    [
      ['/topik/rusia/', 'Rusia', [0]],
      ['/topik/wang-yi/', 'Wang Yi', [0, 1, 2]],
    ],
  );
  assert.deepEqual(
    authors.map((t) => [t.url, t.articles]),
    [
      ['/penulis/ap-wira/', [1, 2]],
      ['/penulis/sari/', [0, 1]],
    ],
  );
});

test('the lists of topics stay bounded however many topics there are', () => {
  const articles = Array.from({ length: 2000 }, (_, i) =>
    article('2025/04/02', `s${i}`, { tags: [`Topik ${i}`, `${i} Hari`] }),
  );
  const { topicIndex } = buildArchive(articles, 10);
  assert.ok(topicIndex.top.length <= 100);
  assert.equal(topicIndex.letters.length, 27);
  const pages = topicIndex.letters.flatMap((l) => l.pages);
  assert.ok(pages.every((p) => p.names.length <= 300));
  assert.equal(
    pages.reduce((n, p) => n + p.names.length, 0),
    4000,
  );
  assert.equal(new Set(pages.map((p) => p.url)).size, pages.length);
  assert.deepEqual(
    topicIndex.letters.find((l) => l.letter === 't')!.pages.map((p) => p.url),
    [
      '/indeks-topik/t/',
      '/indeks-topik/t/2/',
      '/indeks-topik/t/3/',
      '/indeks-topik/t/4/',
      '/indeks-topik/t/5/',
      '/indeks-topik/t/6/',
      '/indeks-topik/t/7/',
    ],
  );
});

test('page links: the front page, pages near this one and page 1; a new page changes only the links of pages near the newest', () => {
  const names = (pages: ReturnType<typeof paginate>, at: number) =>
    pageLinks(pages, at)!
      .map((l) => (l.current ? `[${l.name}]` : l.name))
      .join(' ');
  const before = paginate('/a/', 20, 2); // front, 9 … 1
  assert.equal(names(before, 0), '[Terbaru] 9 8 1');
  assert.equal(names(before, 5), 'Terbaru 7 6 [5] 4 3 1');
  assert.equal(names(before, 9), 'Terbaru 3 2 [1]');
  assert.equal(pageLinks(paginate('/a/', 3, 2), 0), undefined);
  const after = paginate('/a/', 22, 2); // front, 10 … 1
  for (let n = 1; n <= 9; n++) {
    const [was, now] = [pageLinks(before, before.length - n), pageLinks(after, after.length - n)];
    if (n <= 7) assert.deepEqual(now, was, `page ${n}`);
    else assert.notDeepEqual(now, was, `page ${n}`);
  }
});

test('in one process, archive pages made again for a few stories listed otherwise equal pages made afresh', () => {
  const articles = Array.from({ length: 40 }, (_, i) =>
    article(`2025/04/${String(30 - Math.floor(i / 3)).padStart(2, '0')}`, `s${i}`, {
      tags: [`Topik ${i % 4}`],
      bylines: [`Penulis ${i % 3}`],
    }),
  );
  const archive = buildArchive(articles, 3);
  const story = (a: Article, title = a.title): StoryView => ({
    title,
    url: a.url,
    category: 'Nasional',
    categoryUrl: '/nasional/',
    dateText: '',
    dateIso: '',
    summary: '',
    byline: '',
  });
  const stories = articles.map((a) => story(a));
  const memory = new ArchiveMemory();
  assert.deepEqual(memory.pages(archive, stories), archivePages(archive, stories));
  const edited = stories.slice();
  edited[7] = story(articles[7]!, 'Judul baru');
  const again = memory.pages(archive, edited);
  assert.deepEqual(again, archivePages(archive, edited));
  assert.ok(again.some((p) => JSON.stringify(p.page).includes('Judul baru')));
});
