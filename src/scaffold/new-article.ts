// `warta new`: a draft article filed under its WIB date, with the contract's slug rule, so an
// editor types neither the timestamp nor the folder.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { slugify } from '../content/slug.js';
import { formatIso, wibDay } from '../time.js';

/** What `warta new` is asked for. */
export interface NewArticleOptions {
  /** The content folder. */
  content: string;
  /** The headline. */
  title: string;
  /** The category, or none yet: left as a marked empty field that `warta check` reports. */
  category?: string;
  /** The byline, or none yet: likewise. */
  byline?: string;
  /** The article's instant: its WIB date names the folder and fills `date`. */
  at: number;
}

/** Why `warta new` wrote nothing. */
export class NewArticleError extends Error {
  constructor(
    /** `exists`: the file is already there (exit 1); `slug`: the title gives no slug (a usage error). */
    readonly reason: 'exists' | 'slug',
    /** The path concerned, or the title. */
    readonly subject: string,
  ) {
    super(`${reason}: ${subject}`);
  }
}

/** The path, relative to the working directory, and text of the new article; nothing is written. */
export function newArticle(options: NewArticleOptions): { path: string; text: string } {
  const slug = slugify(options.title);
  if (!slug) throw new NewArticleError('slug', options.title);
  const { year, month } = wibDay(options.at);
  return { path: join(options.content, year, month, `${slug}.md`), text: articleText(options) };
}

/** Writes the new article; never replaces a file (NewArticleError 'exists'). Returns its path. */
export function writeNewArticle(options: NewArticleOptions): string {
  const { path, text } = newArticle(options);
  mkdirSync(join(path, '..'), { recursive: true });
  try {
    writeFileSync(path, text, { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new NewArticleError('exists', path);
    throw e;
  }
  return path;
}

/** The front matter and a placeholder body; a missing required field is left empty with a marked comment. */
function articleText(options: NewArticleOptions): string {
  const field = (name: string, value: string | undefined, hint: string) =>
    value?.trim() ? `${name}: ${JSON.stringify(value.trim())}\n` : `${name}:  # WAJIB DIISI: ${hint}\n`;
  return [
    '---\n',
    field('title', options.title, 'judul berita'),
    field('byline', options.byline, 'nama penulis'),
    field('category', options.category, 'kategori, mis. Nasional'),
    `date: ${wibTimestamp(options.at)}\n`,
    'draft: true\n',
    '---\n',
    'Tulis berita di sini. Hapus baris `draft: true` jika berita siap terbit.\n',
  ].join('');
}

/** `2025-04-02 15:22:12`, WIB implied; an instant before WIB was +07:00 keeps its offset. */
function wibTimestamp(instant: number): string {
  const iso = formatIso(instant);
  return iso.endsWith('+07:00') ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : iso;
}
