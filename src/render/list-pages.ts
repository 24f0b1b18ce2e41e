import type { SiteConfig } from '../config.js';
import { aliasTarget, type Site, type SiteCategory } from '../site/assemble.js';
import { outputFile } from '../site/paths.js';
import { archivePages, type ArchiveMemory } from './archive-pages.js';
import { listedPages, type ListedPage } from './listed.js';
import { breadcrumbLd, feedUrls, jsonForScript, withdrawnPageView } from './viewmodel.js';
import type { ListPageView, StaticPageView, StoryView, TemplatePage } from './views.js';

const SECTION_SIZE = 4;

/** The home page, every category index page, the archives, static pages, alias redirects, withdrawn articles' pages and the 404 page. */
export function listPages(
  site: Site,
  config: SiteConfig,
  stories: readonly StoryView[],
  statics: readonly StaticPageView[] = [],
  archive?: ArchiveMemory,
): TemplatePage[] {
  const pages: TemplatePage[] = [{ path: outputFile('/'), template: 'home.njk', ...homePage(site, config, stories) }];
  for (const category of site.categories) {
    for (const { page, stories: listed } of categoryPages(category, stories, config))
      pages.push({ path: outputFile(page.url), template: 'category.njk', page, stories: listed });
  }
  // One by one: an archive of many topics has more pages than a call takes arguments.
  for (const page of archivePages(site.archive, stories, archive)) pages.push(page);
  for (const page of statics) pages.push({ path: outputFile(page.url), template: 'page.njk', page });
  for (const alias of site.aliases) {
    const target = aliasTarget(site, alias);
    pages.push({
      path: outputFile(alias.path),
      template: 'redirect.njk',
      page: { kind: 'redirect', target: target.url, title: target.title },
    });
  }
  const categories = new Map(site.categories.map((c) => [c.slug, c]));
  for (const a of site.withdrawn) {
    const category = categories.get(a.categorySlug);
    pages.push({
      path: outputFile(a.url),
      template: 'withdrawn.njk',
      page: withdrawnPageView(a, category?.name ?? a.category, category?.url),
    });
  }
  pages.push({ path: '404.html', template: '404.njk' });
  return pages;
}

/** The home page: the latest stories, then each category's newest few not among them (no story shows twice). */
function homePage(site: Site, config: SiteConfig, stories: readonly StoryView[]): ListedPage {
  const latest = Array.from({ length: Math.min(config.homeSize, stories.length) }, (_, i) => i);
  // Indices are newest first, as is the latest list: the stories past it are those at `latest.length` and beyond.
  const sections = site.categories.map((c) => c.articles.filter((i) => i >= latest.length).slice(0, SECTION_SIZE));
  const page: ListPageView = {
    kind: 'home',
    title: config.title,
    url: '/',
    stories: latest.map((i) => stories[i]!),
    sections: site.categories.map((c, k) => ({
      category: { name: c.name, url: c.url },
      stories: sections[k]!.map((i) => stories[i]!),
    })),
  };
  return { page, stories: [...latest, ...sections.flat()] };
}

/** A category's index pages; page ranges count from the oldest story, lists show newest first. */
export function categoryPages(category: SiteCategory, stories: readonly StoryView[], config: SiteConfig): ListedPage[] {
  const breadcrumbs = jsonForScript(breadcrumbLd(config, [{ name: category.name, url: category.url }]));
  const feeds = feedUrls(category.url);
  return listedPages('category', category.name, category, stories).map(({ page, stories: listed }) => ({
    page: { ...page, feeds, breadcrumbLd: breadcrumbs },
    stories: listed,
  }));
}
