import type { ProblemCode } from '../errors.js';

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

/** Why a file is not published: a warning's code and message. */
export interface Refusal {
  code: ProblemCode;
  message: string;
}

/** What becomes of a file under the content folder: an article, published as it is, skipped silently, or refused (a warning). */
export type FileKind = 'article' | 'published' | 'ignored' | Refusal;

/** What becomes of a file under the content folder, by its name (without its folder): see docs/files.md. */
export function classifyFile(name: string): FileKind {
  // Nearly every file is an article: told at once, without the steps below (a third of a walk's time at 100,000 files).
  if (MARKDOWN.test(name) && !name.startsWith('.')) return 'article';
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const skip = (code: ProblemCode, message: string): Refusal => ({ code, message });
  if (name.endsWith('~') || (name.startsWith('#') && name.endsWith('#')) || BACKUP.has(ext)) {
    return skip('file-backup', 'an editor\'s backup or temporary file, which may hold text not meant for readers, is not published (delete it, or keep it outside the content folder)');
  }
  if (name.startsWith('.')) return GIT_FILES.has(name) ? 'ignored' : skip('file-hidden', 'a hidden file is not published');
  if (ext === 'md') return 'article';
  if (MARKDOWN_LIKE.has(ext)) return skip('file-markdown', `only .md files are articles: this one is not published (rename it to .md to publish it)`);
  if (HTML.has(ext)) return skip('file-html', 'HTML under the content folder is not published: it would bypass the raw-HTML policy (write an article, or put the site\'s own pages in the static folder)');
  if (!PUBLISHED.has(ext)) return skip('file-type', `${ext ? `.${ext} files are` : 'a file without an extension is'} not published: only images, audio, video, PDF, office documents, fonts, .txt, .csv and .json are (put the site's own files in the static folder)`);
  return 'published';
}
