/** One page of a category index. */
export interface IndexPage {
  /** Site-relative URL. */
  url: string;
  /** Page number counted from the oldest page; absent on the front page. */
  number?: number;
  /** Range into the category's articles in chronological order (oldest first): [start, end). */
  start: number;
  end: number;
  /** URL of the page with newer stories. */
  newer?: string;
  /** URL of the page with older stories. */
  older?: string;
}

/**
 * Pages a category of `count` stories, `size` per page, numbering from the oldest so that
 * numbered pages never change once full: page n always holds stories (n-1)*size to n*size-1
 * in publication order. The front page holds the newest full page plus every story since,
 * so it shows between `size` and `2*size - 1` stories and absorbs each new article.
 */
export function paginate(baseUrl: string, count: number, size: number): IndexPage[] {
  const full = Math.floor(count / size);
  const numbered = Math.max(0, full - 1);
  const pageUrl = (n: number) => (n > numbered ? baseUrl : `${baseUrl}page/${n}/`);
  const front: IndexPage = {
    url: baseUrl,
    start: numbered * size,
    end: count,
    older: numbered ? pageUrl(numbered) : undefined,
  };
  const pages: IndexPage[] = [front];
  for (let n = numbered; n >= 1; n--) {
    pages.push({
      url: pageUrl(n),
      number: n,
      start: (n - 1) * size,
      end: n * size,
      newer: pageUrl(n + 1),
      older: n > 1 ? pageUrl(n - 1) : undefined,
    });
  }
  return pages;
}
