import type { SiteConfig } from '../config.js';
import type { Problem } from '../errors.js';
import type { OutputWriter } from '../output/writer.js';
import type { Site, SiteCategory } from '../site/assemble.js';
import { outputFile } from '../site/paths.js';
import type { Theme } from './templates.js';
import type { ListPageView, PageView, SiteView, StoryView } from './views.js';

/** What list pages need: the site, how each article is listed, and where to write. */
export interface ListRenderer {
  site: Site;
  config: SiteConfig;
  view: SiteView;
  /** Story of each published article, by index. */
  stories: readonly StoryView[];
  theme: Theme;
  writer: OutputWriter;
}

const SECTION_SIZE = 4;

/** Renders the home page, every category index page, alias redirects and the 404 page. */
export async function renderListPages(r: ListRenderer): Promise<Problem[]> {
  const problems: Problem[] = [];
  const emit = async (template: string, url: string, page: PageView | undefined) => {
    const result = r.theme.render(template, { site: r.view, page });
    if ('problem' in result) problems.push(result.problem);
    else await r.writer.write(outputFile(url), result.html);
  };
  await emit('home.njk', '/', homePage(r));
  for (const category of r.site.categories) {
    for (const page of categoryPages(category, r.stories)) await emit('category.njk', page.url, page);
  }
  for (const alias of r.site.aliases) {
    const target = r.site.articles[alias.article]!;
    await emit('redirect.njk', alias.path, { kind: 'redirect', target: target.url, title: target.title });
  }
  await emit('404.njk', '/404.html', undefined);
  return dedupe(problems);
}

/** The home page: the latest stories, then each category's newest few. */
function homePage(r: ListRenderer): ListPageView {
  return {
    kind: 'home',
    title: r.config.title,
    url: '/',
    stories: r.stories.slice(0, r.config.homeSize),
    sections: r.site.categories.map((c) => ({
      category: { name: c.name, url: c.url },
      stories: c.articles.slice(0, SECTION_SIZE).map((i) => r.stories[i]!),
    })),
  };
}

/** A category's index pages; page ranges count from the oldest story, lists show newest first. */
export function categoryPages(category: SiteCategory, stories: readonly StoryView[]): ListPageView[] {
  const count = category.articles.length;
  return category.pages.map((page) => ({
    kind: 'category',
    title: category.name,
    url: page.url,
    pageNumber: page.number,
    newer: page.newer,
    older: page.older,
    // articles[] is newest first: chronological position k sits at count - 1 - k.
    stories: category.articles.slice(count - page.end, count - page.start).map((i) => stories[i]!),
  }));
}

/** A broken template fails every page that uses it: report it once. */
function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}:${p.line}:${p.column}:${p.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
