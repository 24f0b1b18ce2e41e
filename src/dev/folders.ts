import { sep } from 'node:path';

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
