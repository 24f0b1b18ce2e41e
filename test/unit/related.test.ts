import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relateArticles, type RelatedInput } from '../../src/site/related/relate.js';
import { art, DAY, filler, generated, urls } from '../support/related.js';

test('never lists the article itself and respects count', () => {
  const articles = [
    art('/a/', 'banjir bekasi'),
    art('/b/', 'banjir bekasi'),
    art('/c/', 'banjir'),
    art('/d/', 'gempa'),
  ];
  for (const count of [0, 1, 2, 3, 10]) {
    const related = relateArticles(articles, { count });
    related.forEach((list, i) => {
      assert.ok(!list.includes(i));
      assert.equal(list.length, Math.min(count, articles.length - 1));
      assert.equal(new Set(list).size, list.length);
    });
  }
  assert.deepEqual(relateArticles([], { count: 5 }), []);
  assert.deepEqual(relateArticles([art('/solo/', 'kata')], { count: 5 }), [[]]);
});

test('a shared rare name beats shared common words', () => {
  const articles = [
    art('/a/', 'sulastri:3 pemerintah:2 anggaran:2 rapat'),
    art('/b/', 'sulastri:3 sekolah panen'),
    art('/c/', 'pemerintah:2 anggaran:2 rapat'),
    ...filler(40, 'pemerintah anggaran rapat'),
  ];
  assert.deepEqual(urls(articles, relateArticles(articles, { count: 2 })[0]!), ['/b/', '/c/']);
});

test('shared tags relate articles whose words differ, case-insensitively', () => {
  const articles = [
    art('/a/', 'gempa lombok', { tags: ['Basarnas'] }),
    art('/b/', 'pelatihan relawan', { tags: ['basarnas '] }),
    art('/c/', 'harga cabai'),
    ...filler(20, 'umum'),
  ];
  assert.equal(relateArticles(articles, { count: 1 })[0]![0], 1);
  assert.equal(relateArticles(articles, { count: 1 })[1]![0], 0);
});

test('equal scores go newest first, then by URL', () => {
  const articles = [
    art('/a/', 'kereta'),
    art('/z-old/', 'kereta', { date: 1 * DAY }),
    art('/m-new/', 'kereta', { date: 3 * DAY }),
    art('/b-mid/', 'kereta', { date: 2 * DAY }),
    art('/a-mid/', 'kereta', { date: 2 * DAY }),
    ...filler(20, 'umum'),
  ];
  assert.deepEqual(urls(articles, relateArticles(articles, { count: 4 })[0]!), [
    '/m-new/',
    '/a-mid/',
    '/b-mid/',
    '/z-old/',
  ]);
});

test('the category bonus prefers the same category among equal matches', () => {
  const articles = [
    art('/a/', 'tambang', { categorySlug: 'sains' }),
    art('/b/', 'tambang', { categorySlug: 'ekonomi', date: DAY }),
    art('/c/', 'tambang', { categorySlug: 'sains' }),
    ...filler(20, 'umum'),
  ];
  assert.deepEqual(urls(articles, relateArticles(articles, { count: 2 })[0]!), ['/c/', '/b/']);
});

test('short lists are filled with the nearest stories of the category, earlier ones first, then of the archive', () => {
  const articles = [
    art('/a/', 'unik', { categorySlug: 'sains' }),
    art('/s-old/', 'lain', { categorySlug: 'sains', date: DAY }),
    art('/s-new/', 'beda', { categorySlug: 'sains', date: 2 * DAY }),
    art('/x-newest/', 'asing', { categorySlug: 'olahraga', date: 9 * DAY }),
  ];
  assert.deepEqual(urls(articles, relateArticles(articles, { count: 3 })[0]!), ['/s-old/', '/s-new/', '/x-newest/']);
  // The newest story of the category fills from the stories just before it.
  assert.deepEqual(urls(articles, relateArticles(articles, { count: 2 })[2]!), ['/s-old/', '/a/']);
});

test('is deterministic and independent of input order', () => {
  const articles = [
    art('/a/', 'banjir:2 bekasi:3 pompa', { tags: ['Bekasi'] }),
    art('/b/', 'banjir bekasi:2', { date: DAY }),
    art('/c/', 'pompa air', { date: 2 * DAY, tags: ['bekasi'] }),
    art('/d/', 'banjir jakarta', { date: DAY, categorySlug: 'metro' }),
    ...filler(10, 'umum warga'),
  ];
  const byUrl = (list: RelatedInput[]) => {
    const related = relateArticles(list, { count: 3 });
    return Object.fromEntries(list.map((a, i) => [a.url, urls(list, related[i]!)]));
  };
  const first = byUrl(articles);
  assert.deepEqual(byUrl(articles), first);
  assert.deepEqual(byUrl([...articles].reverse()), first);
});

test('on a small clustered archive most related stories belong to the same story', () => {
  const { inputs, story } = generated(600);
  const related = relateArticles(inputs, { count: 4 });
  let share = 0;
  let counted = 0;
  related.forEach((list, i) => {
    const others = story.filter((s, j) => j !== i && s === story[i] && s >= 0).length;
    if (others < 4) return;
    share += list.filter((j) => story[j] === story[i]).length / list.length;
    counted++;
  });
  assert.ok(counted > 20, `only ${counted} articles in stories of 5+`);
  assert.ok(share / counted > 0.7, `same-story share ${share / counted}`);
});
