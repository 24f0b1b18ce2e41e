/** A significant word of an article and how strongly it features there. */
export type Term = [term: string, weight: number];

/**
 * Significant words with their weights, strongest first, packed: the words joined by `\n`
 * (no word contains one) and the weights alongside. Every article carries them through the
 * threads and the build cache; two values per article copy and store far cheaper than an
 * array per word.
 */
export interface Terms {
  words: string;
  weights: Float64Array;
}

/** A dated editorial notice: a correction, or the reason a story was withdrawn. */
export interface Notice {
  /** When, epoch milliseconds. */
  at: number;
  /** What was corrected, or why the story was withdrawn; plain text. */
  text: string;
}

/** One article of the archive, validated, as plain data (safe to pass between threads). */
export interface Article {
  /** Source file, relative to the working directory (for messages), e.g. `content/2025/04/x.md`. */
  file: string;
  /** Source file, relative to the content folder, with forward slashes. */
  path: string;
  /** Headline, plain text. */
  title: string;
  /** Reporters or editors credited under the title. */
  bylines: string[];
  /** Category as the editor spelled it. */
  category: string;
  /** URL segment of the category. */
  categorySlug: string;
  /** Publication time, epoch milliseconds. */
  date: number;
  /** Last update or correction (the later of `updated` and the latest correction), epoch milliseconds. */
  updated?: number;
  /** Wire or origin credit, shown as `[source]`. */
  source?: string;
  /** URL segment of the article. */
  slug: string;
  /** Site-relative URL, e.g. `/2025/04/02/slug/`. */
  url: string;
  /** Topics: people, places, organisations. */
  tags: string[];
  /** Teaser and meta description, plain text. */
  summary: string;
  /** Lead photo: a site path or an absolute URL. */
  image?: string;
  /** The line of the file naming the lead photo, when it is a file of the site (a missing one is reported there). */
  imageLine?: number;
  /** Site paths of the local images the body may show (see content/images.ts); absent for none. */
  bodyImages?: string[];
  /** Caption of the lead photo. */
  caption?: string;
  /** Credit of the lead photo, e.g. `Foto: ANTARA/Budi`. */
  credit?: string;
  /** Dated corrections ("Ralat"), oldest first. */
  corrections: Notice[];
  /** Set when the story is withdrawn: its page keeps the headline and the notice, and it leaves every list. */
  withdrawn?: Notice;
  /** Never published when true. */
  draft: boolean;
  /** A static page (under `halaman/` or `type: page`): at `/<slug>/`, in no list, feed or sitemap of news. */
  page?: true;
  /** Old URL paths that redirect to this article. */
  aliases: string[];
  /** Front matter fields warta does not know, kept for templates. */
  extra: Record<string, unknown>;
  /** Significant words of title and body with their weights, strongest first. */
  terms: Terms;
  /** Offset in the source text (after BOM removal) where the Markdown body starts. */
  bodyOffset: number;
  /** 1-based line of the file where the Markdown body starts. */
  bodyLine: number;
}
