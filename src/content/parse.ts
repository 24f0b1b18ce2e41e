import { error, hasErrors, quote, sortProblems, type Problem } from '../errors.js';
import { digest } from '../incremental/hash.js';
import { wibDay } from '../time.js';
import type { Article } from './article.js';
import { FieldReader } from './fields.js';
import { readFrontMatter } from './frontmatter.js';
import { classifyField } from './known-fields.js';
import { decodeSource } from './source.js';
import { nameTooLong, slugFromPath, slugify } from './slug.js';
import { summarise } from './summary.js';
import { valueWithoutControls, withoutControls } from './text.js';
import { extractTerms } from './terms.js';
import { articleUrl, isSafeSitePath, isWebUrl } from './urls.js';

/** An article file as read from disk. */
export interface ArticleSource {
  /** Path for messages, relative to the working directory. */
  file: string;
  /** Path relative to the content folder, with forward slashes. */
  path: string;
  /** The file's bytes. */
  bytes: Uint8Array;
}

/** What parsing one file gives: the article when it is valid, and every problem found. */
export interface ParsedArticle {
  article?: Article;
  problems: Problem[];
  /**
   * Digest of the bytes parsed. An article page signs it (it covers every field and the
   * body), and it tells a file whose time changed but not its bytes (a fresh clone on CI)
   * from an edited one, which alone is parsed again.
   */
  digest: string;
}

/** Limits that apply while parsing. */
export interface ParseOptions {
  /** Largest accepted file, in bytes. */
  maxBytes: number;
  /** Fields outside the contract that the site's templates use (the config's `extraFields`). */
  extraFields?: readonly string[];
}

/** Parses and validates one article file against the article contract. */
export function parseArticle(source: ArticleSource, options: ParseOptions): ParsedArticle {
  const found = readArticle(source, options);
  return { ...found, digest: digest(source.bytes) };
}

/** The article and the problems of one file. */
function readArticle(source: ArticleSource, options: ParseOptions): Omit<ParsedArticle, 'digest'> {
  const { file } = source;
  if (source.bytes.length > options.maxBytes) {
    return { problems: [error({ code: 'too-large', file, message: `expected at most ${options.maxBytes} bytes, found ${source.bytes.length}` })] };
  }
  const decoded = decodeSource(source.bytes);
  if (!decoded.ok) return { problems: [error({ code: decoded.code, file, message: decoded.message })] };
  const front = readFrontMatter(decoded.text, file);
  if (!front.ok) return { problems: [front.problem] };
  const { data, lines, bodyOffset, bodyLine } = front.value;
  const body = withoutControls(decoded.text.slice(bodyOffset));
  const fields = new FieldReader(data, lines, file);
  const extras = checkFieldNames(fields, options.extraFields ?? []);
  const article = readFields(fields, source, body, bodyOffset, bodyLine, extras);
  const problems = sortProblems(fields.problems);
  return hasErrors(problems) ? { problems } : { article, problems };
}

/** Reports misspelt and unlisted fields; returns the listed extras, for templates. */
function checkFieldNames(fields: FieldReader, extraFields: readonly string[]): Record<string, unknown> {
  const extras: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields.rawData())) {
    const name = classifyField(key, extraFields);
    if (name.kind === 'misspelt') fields.fail(key, 'field-misspelt', `unknown field: did you mean "${name.meant}"?`);
    else if (name.kind === 'unknown') fields.warn(key, 'field-unknown', 'unknown field, ignored: list it in "extraFields" in the site config if the templates use it');
    else if (name.kind === 'extra') extras[key] = valueWithoutControls(value);
  }
  return extras;
}

/** Reads every field; the article is only meaningful when the reader found no problem. */
function readFields(fields: FieldReader, source: ArticleSource, body: string, bodyOffset: number, bodyLine: number, extra: Record<string, unknown>): Article {
  const title = fields.text('title', true) ?? '';
  const category = fields.text('category', true) ?? '';
  const date = fields.time('date', true) ?? 0;
  const tags = fields.list('tags', false) ?? [];
  const slug = readSlug(fields, source.path, title);
  const categorySlug = slugify(category);
  if (category && !categorySlug) fields.fail('category', 'slug', `expected a name with at least one letter or digit, got ${quote(category)}`);
  const longCategory = nameTooLong(categorySlug);
  if (longCategory) fields.fail('category', 'name-too-long', `expected a shorter name: its URL segment ${quote(categorySlug)} is ${longCategory}`);
  return {
    file: source.file,
    path: source.path,
    title,
    bylines: fields.list('byline', true) ?? [],
    category,
    categorySlug,
    date,
    updated: fields.time('updated', false),
    source: fields.text('source', false),
    slug,
    url: articleUrl(wibDay(date), slug),
    tags,
    summary: fields.text('summary', false) ?? summarise(body),
    image: readImage(fields),
    caption: fields.text('caption', false),
    draft: fields.flag('draft'),
    aliases: readAliases(fields),
    extra,
    terms: extractTerms(title, body, tags),
    bodyOffset,
    bodyLine,
  };
}

/** The explicit slug, else one derived from the file name, else from the title. */
function readSlug(fields: FieldReader, path: string, title: string): string {
  if (fields.raw('slug') !== undefined) return fields.slug('slug') ?? '';
  const fromPath = slugFromPath(path);
  const derived = fromPath || slugify(title);
  if (!derived && title) fields.fail('slug', 'slug', `cannot derive a slug from the file name or the title ${quote(title)}: add a "slug" field`);
  const tooLong = nameTooLong(derived);
  if (tooLong) fields.fail('slug', 'name-too-long', `the slug derived from the ${fromPath ? 'file name' : 'title'}, ${quote(derived)}, is ${tooLong}: add a shorter "slug" field`);
  return derived;
}

/** The lead photo: a site path (a relative one counts from the content folder) or a web URL. */
function readImage(fields: FieldReader): string | undefined {
  const value = fields.text('image', false);
  if (value === undefined || isWebUrl(value)) return value;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    return fields.fail('image', 'image', `expected a path inside the site (like "/images/foto.jpg") or an http(s) URL, got ${quote(value)}`);
  }
  const path = value.startsWith('/') ? value : `/${value.replace(/^\.\//, '')}`;
  if (isSafeSitePath(path)) return path;
  return fields.fail('image', 'image', `expected a path inside the site (like "/images/foto.jpg") or an http(s) URL, got ${quote(value)}`);
}

/**
 * Old URL paths: absolute, no `..`, no query or fragment. Each becomes a file of the output
 * folder, so no part may start with "." (`/.htaccess`, `/.well-known/`, `/.git/` belong to the
 * server) or be longer than a file name may be.
 */
function readAliases(fields: FieldReader): string[] {
  const aliases = fields.list('aliases', false) ?? [];
  const unsafe = aliases.filter((a) => !isSafeSitePath(a));
  if (unsafe.length) {
    fields.fail('aliases', 'alias', `expected absolute URL paths like "/old/path/" or "/old/page.html" without "..", query or fragment, got ${unsafe.map(quote).join(', ')}`);
  }
  const safe = aliases.filter((a) => !unsafe.includes(a));
  const hidden = safe.filter((a) => a.split('/').some((part) => part.startsWith('.')));
  if (hidden.length) {
    fields.fail('aliases', 'alias-hidden', `expected no part of a path to start with "." (hidden files such as /.htaccess belong to the web server), got ${hidden.map(quote).join(', ')}`);
  }
  const long: string[] = [];
  for (const alias of safe) {
    for (const part of alias.split('/')) {
      const why = nameTooLong(part);
      if (why) long.push(`${quote(alias)} has a part ${why}`);
    }
  }
  if (long.length) fields.fail('aliases', 'name-too-long', `expected shorter paths: ${long.join('; ')}`);
  return unsafe.length || hidden.length || long.length ? [] : aliases;
}
