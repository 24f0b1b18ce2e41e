import type { Article } from '../content/article.js';
import { warning, type Problem } from '../errors.js';
import { outputFile } from '../site/paths.js';
import { formatLong } from '../time.js';
import { decodePath } from '../content/urls.js';

/**
 * Links between articles. Bodies are rendered (on any thread) with their Markdown links
 * collected; once every output file is known, the main thread checks that each link to this
 * site leads somewhere, and links to `.md` files are rewritten to their article's URL.
 */

/** A Markdown link in an article body: the line in the article's file, and the href as Markdown normalised it. */
export interface BodyLink {
  line: number;
  href: string;
}

/** Where a link leads, as far as this site is concerned. */
export type LinkTarget =
  /** A page or file of the site: its path (decoded) and the output file that would serve it. */
  | { kind: 'page'; path: string; output: string }
  /** An article's source file: its path relative to the content folder, and the `#fragment`, if any. */
  | { kind: 'source'; path: string; fragment: string };

/** A made-up origin to resolve relative links against; nothing is ever fetched from it. */
const ORIGIN = 'https://warta.invalid';

/**
 * Resolves a body link of the article at content path `from.path` and URL `from.url`. A link to
 * a `.md` file counts from the article's file (or, starting with `/`, from the content folder);
 * any other relative link counts from the article's URL, as a browser would read it. Links to
 * other sites (any scheme, `//host`) and to the page itself (`#…`) give undefined; absolute links
 * to the site's own `baseUrl`, when given, count as site paths.
 */
export function linkTarget(
  href: string,
  from: { path: string; url: string },
  baseUrl?: string,
): LinkTarget | undefined {
  let rest = href.trim();
  if (!rest || rest.startsWith('#') || rest.startsWith('?')) return undefined;
  const tail = baseUrl && rest.startsWith(baseUrl) ? rest.slice(baseUrl.length) : undefined;
  if (tail !== undefined && /^(?:[/?#]|$)/.test(tail)) rest = tail.startsWith('/') ? tail : `/${tail}`;
  const source = /\.md$/i.test(rest.replace(/[?#].*$/s, ''));
  const url = resolve(rest, source ? `/${from.path}` : from.url);
  if (!url) return undefined;
  const path = decodePath(url.pathname);
  return source
    ? { kind: 'source', path: path.slice(1), fragment: url.hash }
    : { kind: 'page', path, output: outputFile(path) };
}

/** Why an article file or URL has no page: a draft, held back, or an invalid file. */
type Unpublished = { why: 'draft' } | { why: 'held'; until: string } | { why: 'invalid' };

const HAS_ERRORS: Unpublished = Object.freeze({ why: 'invalid' });

/** What body links are checked against. */
export interface LinkIndex {
  /** Output files of the build, e.g. `2025/04/02/slug/index.html`, `images/foto.jpg`. */
  produced: ReadonlySet<string>;
  /** Article files by content path: the URL when published, else why it has none. */
  sources: ReadonlyMap<string, { url: string } | Unpublished>;
  /** Output files that valid but unpublished articles would have, and why they do not. */
  waiting: ReadonlyMap<string, Unpublished>;
  /** The site's base URL: absolute links to it are checked like site paths. */
  baseUrl: string;
}

/** Indexes a build's output files, every article file found, the valid articles and the published ones. */
export function linkIndex(
  produced: ReadonlySet<string>,
  paths: Iterable<string>,
  valid: readonly Article[],
  published: readonly Article[],
  baseUrl: string,
): LinkIndex {
  const sources = new Map<string, { url: string } | Unpublished>();
  const waiting = new Map<string, Unpublished>();
  // One shared record for every file, and each published article as its own record: a pass over the whole archive, spared an object per file.
  for (const path of paths) sources.set(path, HAS_ERRORS);
  const live = new Set(published);
  for (const a of valid) {
    if (live.has(a)) continue;
    const why: Unpublished = a.draft ? { why: 'draft' } : { why: 'held', until: formatLong(a.date) };
    sources.set(a.path, why);
    waiting.set(outputFile(a.url), why);
  }
  for (const a of published) sources.set(a.path, a);
  return { produced, sources, waiting, baseUrl };
}

/** What the links of one article come to: warnings for those that go nowhere, and `.md` links to rewrite. */
export interface LinkCheck {
  problems: Problem[];
  /** New href for each `.md` link whose article is published. */
  rewrites: Map<string, string>;
}

/** Checks the body links of one article against the site's output files and article files. */
export function checkLinks(
  article: Pick<Article, 'file' | 'path' | 'url'>,
  links: readonly BodyLink[],
  index: LinkIndex,
): LinkCheck {
  const problems: Problem[] = [];
  const rewrites = new Map<string, string>();
  const seen = new Set<string>();
  for (const { line, href } of links) {
    const target = linkTarget(href, article, index.baseUrl);
    if (!target || seen.has(`${line} ${href}`)) continue;
    seen.add(`${line} ${href}`);
    let why: Unpublished | { why: 'no-page' | 'no-file'; path: string } | Record<string, never>;
    if (target.kind === 'page') {
      if (index.produced.has(target.output)) continue;
      const relative = !/^\/|^[a-z][a-z0-9+.-]*:/i.test(href);
      why = index.waiting.get(target.output) ?? (relative ? { why: 'no-page', path: target.path } : {});
    } else {
      const source = index.sources.get(target.path);
      if (source && 'url' in source) {
        rewrites.set(href, source.url + target.fragment);
        continue;
      }
      why = source ?? { why: 'no-file', path: target.path };
    }
    problems.push(
      warning({ code: 'link-broken', file: article.file, line, params: { href: decodePath(href), ...why } }),
    );
  }
  return { problems, rewrites };
}

/**
 * Rewrites a body's links to `.md` files of published articles to their URLs, as `checkLinks`
 * finds them, before the site's output files are known (a static page is rendered before the
 * pages are planned). The articles are looked up by path once a link to a `.md` file asks.
 */
export function sourceRewriter(
  published: readonly Pick<Article, 'path' | 'url'>[],
  baseUrl: string,
): (href: string, from: { path: string; url: string }) => string | undefined {
  let urls: Map<string, string> | undefined;
  return (href, from) => {
    const target = linkTarget(href, from, baseUrl);
    if (target?.kind !== 'source') return undefined;
    urls ??= new Map(published.map((a) => [a.path, a.url]));
    const url = urls.get(target.path);
    return url === undefined ? undefined : url + target.fragment;
  };
}

/** Parses `href` against the page at `base`; undefined when it leaves the site. */
function resolve(href: string, base: string): URL | undefined {
  try {
    const url = new URL(href, ORIGIN + base.split('/').map(encodeURIComponent).join('/'));
    return url.origin === ORIGIN ? url : undefined;
  } catch {
    return undefined;
  }
}

/** What an article page's cache entry holds of its links. */
export interface PageLinks {
  links?: readonly BodyLink[];
  /** The `.md` rewrites its bytes hold, as sorted JSON ('' for none). */
  rewrites?: string;
}

const NO_LINKS: readonly BodyLink[] = [];
/** What checking no links comes to; shared, so never changed. */
const NOTHING_CHECKED: CheckedLinks = Object.freeze({
  problems: [],
  rewrites: new Map<string, string>(),
  rewritten: '[]',
});

/** What the links of one article come to, with the `.md` rewrites as sorted JSON (as a page's cache entry keeps them). */
export interface CheckedLinks extends LinkCheck {
  rewritten: string;
}

/**
 * Checks body links build after build. In one process (`warta dev`) the index is made again
 * only when what it holds changed, and an article's links are checked again only when the
 * article, its links or the index changed.
 */
export class LinkChecker {
  private last?: {
    outputs: readonly { path: string }[];
    files: readonly { path: string }[];
    valid: readonly Article[];
    published: readonly Article[];
    baseUrl: string;
    index: LinkIndex;
  };
  private round = 0;
  /** The pages of the last `checkPages`, and the problems found, by place. */
  private pages: {
    round: number;
    entries: readonly (PageLinks | undefined)[];
    articles: readonly Article[];
    found: Map<number, Problem[]>;
  } = { round: -1, entries: [], articles: [], found: new Map() };
  /** The last check of each article, by its place in the build's published articles. */
  private checked: (
    { article: object; round: number; links: readonly BodyLink[]; result: CheckedLinks } | undefined
  )[] = [];

  /** Indexes a build's output files and article files, each given by its `path` (see `linkIndex`). */
  index(
    outputs: readonly { path: string }[],
    files: readonly { path: string }[],
    valid: readonly Article[],
    published: readonly Article[],
    baseUrl: string,
  ): void {
    const last = this.last;
    if (
      last &&
      last.baseUrl === baseUrl &&
      samePaths(last.outputs, outputs) &&
      samePaths(last.files, files) &&
      sameTargets(last.valid, valid) &&
      sameTargets(last.published, published)
    )
      return;
    this.round++;
    const index = linkIndex(
      new Set(outputs.map((o) => o.path)),
      files.map((f) => f.path),
      valid,
      published,
      baseUrl,
    );
    this.last = { outputs, files, valid, published, baseUrl, index };
  }

  /**
   * Checks the body links of every article page (by place, as `articles`): the problems found,
   * and the pages whose `.md` rewrites now differ from what their bytes hold. In one process,
   * a page whose entry and article are the objects of the last call, against the same index,
   * is not looked at: its problems are the last ones, and its bytes hold its rewrites.
   */
  checkPages(
    pages: readonly (PageLinks | undefined)[],
    articles: readonly Article[],
  ): { problems: Problem[]; again: { index: number; rewrites: Map<string, string>; rewritten: string }[] } {
    const again: { index: number; rewrites: Map<string, string>; rewritten: string }[] = [];
    const last = this.pages;
    const whole = last.round !== this.round || last.entries.length !== pages.length;
    if (whole) last.found.clear();
    for (let i = 0; i < pages.length; i++) {
      const entry = pages[i];
      if (!whole && entry === last.entries[i] && articles[i] === last.articles[i]) continue;
      last.found.delete(i);
      if (!entry) continue;
      const checked = this.check(i, articles[i]!, entry.links ?? NO_LINKS);
      if (checked.problems.length) last.found.set(i, checked.problems);
      if (checked.rewritten !== (entry.rewrites || '[]'))
        again.push({ index: i, rewrites: checked.rewrites, rewritten: checked.rewritten });
    }
    this.pages = { round: this.round, entries: pages, articles, found: last.found };
    const problems = [...last.found.keys()].sort((a, b) => a - b).flatMap((i) => last.found.get(i)!);
    return { problems, again };
  }

  /** Checks the body links of static pages against the last index (their `.md` links were rewritten as they were rendered). */
  checkStatic(
    pages: readonly { page: Pick<Article, 'file' | 'path' | 'url'>; links: readonly BodyLink[] }[],
  ): Problem[] {
    return pages.flatMap(({ page, links }) => checkLinks(page, links, this.last!.index).problems);
  }

  /** Checks the links of one article, the `place`th published one, against the last index. */
  private check(
    place: number,
    article: Pick<Article, 'file' | 'path' | 'url'>,
    links: readonly BodyLink[],
  ): CheckedLinks {
    // Most pages link nowhere inside the site: one shared result spares each a map, a set and a record.
    if (links.length === 0) return NOTHING_CHECKED;
    const known = this.checked[place];
    if (known && known.article === article && known.round === this.round && known.links === links) return known.result;
    const checked = checkLinks(article, links, this.last!.index);
    const result = { ...checked, rewritten: JSON.stringify([...checked.rewrites].sort()) };
    this.checked[place] = { article, round: this.round, links, result };
    return result;
  }
}

/** Whether two lists name the same paths; items kept from the last build are the same objects, and only the others are compared by path. */
function samePaths(a: readonly { path: string }[], b: readonly { path: string }[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && a[i]!.path !== b[i]!.path) return false;
  return true;
}

/** Whether two lists hold the same articles as far as links are concerned: file, URL, draft state, date. */
function sameTargets(a: readonly Article[], b: readonly Article[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y && (x.path !== y.path || x.url !== y.url || x.draft !== y.draft || x.date !== y.date)) return false;
  }
  return true;
}
