// Finding the file a request asks for in the output folder, for `warta dev` only.

import { realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

/** What a request path leads to. */
export type Lookup =
  | { kind: 'file'; abs: string; size: number; type: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'missing' }
  | { kind: 'bad' };

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.xsl': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
};

/** The Content-Type of a file, by its extension. */
export function contentType(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Whether a content type is an HTML page (which gets the dev client injected). */
export function isHtml(type: string): boolean {
  return type.startsWith('text/html');
}

/**
 * Maps a request target (`/x/?q`) to a file under `root`: `/x/` → `x/index.html`; `/x`, a
 * folder, → a redirect to `/x/`; anything that would leave `root` (`..`, encoded or not,
 * backslashes, NUL, symbolic links pointing out) is `bad`.
 */
export async function lookup(root: string, target: string): Promise<Lookup> {
  const q = target.indexOf('?');
  const rawPath = q < 0 ? target : target.slice(0, q);
  const search = q < 0 ? '' : target.slice(q);
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'bad' };
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return { kind: 'bad' };
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return { kind: 'bad' };
  const base = resolve(root);
  const abs = resolve(base, ...segments);
  if (!within(abs, base)) return { kind: 'bad' };
  const wantsFolder = decoded.endsWith('/');
  const info = await statOrUndefined(abs);
  if (!info) return { kind: 'missing' };
  if (info.isDirectory()) {
    if (!wantsFolder)
      return {
        kind: 'redirect',
        location: `/${segments.map(encodeURIComponent).join('/')}${segments.length ? '/' : ''}${search}`,
      };
    return file(base, join(abs, 'index.html'));
  }
  if (wantsFolder) return { kind: 'missing' };
  return file(base, abs);
}

async function file(base: string, abs: string): Promise<Lookup> {
  const info = await statOrUndefined(abs);
  if (!info?.isFile()) return { kind: 'missing' };
  // The build copies files rather than linking them, but a link must not lead outside either.
  const [real, realBase] = await Promise.all([realpath(abs), realpath(base)]).catch(() => [undefined, undefined]);
  if (!real || !realBase || !within(real, realBase)) return { kind: 'missing' };
  return { kind: 'file', abs, size: info.size, type: contentType(abs) };
}

function within(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

async function statOrUndefined(path: string) {
  try {
    return await stat(path);
  } catch {
    return undefined;
  }
}
