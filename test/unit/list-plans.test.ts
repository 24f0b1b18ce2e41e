import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Article } from '../../src/content/article.js';
import { listStories, StoryMemory } from '../../src/build/stories.js';
import { freshTemplatePlans, ListMemory, templatePlans, type ListInput } from '../../src/render/list-plans.js';
import { assembleSite, type Site } from '../../src/site/assemble.js';
import { validArticle } from '../support/article.js';
import { TEST_CONFIG } from '../support/fixtures.js';

const DAY = 86_400_000;
const CONFIG = { ...TEST_CONFIG, homeSize: 3, pageSize: 4 };

/** 30 articles in two categories, a day apart, with a topic every third. */
function articles(): Article[] {
  return Array.from({ length: 30 }, (_, i) =>
    validArticle(`berita-${i}`, '2025/04/02', {
      title: `Berita ${i}`,
      date: Date.UTC(2025, 0, 1) + i * DAY,
      ...(i % 2 ? { category: 'Sains', categorySlug: 'sains' } : {}),
      ...(i % 3 ? {} : { tags: ['Banjir'] }),
    }),
  );
}

/** What planning the template pages is given for a site, its stories listed with `memory`. */
function input(site: Site, memory: StoryMemory): ListInput {
  const names = new Map(site.categories.map((c) => [c.slug, c.name]));
  const listed = listStories(site.articles, names, memory);
  return {
    site,
    config: CONFIG,
    stories: listed.map((l) => l.story),
    storySigs: listed.map((l) => l.sig),
    template: (name) => name,
  };
}

test('in one process, a headline edit signs again the list pages showing the story, as a fresh planning signs them', () => {
  const { site } = assembleSite(articles(), CONFIG, { now: Date.UTC(2026, 0, 1), future: false }, []);
  const [stories, lists] = [new StoryMemory(), new ListMemory()];
  const before = templatePlans(input(site, stories), 'view', lists, true);
  // The newest past the home page's latest three, in its section of the home page too; and one far down its lists.
  for (const i of [3, 20]) {
    const edited = { ...site, articles: site.articles.slice() };
    edited.articles[i] = { ...site.articles[i]!, title: `Diperbarui ${i}` };
    const planned = input(edited, stories);
    const after = templatePlans(planned, 'view', lists, true);
    assert.deepEqual(after, [...freshTemplatePlans(planned, 'view')], `after editing ${i}`);
    const showing = after.filter((p) => JSON.stringify(p).includes(`Diperbarui ${i}`)).map((p) => p.path);
    const resigned = after.filter((p, k) => p.sig !== before[k]!.sig).map((p) => p.path);
    assert.ok(showing.includes('index.html') === (i === 3) && showing.length >= 3, showing.join(' '));
    assert.deepEqual(resigned, showing);
    site.articles[i] = edited.articles[i]!;
    before.splice(0, before.length, ...after);
  }
});
