import type { SiteConfig } from '../config.js';
import type { Site } from '../site/assemble.js';
import { digest } from '../util/digest.js';
import { sameItems } from '../util/memo.js';
import { ArchiveMemory } from './archive-pages.js';
import { listPages } from './list-pages.js';
import type { PagePlan } from './page-plan.js';
import type { LinkView, ListPageView, StaticPageView, StoryView, TemplatePage } from './views.js';

/** What planning the template pages (home, lists, archives, static pages, redirects) needs. */
export interface ListInput {
  site: Site;
  config: SiteConfig;
  /** How each published article is listed, by index. */
  stories: readonly StoryView[];
  /** Digest of each story, by index. */
  storySigs: readonly string[];
  /** The static pages, rendered. */
  statics?: readonly StaticPageView[];
  /** Digest of a template and everything it includes, by name. */
  template: (name: string) => string;
}

/** What planning the template pages keeps for the next build in one process (`warta dev`). */
export class ListMemory {
  /** Each page's last plan, by output path, with what it was signed from. */
  readonly pages = new Map<
    string,
    { template: string; view: string; rest: string; listed: readonly StoryView[]; plan: PagePlan }
  >();
  readonly archive = new ArchiveMemory();
  /** The last planning's pages, with what they were made from. */
  last?: LastPlans;
}

/** Template pages' plans and everything `listPages` made them from. */
interface LastPlans {
  site: Pick<Site, 'archive' | 'aliases' | 'withdrawn'>;
  view: string;
  statics: string;
  /** The digest of each template the pages use, by name. */
  templates: Map<string, string>;
  /** The digest of each story the plans' pages list, by index. */
  storySigs: readonly string[];
  plans: PagePlan[];
  /** For each story (by index), the places in `plans` of the pages listing it; made on the first edit that needs it. */
  listers?: number[][];
}

/** Beyond this many changed stories, planning every page afresh is as cheap as patching. */
const MOST_PATCHED = 32;

/**
 * The template pages' plans. In one process, an edit that changed no category, no static
 * page and no list (`sameFrame`: the same categories and config, too) keeps every page that
 * lists no changed story as it was: a body edit takes the last plans whole, a headline edit
 * plans again only the pages listing that story, sparing a pass over thousands of archive pages.
 */
export function templatePlans(input: ListInput, view: string, memory: ListMemory, sameFrame: boolean): PagePlan[] {
  const { site, config, stories, storySigs } = input;
  const statics = JSON.stringify(input.statics ?? []);
  const last = memory.last;
  if (
    last &&
    sameFrame &&
    last.view === view &&
    last.statics === statics &&
    (['archive', 'aliases', 'withdrawn'] as const).every((k) => last.site[k] === site[k]) &&
    last.storySigs.length === storySigs.length &&
    [...last.templates].every(([name, sig]) => input.template(name) === sig)
  ) {
    const changed: number[] = [];
    for (let i = 0; i < storySigs.length && changed.length <= MOST_PATCHED; i++)
      if (storySigs[i] !== last.storySigs[i]) changed.push(i);
    if (!changed.length) return last.plans;
    if (changed.length <= MOST_PATCHED) return patch(last, changed, input, view, memory);
  }
  const pages = listPages(site, config, stories, input.statics, memory.archive);
  const plans = pages.map((p) => planPage(p, view, input, memory, sameFrame));
  const templates = new Map([...new Set(pages.map((p) => p.template))].map((t) => [t, input.template(t)]));
  memory.last = { site, view, statics, templates, storySigs, plans };
  return plans;
}

/** The template pages' plans in a build of its own (no memory: see `templatePlans`), each made when it is taken, so that a caller may pause between them. */
export function* freshTemplatePlans(input: ListInput, view: string): Generator<PagePlan> {
  for (const p of listPages(input.site, input.config, input.stories, input.statics))
    yield planPage(p, view, input, undefined, false);
}

/** The last plans with the pages listing a changed story (by index) planned again with its new story. */
function patch(last: LastPlans, changed: number[], input: ListInput, view: string, memory: ListMemory): PagePlan[] {
  const listers = (last.listers ??= listersOf(last.plans, input.storySigs.length));
  const plans = last.plans.slice();
  for (const at of new Set(changed.flatMap((i) => listers[i]!))) {
    const p = plans[at]!;
    if (p.kind !== 'page' || !p.page || !('stories' in p.page) || !p.stories) continue;
    const page = byIndex(p.page, p.stories, (i) => input.stories[i]!);
    plans[at] = planPage({ path: p.path, template: p.template, page, stories: p.stories }, view, input, memory, true);
  }
  memory.last = { ...last, storySigs: input.storySigs, plans };
  return plans;
}

/** A list page's view with its stories made of something else. */
type ListedAs<S> = Omit<ListPageView, 'stories' | 'sections'> & {
  stories: S[];
  sections?: { category: LinkView; stories: S[] }[];
};

/** A list page with each story it shows (`listed`, by index: its own, then each section's) made by `story` from its index. */
function byIndex<S>(page: ListPageView, listed: readonly number[], story: (index: number) => S): ListedAs<S> {
  let k = 0;
  const take = (list: readonly StoryView[]) => list.map(() => story(listed[k++]!));
  const { sections, ...rest } = page;
  const stories = take(page.stories);
  const parts = sections?.map((s) => ({ ...s, stories: take(s.stories) }));
  // Sections come last in a home page's view: its text keeps the order of its keys.
  return { ...rest, stories, ...(parts && { sections: parts }) };
}

/** For each story (by index, of `count`), the places in `plans` of the pages listing it. */
function listersOf(plans: readonly PagePlan[], count: number): number[][] {
  const listers = Array.from({ length: count }, (): number[] => []);
  plans.forEach((p, at) => {
    if (p.kind !== 'page' || !p.stories) return;
    for (const i of p.stories) if (listers[i]!.at(-1) !== at) listers[i]!.push(at);
  });
  return listers;
}

/** Every story a list page shows, its sections' included. */
function listedStories(list: ListPageView): readonly StoryView[] {
  return list.sections ? [...list.stories, ...list.sections.flatMap((s) => s.stories)] : list.stories;
}

/** A template page's plan; in one process, the last one again while the page lists the same story objects and says the same otherwise. */
function planPage(
  p: TemplatePage,
  viewSig: string,
  input: ListInput,
  memory: ListMemory | undefined,
  sameFrame: boolean,
): PagePlan {
  const template = input.template(p.template);
  const list = p.page && 'stories' in p.page ? p.page : undefined;
  const listed = list ? listedStories(list) : [];
  const known = memory?.pages.get(p.path);
  const same = known && known.template === template && known.view === viewSig && sameItems(known.listed, listed);
  // A listed page's text besides its stories comes from the categories and the config alone.
  if (same && list && sameFrame) return known.plan;
  // Everything but the stories themselves, with how many each list has (so the flat list above is unambiguous).
  const rest = JSON.stringify(
    list
      ? { ...list, stories: list.stories.length, sections: list.sections?.map((s) => [s.category, s.stories.length]) }
      : (p.page ?? null),
  );
  if (same && known.rest === rest) return known.plan;
  const text =
    list && p.stories
      ? JSON.stringify(byIndex(list, p.stories, (i) => input.storySigs[i]!))
      : JSON.stringify(p.page ?? null);
  const plan: PagePlan = { kind: 'page', ...p, sig: digest('page', template, viewSig, text) };
  memory?.pages.set(p.path, { template, view: viewSig, rest, listed, plan });
  return plan;
}
