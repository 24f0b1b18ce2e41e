import type { ContentListing } from '../content/read.js';
import type { Problem } from '../errors.js';
import type { BuildSummary } from '../incremental/cache.js';
import type { SearchLayout } from '../render/search-parts.js';
import type { SiteView } from '../render/views.js';
import type { Clock, Site } from '../site/assemble.js';
import { listingDigest } from './classify.js';

/** What the next build's quick path needs of a full build (see `BuildSummary`). */
export function summarize(
  site: Site,
  listing: ContentListing,
  problems: Problem[],
  clock: Clock,
  theme: string,
  view: SiteView,
  planned: number,
  search: SearchLayout | undefined,
): BuildSummary {
  const files = listing.articles();
  const place = new Map(files.map((f, i) => [f.path, i]));
  return {
    problems,
    counts: { published: site.articles.length, heldBack: site.heldBack, drafts: site.drafts, files: planned },
    // The newest article dated before the clock (with --future, later ones are published too, but not yet news).
    clock: { future: clock.future, newest: site.articles[site.news.from]?.date, nextDue: site.nextDue },
    theme,
    statics: listingDigest(listing),
    view,
    published: Int32Array.from(site.articles, (a) => place.get(a.path)!),
    search,
  };
}
