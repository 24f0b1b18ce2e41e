import type { SiteConfig } from '../config.js';
import { aliasTarget, type Site, type SiteCategory } from '../site/assemble.js';
import { outputFile } from '../site/paths.js';
import { breadcrumbLd, feedUrls, jsonForScript, withdrawnPageView } from './viewmodel.js';
import type { ListPageView, PageView, StoryView } from './views.js';

/** A page rendered from a template in the main thread: home, category pages, redirects, 404. */
export interface TemplatePage {
  /** Output file. */
  path: string;
  /** Template name. */
  template: string;
  /** What the template receives as `page` (the 404 page gets none). */
  page?: PageView;
}

const SECTION_SIZE = 4;

/** The home page, every category index page, alias redirects, withdrawn articles' pages and the 404 page. */
export function listPages(site: Site, config: SiteConfig, stories: readonly StoryView[]): TemplatePage[] {
  const pages: TemplatePage[] = [{ path: outputFile('/'), template: 'home.njk', page: homePage(site, config, stories) }];
  for (const category of site.categories) {
    for (const page of categoryPages(category, stories, config)) pages.push({ path: outputFile(page.url), template: 'category.njk', page });
  }
  for (const alias of site.aliases) {
    const target = aliasTarget(site, alias);
    pages.push({ path: outputFile(alias.path), template: 'redirect.njk', page: { kind: 'redirect', target: target.url, title: target.title } });
  }
  const categories = new Map(site.categories.map((c) => [c.slug, c]));
  for (const a of site.withdrawn) {
    const category = categories.get(a.categorySlug);
    pages.push({ path: outputFile(a.url), template: 'withdrawn.njk', page: withdrawnPageView(a, category?.name ?? a.category, category?.url) });
  }
  pages.push({ path: '404.html', template: '404.njk' });
  return pages;
}

/** The home page: the latest stories, then each category's newest few. */
function homePage(site: Site, config: SiteConfig, stories: readonly StoryView[]): ListPageView {
  return {
    kind: 'home',
    title: config.title,
    url: '/',
    stories: stories.slice(0, config.homeSize),
    sections: site.categories.map((c) => ({
      category: { name: c.name, url: c.url },
      stories: c.articles.slice(0, SECTION_SIZE).map((i) => stories[i]!),
    })),
  };
}

/** A category's index pages; page ranges count from the oldest story, lists show newest first. */
export function categoryPages(category: SiteCategory, stories: readonly StoryView[], config: SiteConfig): ListPageView[] {
  const count = category.articles.length;
  const breadcrumbs = jsonForScript(breadcrumbLd(config, [{ name: category.name, url: category.url }]));
  return category.pages.map((page) => ({
    kind: 'category',
    title: category.name,
    url: page.url,
    pageNumber: page.number,
    newer: page.newer,
    older: page.older,
    feeds: feedUrls(category.url),
    breadcrumbLd: breadcrumbs,
    // articles[] is newest first: chronological position k sits at count - 1 - k.
    stories: category.articles.slice(count - page.end, count - page.start).map((i) => stories[i]!),
  }));
}
