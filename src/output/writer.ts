import { isAbsolute, normalize, sep } from 'node:path';

/** Where a build puts its files. Paths are relative to the output folder, with forward slashes. */
export interface OutputWriter {
  /** Writes a file, creating folders as needed. */
  write(path: string, data: string | Uint8Array): Promise<void>;
  /** Copies a file from disk. */
  copy(path: string, from: string): Promise<void>;
  /** True for a writer that keeps nothing (`warta check`): a build then makes no file only to copy it. */
  readonly discards?: boolean;
}

/**
 * Checks an output path before anything is written: relative, no `..`, no NUL, no
 * backslash. Every writer calls this, so nothing can land outside the output folder.
 */
export function checkOutputPath(path: string): string {
  const normal = normalize(path);
  if (
    !path ||
    path.includes('\0') ||
    path.includes('\\') ||
    isAbsolute(path) ||
    normal === '..' ||
    normal.startsWith(`..${sep}`) ||
    path.split('/').includes('..')
  ) {
    throw new Error(`refusing to write outside the output folder: ${JSON.stringify(path)}`);
  }
  return normal;
}

/** Keeps the output in memory: for tests, and for `warta check`, which writes nothing. */
export class MemoryWriter implements OutputWriter {
  /** Written files by path. */
  readonly files = new Map<string, Uint8Array>();

  async write(path: string, data: string | Uint8Array): Promise<void> {
    this.files.set(checkOutputPath(path), typeof data === 'string' ? Buffer.from(data) : data);
  }

  async copy(path: string, from: string): Promise<void> {
    const { readFile } = await import('node:fs/promises');
    this.files.set(checkOutputPath(path), await readFile(from));
  }

  /** A written file as text, for assertions. */
  text(path: string): string | undefined {
    const data = this.files.get(path);
    return data && Buffer.from(data).toString('utf8');
  }
}
