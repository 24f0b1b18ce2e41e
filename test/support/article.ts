import type { Article } from '../../src/content/article.js';
import { packTerms } from '../../src/content/terms.js';

/** A valid article of `Nasional` by AP Wira at `/<day>/<slug>/`, with only what a test cares about set in `fields`. */
export function validArticle(slug: string, day: string, fields: Partial<Article> = {}): Article {
  return {
    file: `content/${slug}.md`,
    path: `${slug}.md`,
    title: slug,
    bylines: ['AP Wira'],
    category: 'Nasional',
    categorySlug: 'nasional',
    date: 0,
    slug,
    url: `/${day}/${slug}/`,
    tags: [],
    summary: '',
    corrections: [],
    draft: false,
    aliases: [],
    extra: {},
    terms: packTerms([]),
    bodyOffset: 0,
    bodyLine: 1,
    ...fields,
  };
}
