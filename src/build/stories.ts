import type { Article } from '../content/article.js';
import type { BuildCache } from '../incremental/cache.js';
import type { PagePlan } from '../render/plan.js';
import { storyView } from '../render/viewmodel.js';
import type { StoryView } from '../render/views.js';
import type { Site } from '../site/assemble.js';
import { outputFile } from '../site/paths.js';
import { digest } from '../util/digest.js';
import { factsSig, type ImageFacts } from '../render/images.js';
import { ByPlace } from '../util/memo.js';

/** How an article is listed, and its digest (which signs every page listing it). */
export interface Listed {
  category: string;
  story: StoryView;
  sig: string;
  /** What its card shows of its lead photo (see `factsSig`; '' for no photo of the site). */
  lead: string;
}

/**
 * What listing the stories keeps for the next build in one process: articles kept from the
 * cache are the same objects build after build, so their stories and digests are made once.
 */
export class StoryMemory {
  readonly byPlace = new ByPlace<Article, Listed>();
  /** The category names of the last build, as JSON. */
  names = '';
}

/**
 * The digest of an article's story as the cached build listed it, for an article parsed then
 * (the very object the cache holds, so its fields are those it had) under the same category
 * name: spares a fresh process a digest of every story in the archive.
 */
export function cachedStory(
  cache: BuildCache | undefined,
): ((article: Article, category: string) => string | undefined) | undefined {
  if (!cache) return undefined;
  return (article, category) => {
    const source = cache.sources.get(article.path);
    return source?.parsed.article === article && source.story?.category === category ? source.story.sig : undefined;
  };
}

/**
 * The article pages whose plans the cached build's stand for, in a fresh process: the article
 * is the very parse the cache holds (its file's bytes unchanged), its related list the very
 * list of the cached computation (so the same articles at the same places, see
 * `relateArticles`), and neither its story nor a related one is listed otherwise than the cache
 * says. Such a page signs what it signed then, and its cached output's signature is its plan's:
 * no digest of every page of the archive.
 */
export function keptPlans(
  site: Site,
  cache: BuildCache,
  related: readonly number[][],
  cachedRelated: readonly (number[] | undefined)[],
  listed: readonly Listed[],
): (index: number) => PagePlan | undefined {
  const sources = site.articles.map((a) => cache.sources.get(a.path));
  const sameStory = sources.map((source, i) => source?.story?.sig === listed[i]!.sig);
  return (i) => {
    if (
      !sameStory[i] ||
      sources[i]!.parsed.article !== site.articles[i] ||
      related[i] !== cachedRelated[i] ||
      !related[i]!.every((j) => sameStory[j])
    )
      return undefined;
    const path = outputFile(site.articles[i]!.url);
    const sig = cache.outputs.get(path)?.sig;
    return sig === undefined ? undefined : { kind: 'article', path, index: i, sig };
  };
}

/**
 * How each published article is listed; `lead` tells what is known of an article's lead photo
 * (its card shows its size and smaller copies, so its story's digest covers them).
 */
export function listStories(
  articles: readonly Article[],
  names: ReadonlyMap<string, string>,
  memory = new StoryMemory(),
  known?: (article: Article, category: string) => string | undefined,
  lead?: (article: Article) => ImageFacts | undefined,
): Listed[] {
  const leadOf = (facts: ImageFacts | undefined) => (facts ? factsSig(facts) : '');
  const make = (article: Article): Listed => {
    const category = names.get(article.categorySlug)!;
    const facts = lead?.(article);
    const story = storyView(article, category, facts);
    // The cache's digest was made with the photo as it was then: a story with a photo of the site is digested again.
    const cached = article.imageLine === undefined ? known?.(article, category) : undefined;
    return { category, story, sig: cached ?? digest(JSON.stringify(story)), lead: leadOf(facts) };
  };
  // While no category was renamed and no photo changed, an unchanged article keeps its story without a lookup.
  const key = JSON.stringify([...names]);
  const renamed = memory.names !== key;
  memory.names = key;
  const sameName = (known: Listed, i: number) => !renamed || known.category === names.get(articles[i]!.categorySlug);
  return memory.byPlace.map(
    articles,
    make,
    renamed || lead
      ? (known, i) => sameName(known, i) && (!lead || known.lead === leadOf(lead(articles[i]!)))
      : undefined,
  );
}
