// The commit of a full build (see full.ts): its output put in place, and the cache it leaves.

import type { ParsedArticle } from '../content/parse.js';
import type { ContentFile } from '../content/read.js';
import { dropCache, type BuildCache, type BuildSummary } from '../incremental/cache.js';
import { nextOutputs } from '../incremental/outputs.js';
import { dropSpare, readySpare } from '../output/spare.js';
import type { PagePlan } from '../render/plan.js';
import type { RelatedState } from '../incremental/related-state.js';
import type { BuildOptions, ParsedFiles } from './options.js';
import { commitThroughSpare } from './commit.js';
import { cacheEnv, type Previous } from './previous.js';
import type { Rendered } from './full-render.js';

/** An article file read by this build, and its parse: new, or the cached one when its bytes had not changed. */
export interface FreshParse {
  file: ContentFile;
  parsed: ParsedArticle;
}

/** Puts a successful build's output in place and remembers it; returns how many files changed. */
export async function commit(
  render: Rendered,
  sources: ParsedFiles & { fresh: FreshParse[] },
  related: RelatedState | undefined,
  previous: Previous,
  options: BuildOptions,
  summary: BuildSummary | undefined,
): Promise<{ written: number; removed: number }> {
  const { cache } = previous;
  const staging = render.staging!;
  let written = render.produced.size;
  let removed = 0;
  let differing: string[] | undefined;
  const file = previous.file;
  const { plan, entries } = render;
  if (cache) {
    const changed = [...render.produced]
      .filter((i) => cache.outputs.get(plan[i]!.path)?.hash !== entries[i]?.hash)
      .map((i) => plan[i]!.path);
    const gone = goneSince(cache, plan, render.kept);
    differing = await commitThroughSpare(options.out, file, staging, cache.differing, changed, gone);
    [written, removed] = [changed.length, gone.length];
  } else {
    // As above: the output and its spare change now, and a cache of an earlier build left on
    // disk would describe neither, so a build killed from here on must find none.
    await dropCache(file);
    await staging.commit();
    await dropSpare(options.out);
    if (previous.kind !== 'none') {
      // The spare is made now, with the full build, not by the next build (an editor's first
      // save in `warta dev`, the next commit's build on CI): at 100,000 files it takes 3–4 s.
      readySpare(options.out, undefined);
      differing = [];
    }
  }
  // `last`: the cache replaced by this one, in one process, whose maps are brought up to date in place.
  const make = (last: BuildCache | undefined, stored: BuildCache['stored']): BuildCache => {
    const outputs = nextOutputs(plan, entries, render.updated, last?.outputs, render.kept);
    const next = {
      sources: nextSources(sources, last, render.stories),
      outputs,
      copies: render.copies,
      differing,
      related,
    };
    return { env: cacheEnv(options), ...next, frame: render.frame, stored, summary };
  };
  await previous.keep({ make, outputs: { plan, entries }, parsed: { files: sources.files, parsed: sources.parsed } });
  return { written, removed };
}

/**
 * The parsed article files for the next build's cache. In one process the last cache's map is
 * brought up to date in place (it is replaced by this one): every file not parsed now was
 * taken from it, or from the last build by place, which agrees with it, so only the files
 * parsed now are set, sparing a new map of every file.
 */
function nextSources(
  { files, parsed, fresh }: ParsedFiles & { fresh: FreshParse[] },
  last: BuildCache | undefined,
  stories: Rendered['stories'],
): BuildCache['sources'] {
  if (last) {
    const sources = last.sources;
    for (const f of fresh) sources.set(f.file.path, { stamp: f.file.stamp, parsed: f.parsed });
    // Every file is in the map now: more entries than files means some were deleted, and only a fresh map drops them.
    if (sources.size === files.length) return sources;
  }
  return new Map(files.map((f, i) => [f.path, { stamp: f.stamp, parsed: parsed[i]!, story: stories?.get(f.path) }]));
}

/** Output files of the cached build that this build's plan no longer has. */
function goneSince(cache: BuildCache, plan: readonly PagePlan[], kept: number): string[] {
  // Plan paths are distinct: when the plan holds as many cached paths as the cache has, none is gone (the usual case, spared a set of every path).
  if (kept === cache.outputs.size) return [];
  const planned = new Set(plan.map((p) => p.path));
  return [...cache.outputs.keys()].filter((path) => !planned.has(path));
}
