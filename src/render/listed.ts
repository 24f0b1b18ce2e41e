import type { IndexPage } from '../site/pagination.js';
import type { ListPageView, PageLink, StoryView } from './views.js';

/** A list page's view and the stories it shows, by index. */
export interface ListedPage {
  page: ListPageView;
  stories: number[];
}

/** The pages of a list of stories (see `paginate`): the stories of each, newest first, with links to its neighbours. */
export function listedPages(
  kind: ListPageView['kind'],
  title: string,
  list: { articles: readonly number[]; pages: readonly IndexPage[] },
  stories: readonly StoryView[],
): ListedPage[] {
  const count = list.articles.length;
  return list.pages.map((page, k) => {
    // articles[] is newest first: chronological position k sits at count - 1 - k.
    const listed = list.articles.slice(count - page.end, count - page.start);
    const view: ListPageView = {
      kind,
      title,
      url: page.url,
      pageNumber: page.number,
      newer: page.newer,
      older: page.older,
      pageLinks: pageLinks(list.pages, k),
      stories: listed.map((i) => stories[i]!),
    };
    return { page: view, stories: listed };
  });
}

/** How many numbered pages either side of the current one are linked. */
const NEARBY = 2;

/**
 * The numbered links of the `at`th page (front page first, then pages numbered down to 1):
 * the front page, pages near this one, and page 1 with the oldest stories. Only pages near the
 * newest link to a page that appears as the list grows, so older pages keep their bytes.
 */
export function pageLinks(pages: readonly IndexPage[], at: number): PageLink[] | undefined {
  if (pages.length < 2) return undefined;
  const links: PageLink[] = [{ name: 'Terbaru', url: pages[0]!.url, current: at === 0 }];
  const newest = pages[1]!.number!;
  const here = at === 0 ? newest + 1 : pages[at]!.number!;
  for (let n = Math.min(newest, here + NEARBY); n >= Math.max(1, here - NEARBY); n--)
    links.push(numbered(pages, n, here));
  if (here - NEARBY > 1) links.push(numbered(pages, 1, here));
  return links;
}

/** The link to page n (pages run front, newest, …, 1). */
function numbered(pages: readonly IndexPage[], n: number, here: number): PageLink {
  const page = pages[pages.length - n]!;
  return { name: String(n), url: page.url, current: n === here };
}
