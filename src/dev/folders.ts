import { relative, sep } from 'node:path';

/** The folders `warta dev` works with, absolute. */
export interface Paths {
  content: string;
  templates?: string;
  static?: string;
  config?: string;
  out: string;
}

/** Whether `path` is `folder` or inside it. */
export function inside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/** A path as the user would type it: relative to the working directory when inside it. */
export function show(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !rel.startsWith(sep) ? rel : path;
}
