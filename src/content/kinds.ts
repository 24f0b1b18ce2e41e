import type { MessageParams, ProblemCode } from '../errors.js';

/**
 * Extensions of the files under the content folder that are published as they are, besides
 * articles: media, documents and fonts, which a browser shows or downloads and none of which
 * runs script on the site's origin (SVG does, unless checked: see svg.ts). Text, CSV and JSON
 * serve data journalism: transcripts and the data behind a chart, offered for download.
 */
export const PUBLISHED_EXTENSIONS: readonly string[] = [
  ...['jpg', 'jpeg', 'png', 'gif', 'webp', 'avif', 'svg', 'ico'],
  ...['mp3', 'm4a', 'ogg', 'wav', 'mp4', 'webm'],
  ...['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'ods', 'odp'],
  ...['woff', 'woff2', 'ttf', 'otf'],
  ...['txt', 'csv', 'json'],
];

const PUBLISHED = new Set(PUBLISHED_EXTENSIONS);
const MARKDOWN = /\.md$/i;
/** Other spellings of Markdown: a file so named is not an article, and an editor should hear so. */
const MARKDOWN_LIKE = new Set(['markdown', 'mdown', 'mkd', 'mkdn', 'mdx']);
const HTML = new Set(['html', 'htm', 'xhtml', 'shtml']);
/** Backups and temporary files that editors, merges and patches leave beside a file. */
const BACKUP = new Set(['bak', 'orig', 'rej', 'swp', 'swo', 'tmp', 'old']);
/** Git's own files, which no one means to publish and which only clutter a report. */
const GIT_FILES = new Set(['.gitignore', '.gitattributes', '.gitkeep']);

/** Why a file is not published: a warning's code and its message's values. */
export interface Refusal {
  code: ProblemCode;
  params?: MessageParams;
}

/** What becomes of a file under the content folder: an article, published as it is, skipped silently, or refused (a warning). */
export type FileKind = 'article' | 'published' | 'ignored' | Refusal;

/** What becomes of a file under the content folder, by its name (without its folder): see docs/files.md. */
export function classifyFile(name: string): FileKind {
  // Nearly every file is an article: told at once, without the steps below (a third of a walk's time at 100,000 files).
  if (MARKDOWN.test(name) && !name.startsWith('.')) return 'article';
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (name.endsWith('~') || (name.startsWith('#') && name.endsWith('#')) || BACKUP.has(ext))
    return { code: 'file-backup' };
  if (name.startsWith('.')) return GIT_FILES.has(name) ? 'ignored' : { code: 'file-hidden' };
  if (ext === 'md') return 'article';
  if (MARKDOWN_LIKE.has(ext)) return { code: 'file-markdown' };
  if (HTML.has(ext)) return { code: 'file-html' };
  if (!PUBLISHED.has(ext)) return { code: 'file-type', params: { ext } };
  return 'published';
}
