import { copiedFiles, type ContentListing, type JoinedFiles } from '../content/read.js';
import type { BuildSummary } from '../incremental/cache.js';
import type { Clock } from '../site/assemble.js';
import { digest } from '../util/digest.js';
import { differingFields } from '../util/joined.js';

/** Beyond this many changed files, the full incremental path (whose work does not grow with them) is as quick. */
export const MOST_EDITED = 32;

/** What a listing is compared on: its article files joined, and the digest of the rest (see `listingDigest`). */
export interface ListingSketch {
  articles: JoinedFiles;
  copied: string;
}

/** What the last build left to compare a listing with: its article files joined, and its summary. */
export interface PreviousSketch {
  sources: JoinedFiles;
  summary: Pick<BuildSummary, 'clock' | 'statics'>;
}

/** Why an edit needs the full path. */
export type FullReason = 'clock' | 'copied' | 'files' | 'many';

/**
 * What changed since the last build: `edit`, at most MOST_EDITED article files whose stamps
 * changed (by place in the listing), the files otherwise the same, and a clock that publishes
 * what it published then (the quick path may build it, once the files' parses show only their
 * bodies changed); `full`, anything else, and why.
 */
export type EditKind = { kind: 'edit'; places: number[] } | { kind: 'full'; why: FullReason };

/**
 * Classifies the change between the last build and now, from the listing alone (no file read,
 * no object made per file: at 100,000 files, strings compared whole).
 */
export function classifyEdit(listing: ListingSketch, previous: PreviousSketch, clock: Clock): EditKind {
  const full = (why: FullReason): EditKind => ({ kind: 'full', why });
  if (!clockStands(previous.summary, clock)) return full('clock');
  if (listing.copied !== previous.summary.statics) return full('copied');
  if (listing.articles.paths !== previous.sources.paths) return full('files');
  const places = differingFields(listing.articles.stamps, previous.sources.stamps, MOST_EDITED);
  return places ? { kind: 'edit', places } : full('many');
}

/**
 * Whether the clock publishes what it published at the last build, with the same news sitemap:
 * the same setting, not before the newest article dated before it, not past an embargo or a
 * change of the news window (`nextDue` names both, with --future too).
 */
export function clockStands(summary: Pick<BuildSummary, 'clock'>, clock: Clock): boolean {
  const { future, newest, nextDue } = summary.clock;
  if (future !== clock.future) return false;
  return (newest === undefined || clock.now >= newest) && (nextDue === undefined || clock.now < nextDue);
}

/**
 * What the quick path compares a listing on besides its articles: the paths and stamps of the
 * files copied as they are, and the listing's problems. Those of a successful build are
 * warnings (files not published), which the summary holds and the quick path reports again.
 */
export function listingDigest(listing: ContentListing): string {
  return digest(JSON.stringify([copiedFiles(listing).map((f) => [f.path, f.stamp]), listing.problems]));
}
