import { extractTerms, packTerms } from '../../src/content/terms.js';
import type { RelatedInput } from '../../src/site/related/relate.js';
import { generateArchive } from './generate.js';

// Articles as the related-story stage sees them, for its tests.

export const DAY = 86_400_000;

/** An article with the given words (weight 1 each unless `word:weight`). */
export function art(url: string, words: string, extra: Partial<RelatedInput> = {}): RelatedInput {
  const terms = words
    .split(' ')
    .filter(Boolean)
    .map((w): [string, number] => {
      const [term, weight] = w.split(':');
      return [term!, weight ? Number(weight) : 1];
    });
  return { terms: packTerms(terms), tags: [], categorySlug: 'nasional', date: 0, url, ...extra };
}

/** Filler articles so that idf separates rare words from common ones. */
export function filler(count: number, words: string): RelatedInput[] {
  return Array.from({ length: count }, (_, i) =>
    art(`/filler/${String(i).padStart(3, '0')}/`, `${words} isi${i}`, { categorySlug: 'lain' }),
  );
}

/** The URLs of a list of articles (by index). */
export const urls = (articles: RelatedInput[], list: number[]) => list.map((i) => articles[i]!.url);

/** A generated archive as the scorer sees it, with each article's story. */
export function generated(articles: number): { inputs: RelatedInput[]; story: number[]; bodies: string[] } {
  const inputs: RelatedInput[] = [];
  const story: number[] = [];
  const bodies: string[] = [];
  for (const a of generateArchive({ articles, seed: 7 })) {
    const body = a.text.slice(a.text.indexOf('\n---\n') + 5);
    inputs.push({
      terms: extractTerms(a.meta.title, body, a.meta.tags),
      tags: a.meta.tags,
      categorySlug: a.meta.categorySlug,
      date: a.meta.date,
      url: a.meta.url,
    });
    story.push(a.story ?? -1);
    bodies.push(body);
  }
  return { inputs, story, bodies };
}
