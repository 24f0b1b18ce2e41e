import { error, hasErrors, quote, sortProblems, type Problem, type ProblemCode } from '../errors.js';
import { digest } from '../util/digest.js';
import { wibDay } from '../time.js';
import type { Article } from './article.js';
import { FieldReader } from './fields.js';
import { readFrontMatter } from './frontmatter.js';
import { classifyField } from './known-fields.js';
import { readCorrections, readWithdrawal } from './notices.js';
import { recoverFields } from './recover.js';
import { decodeSource } from './source.js';
import { nameTooLong, slugFromPath, slugify } from './slug.js';
import { summarise } from './summary.js';
import { valueWithoutControls, withoutControls } from './text.js';
import { extractTerms, packTerms } from './terms.js';
import { bodyImages } from './images.js';
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
    return {
      problems: [error({ code: 'too-large', file, params: { max: options.maxBytes, size: source.bytes.length } })],
    };
  }
  const decoded = decodeSource(source.bytes);
  if (!decoded.ok) return { problems: [error({ code: decoded.code, file, params: { byte: decoded.byte } })] };
  const front = readFrontMatter(decoded.text, file);
  if (!front.ok)
    return {
      problems: RECOVERABLE.has(front.problem.code)
        ? problemsAfterYamlError(source, decoded.text, front.problem, options)
        : [front.problem],
    };
  const { data, lines, bodyOffset, bodyLine } = front.value;
  const body = withoutControls(decoded.text.slice(bodyOffset));
  const fields = new FieldReader(data, lines, file);
  const extras = checkFieldNames(fields, options.extraFields ?? []);
  const article = readFields(fields, source, body, bodyOffset, bodyLine, extras);
  const problems = sortProblems(notMissingIfMisspelt(fields.problems));
  return hasErrors(problems) ? { problems } : { article, problems };
}

/** A required field written misspelt (`judul`) is reported as misspelt, not also as missing. */
function notMissingIfMisspelt(problems: readonly Problem[]): Problem[] {
  const meant = new Set(problems.filter((p) => p.code === 'field-misspelt').map((p) => p.params?.meant));
  return problems.filter((p) => p.code !== 'missing' || !meant.has(p.field));
}

/** YAML problems after which the other fields can still be read one by one. */
const RECOVERABLE = new Set<ProblemCode>([
  'yaml',
  'yaml-colon',
  'yaml-tab',
  'yaml-quote',
  'yaml-bracket',
  'duplicate-key',
]);

/** Every problem of a file whose front matter does not parse whole: its YAML problems, and those of the fields that can be read. */
function problemsAfterYamlError(source: ArticleSource, text: string, first: Problem, options: ParseOptions): Problem[] {
  const recovered = recoverFields(text, source.file);
  const fields = new FieldReader(recovered.data, recovered.lines, source.file);
  checkFieldNames(fields, options.extraFields ?? []);
  readFields(fields, source, '', 0, 0, {});
  // Nothing is said about a field that could not be read: not that it is missing, nor what it derives.
  const readable = notMissingIfMisspelt(fields.problems).filter(
    (p) => !recovered.unreadable.has(p.field ?? '') && !(p.field === 'slug' && recovered.unreadable.has('title')),
  );
  // The whole-text parse names a nested duplicate by its path (`withdrawn.reason`), which a field read alone cannot.
  const yamlProblems = recovered.problems.length
    ? recovered.problems.map((p) => (p.code === first.code && p.line === first.line ? first : p))
    : [first];
  return sortProblems([...yamlProblems, ...readable]);
}

/** Reports misspelt and unlisted fields; returns the listed extras, for templates. */
function checkFieldNames(fields: FieldReader, extraFields: readonly string[]): Record<string, unknown> {
  const extras: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields.rawData())) {
    const name = classifyField(key, extraFields);
    if (name.kind === 'misspelt') fields.fail(key, 'field-misspelt', { meant: name.meant });
    else if (name.kind === 'unknown') fields.warn(key, 'field-unknown');
    else if (name.kind === 'extra') extras[key] = valueWithoutControls(value);
  }
  return extras;
}

/** Reads every field; the article is only meaningful when the reader found no problem. */
function readFields(
  fields: FieldReader,
  source: ArticleSource,
  body: string,
  bodyOffset: number,
  bodyLine: number,
  extra: Record<string, unknown>,
): Article {
  const page = isPage(fields, source.path);
  const title = fields.text('title', true) ?? '';
  // A static page needs only a title: it has no place in the news by date, category or byline.
  const category = fields.text('category', !page) ?? '';
  const date = fields.time('date', !page) ?? 0;
  const tags = fields.list('tags', false) ?? [];
  const slug = readSlug(fields, source.path, title);
  const categorySlug = slugify(category);
  const corrections = readCorrections(fields, fields.raw('date') === undefined ? undefined : date);
  // The latest correction sets the modified date, as an update does.
  const updated = latest([fields.time('updated', false), corrections.at(-1)?.at]);
  if (category && !categorySlug) fields.fail('category', 'slug', { of: 'category', value: quote(category) });
  const url = page ? `/${slug}/` : articleUrl(wibDay(date), slug);
  const image = readImage(fields);
  const inBody = bodyImages(body, url);
  const longCategory = nameTooLong(categorySlug);
  if (longCategory)
    fields.fail('category', 'name-too-long', { of: 'category', value: quote(categorySlug), bytes: longCategory });
  return {
    file: source.file,
    path: source.path,
    title,
    bylines: fields.list('byline', !page) ?? [],
    category,
    categorySlug,
    date,
    updated,
    source: fields.text('source', false),
    slug,
    url,
    tags,
    summary: fields.text('summary', false) ?? summarise(body),
    image,
    ...(image && !isWebUrl(image) && { imageLine: fields.line('image') }),
    ...(inBody.length && { bodyImages: inBody }),
    caption: fields.text('caption', false),
    credit: fields.text('credit', false),
    corrections,
    withdrawn: readWithdrawal(fields, fields.raw('date') === undefined ? undefined : date),
    draft: fields.flag('draft'),
    aliases: readAliases(fields),
    extra,
    terms: page ? packTerms([]) : extractTerms(title, body, tags),
    bodyOffset,
    bodyLine,
    ...(page && { page }),
  };
}

/** The latest of some times, if any. */
function latest(times: (number | undefined)[]): number | undefined {
  const known = times.filter((t): t is number => t !== undefined);
  return known.length ? Math.max(...known) : undefined;
}

/** Whether a file is a static page: under `halaman/`, or with `type: page` (`type: article` keeps a file there an article). */
function isPage(fields: FieldReader, path: string): true | undefined {
  const type = fields.text('type', false);
  if (type !== undefined && type !== 'page' && type !== 'article')
    fields.fail('type', 'type', { expected: 'page-type', value: quote(type) });
  return type === 'page' || (type === undefined && path.startsWith('halaman/')) || undefined;
}

/** The explicit slug, else one derived from the file name, else from the title. */
function readSlug(fields: FieldReader, path: string, title: string): string {
  if (fields.raw('slug') !== undefined) return fields.slug('slug') ?? '';
  const fromPath = slugFromPath(path);
  const derived = fromPath || slugify(title);
  if (!derived && title) fields.fail('slug', 'slug', { of: 'derived', value: quote(title) });
  const tooLong = nameTooLong(derived);
  if (tooLong)
    fields.fail('slug', 'name-too-long', {
      of: fromPath ? 'file name' : 'title',
      value: quote(derived),
      bytes: tooLong,
    });
  return derived;
}

/** The lead photo: a site path (a relative one counts from the content folder) or a web URL. */
function readImage(fields: FieldReader): string | undefined {
  const value = fields.text('image', false);
  if (value === undefined || isWebUrl(value)) return value;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    return fields.fail('image', 'image', { value: quote(value) });
  }
  const path = value.startsWith('/') ? value : `/${value.replace(/^\.\//, '')}`;
  if (isSafeSitePath(path)) return path;
  return fields.fail('image', 'image', { value: quote(value) });
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
    fields.fail('aliases', 'alias', { values: unsafe.map(quote).join(', ') });
  }
  const safe = aliases.filter((a) => !unsafe.includes(a));
  const hidden = safe.filter((a) => a.split('/').some((part) => part.startsWith('.')));
  if (hidden.length) {
    fields.fail('aliases', 'alias-hidden', { values: hidden.map(quote).join(', ') });
  }
  const long: string[] = [];
  for (const alias of safe) {
    for (const part of alias.split('/')) {
      const bytes = nameTooLong(part);
      if (bytes) long.push(`${quote(alias)} (${bytes} bytes)`);
    }
  }
  if (long.length) fields.fail('aliases', 'name-too-long', { of: 'aliases', value: long.join(', ') });
  return unsafe.length || hidden.length || long.length ? [] : aliases;
}
