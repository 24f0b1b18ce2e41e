import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteConfig } from '../config.js';
import type { Article } from '../content/article.js';
import { decodeSource } from '../content/source.js';
import { withoutControls } from '../content/text.js';
import { error, type Problem } from '../errors.js';
import { digest } from '../util/digest.js';
import { searchLanguage, searchRecord, type SearchRecord } from '../render/search.js';
import { searchText } from '../render/search-text.js';

/** An article to index: the article, its category's display name, and the digest of the bytes it was parsed from. */
export interface IndexedArticle {
  article: Article;
  category: string;
  source: string;
}

/**
 * Makes search records, reading each article's body from its file in the content folder
 * `root` again, as its page does: a file saved since it was parsed is a problem (`changed`),
 * and the build that indexed it fails, as one rendering its page would.
 */
export function searchRecords(
  root: string,
  config: SiteConfig,
): (articles: readonly IndexedArticle[]) => { records: SearchRecord[]; problems: Problem[] } {
  const language = searchLanguage(config.language);
  return (articles) => {
    const records: SearchRecord[] = [];
    const problems: Problem[] = [];
    for (const { article, category, source } of articles) {
      let bytes: Buffer | undefined;
      try {
        bytes = readFileSync(join(root, article.path));
      } catch {
        bytes = undefined;
      }
      const decoded = bytes && digest(bytes) === source ? decodeSource(bytes) : undefined;
      if (!decoded?.ok) {
        problems.push(error({ code: 'changed', file: article.file }));
        continue;
      }
      const text = searchText(withoutControls(decoded.text.slice(article.bodyOffset)));
      records.push(searchRecord(article, category, text, language));
    }
    return { records, problems };
  };
}
