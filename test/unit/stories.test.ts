import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Article } from '../../src/content/article.js';
import { listStories, StoryMemory } from '../../src/build/stories.js';
import { defaults } from '../../src/config.js';
import type { ImageFacts } from '../../src/render/images.js';
import { articlePageView, siteView, storyView } from '../../src/render/viewmodel.js';
import { validArticle } from '../support/article.js';

/** A valid article with a lead photo of the site, or none. */
function article(slug: string, image?: string): Article {
  return validArticle(slug, '2025/04/02', image ? { image, imageLine: 5 } : {});
}

const NAMES = new Map([['nasional', 'Nasional']]);
const facts = (width: number, key = 'k'): ImageFacts => ({
  width,
  height: 600,
  variants: [{ url: `/_img/${key}-480.webp`, width: 480 }],
});

test("a story carries its photo's size and copies, and a changed photo makes a new story even for the same article", () => {
  const articles = [article('foto', '/images/a.jpg'), article('teks')];
  const memory = new StoryMemory();
  let photo = facts(1200);
  const lead = (a: Article) => (a.image ? photo : undefined);
  const first = listStories(articles, NAMES, memory, undefined, lead);
  assert.deepEqual(first[0]!.story.imageSize, {
    width: '1200',
    height: '600',
    srcset: '/_img/k-480.webp 480w, /images/a.jpg 1200w',
  });
  assert.equal(first[1]!.story.imageSize, undefined);
  const same = listStories(articles, NAMES, memory, undefined, lead);
  assert.ok(
    same[0]!.story === first[0]!.story && same[1]!.story === first[1]!.story,
    'an unchanged story was made again',
  );
  photo = facts(1000, 'other');
  const changed = listStories(articles, NAMES, memory, undefined, lead);
  assert.notEqual(changed[0]!.sig, first[0]!.sig);
  assert.equal(changed[0]!.story.imageSize?.width, '1000');
  assert.equal(changed[1]!.story, first[1]!.story);
});

test("the cache's digest of a story stands for a story without a photo of the site, never for one with", () => {
  const articles = [article('foto', '/images/a.jpg'), article('teks')];
  const known = () => 'cached';
  const listed = listStories(articles, NAMES, undefined, known, () => facts(1200));
  assert.notEqual(listed[0]!.sig, 'cached');
  assert.equal(listed[1]!.sig, 'cached');
});

test("an article page's view shows every field of its story as the story has it", () => {
  const a = article('foto', '/images/a.jpg');
  const story = storyView(a, 'Nasional', facts(1200));
  const site = siteView({ ...defaults, baseUrl: 'https://warta.example' }, []);
  const page = articlePageView(a, story, '<p>isi</p>', [], site, facts(1200));
  // The optional fields too, so one the view leaves out is seen here.
  assert.ok(story.image && story.imageSize, JSON.stringify(story));
  for (const [field, value] of Object.entries(story)) assert.deepEqual(page[field as keyof typeof page], value, field);
});
