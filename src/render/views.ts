import type { ImageAttrs, ImageSize } from './images.js';

/**
 * View objects: what templates see. Built from the site model, never the model itself,
 * so templates cannot reach into build internals and stay stable as the model changes.
 */

/** A link with its text. */
export interface LinkView {
  /** Text shown. */
  name: string;
  /** Site-relative URL. */
  url: string;
}

/** One story as listed on home, category pages and in "Berita Lainnya". */
export interface StoryView {
  /** Headline, plain text (templates escape it). */
  title: string;
  /** Site-relative URL of the article. */
  url: string;
  /** Category display name. */
  category: string;
  /** Site-relative URL of the category index. */
  categoryUrl: string;
  /** Publication time for readers: `Rabu, 2 April 2025 15:22:12 WIB`. */
  dateText: string;
  /** Publication time for machines: `2025-04-02T15:22:12+07:00`. */
  dateIso: string;
  /** Teaser, plain text. */
  summary: string;
  /** Lead photo URL, if any. */
  image?: string;
  /** The lead photo's size and smaller copies, when it is a raster image of the site (the card's template says how wide it shows it: `sizes`). */
  imageSize?: ImageSize;
  /** Byline as one line, e.g. `AP Wira dan Sari`. */
  byline: string;
}

/** A list page's feeds, site paths. */
export interface FeedsView {
  /** RSS 2.0. */
  rss: string;
  /** Atom 1.0. */
  atom: string;
}

/** The site as templates see it. */
export interface SiteView {
  /** Site name. */
  title: string;
  /** Line under the masthead. */
  tagline: string;
  /** Absolute base URL without trailing slash. */
  baseUrl: string;
  /** Language tag for `<html lang>`. */
  language: string;
  /** Absolute URL of the image shared for pages without a raster lead photo. */
  shareImage: string;
  /** Absolute URL of the publisher's logo. */
  logo: string;
  /** Browser UI colour (`theme-color`). */
  themeColor: string;
  /** The site-wide feeds. */
  feeds: FeedsView;
  /** Category navigation, in order. */
  nav: LinkView[];
  /** Links in the footer (static pages, mostly), from the config. */
  footer: LinkView[];
  /** Site-relative URL of the search page; absent when the config turns search off. */
  search?: string;
}

/** An article page. */
export interface ArticlePageView extends StoryView {
  kind: 'article';
  /** Reporters or editors, one per entry. */
  bylines: string[];
  /** Update time for readers, when the article was updated. */
  updatedText?: string;
  /** Update time for machines. */
  updatedIso?: string;
  /** Wire or origin credit. */
  source?: string;
  /** Caption of the lead photo. */
  caption?: string;
  /** Credit of the lead photo, e.g. `Foto: ANTARA/Budi`. */
  credit?: string;
  /** Dated corrections ("Ralat"), oldest first. */
  corrections: NoticeView[];
  /** Topics of the article. */
  tags: string[];
  /** Its topics with the URLs of their pages (none for a topic without a letter or digit). */
  tagLinks: { name: string; url?: string }[];
  /** Its bylines with the URLs of their pages (none for a name without a letter or digit). */
  bylineLinks: { name: string; url?: string }[];
  /** Site-relative URL of the archive of its day, e.g. `/2025/04/02/`. */
  dayUrl: string;
  /** Sanitised HTML of the body. */
  bodyHtml: string;
  /** Related stories, most related first. */
  related: StoryView[];
  /** Front matter fields warta does not know. */
  extra: Record<string, unknown>;
  /** The lead photo's size and smaller copies, when it is a raster image of the site. */
  lead?: ImageAttrs;
  /** Absolute URL of the image the page shares: the lead photo, else the site's (never an SVG). */
  shareImage: string;
  /** The shared image's size in pixels, when it is the lead photo and its size is known. */
  shareImageSize?: { width: number; height: number };
  /** Links that share the article (WhatsApp, Telegram, X, Facebook, email), URL-encoded. */
  share: LinkView[];
  /** JSON-LD NewsArticle, already serialised safely for a `<script>` element. */
  jsonLd: string;
  /** JSON-LD BreadcrumbList (home, category, article), serialised likewise. */
  breadcrumbLd: string;
}

/** A dated editorial notice as templates see it. */
export interface NoticeView {
  /** The notice, plain text. */
  text: string;
  /** When, for readers: `Kamis, 3 April 2025 09:15:00 WIB`. */
  dateText: string;
  /** When, for machines. */
  dateIso: string;
}

/** The page of a withdrawn article: headline, date and the withdrawal notice instead of the body. */
export interface WithdrawnPageView {
  kind: 'withdrawn';
  /** Headline, plain text. */
  title: string;
  /** Site-relative URL of the article. */
  url: string;
  /** Category display name. */
  category: string;
  /** Site-relative URL of the category index, when the category has one. */
  categoryUrl?: string;
  /** Publication time for readers. */
  dateText: string;
  /** Publication time for machines. */
  dateIso: string;
  /** When and why the story was withdrawn. */
  notice: NoticeView;
}

/** A numbered link of a list's page navigation. */
export interface PageLink {
  /** `Terbaru` for the front page, else the page number. */
  name: string;
  url: string;
  /** The page shown. */
  current: boolean;
}

/** One page of a list of stories (category, date, topic, author index), or the home page's latest list. */
export interface ListPageView {
  kind: 'category' | 'home' | 'date' | 'topic' | 'author';
  /** Page heading: the category, period, topic or author name, or the site name on home. */
  title: string;
  /** Links to the list's front page, nearby pages and page 1 (the oldest stories). */
  pageLinks?: PageLink[];
  /** A year's months or a month's days with stories, on the period's front page. */
  parts?: LinkView[];
  /** Site-relative URL of this page. */
  url: string;
  /** Stories, newest first. */
  stories: StoryView[];
  /** Link to newer stories, if any. */
  newer?: string;
  /** Link to older stories, if any. */
  older?: string;
  /** Page number counted from the oldest page; absent on a category's front page and home. */
  pageNumber?: number;
  /** Category, topic and author pages: the list's own feeds. */
  feeds?: FeedsView;
  /** Category only: JSON-LD BreadcrumbList (home, category), serialised safely for a `<script>` element. */
  breadcrumbLd?: string;
  /** Home only: the newest stories of each category, in navigation order. */
  sections?: { category: LinkView; stories: StoryView[] }[];
}

/** A redirect page for an alias. */
export interface RedirectPageView {
  kind: 'redirect';
  /** Site-relative URL the alias points to. */
  target: string;
  /** Title of the target article. */
  title: string;
}

/** A static page (`content/halaman/`). */
export interface StaticPageView {
  kind: 'static';
  title: string;
  url: string;
  /** Meta description, plain text. */
  summary: string;
  /** Lead photo URL, with its caption and credit, if any. */
  image?: string;
  caption?: string;
  credit?: string;
  /** The lead photo's size and smaller copies, when it is a raster image of the site. */
  lead?: ImageAttrs;
  /** Sanitised HTML of the body. */
  bodyHtml: string;
}

/** The Indeks page: every month by year, and the days of the newest month. */
export interface IndeksPageView {
  kind: 'indeks';
  title: string;
  url: string;
  years: { name: string; url: string; months: LinkView[] }[];
  /** The newest month with stories and its days. */
  latest?: { name: string; url: string; days: LinkView[] };
}

/** A list of topic or author names: the most used, or one initial's page. */
export interface NamesPageView {
  kind: 'names';
  title: string;
  url: string;
  /** Names listed. */
  names: LinkView[];
  /** Every initial's first page. */
  letters: LinkView[];
  /** Further pages of the same initial. */
  pageLinks?: PageLink[];
}

/** The search page (`/cari/`): a form, and the search index's parts for its script to search. */
export interface SearchPageView {
  kind: 'search';
  title: string;
  url: string;
  /** Whether the build made the search index (`warta build`); `warta dev` does not. */
  built: boolean;
  /** Category names, in navigation order: the category filter. */
  categories: string[];
  /** Years with stories, newest first: the year filter. */
  years: string[];
  /** Months with stories, newest first (`April 2025`, value `2025-04`): the month filter. */
  months: { name: string; value: string }[];
  /** Where the index lies (Pagefind's bundle) and its parts, newest first, each with the months it holds (`{ key, from, to }`), as JSON already serialised safely for a `<script>` element. */
  index: string;
}

/** Any page a template renders. */
export type PageView =
  | ArticlePageView
  | ListPageView
  | RedirectPageView
  | WithdrawnPageView
  | StaticPageView
  | IndeksPageView
  | NamesPageView
  | SearchPageView;

/** A page rendered from a template in the main thread: home, list pages, static pages, redirects, 404. */
export interface TemplatePage {
  /** Output file. */
  path: string;
  /** Template name. */
  template: string;
  /** What the template receives as `page` (the 404 page gets none). */
  page?: PageView;
  /** A list page's stories by index in the site's articles (its own, then each section's): what its signature reads. */
  stories?: readonly number[];
}
