import { accessSync, constants, readdirSync, statSync, type Dirent } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { error, warning, type MessageParams, type Problem, type ProblemCode } from '../errors.js';
import { classifyFile } from './kinds.js';

/** A file found under the content folder. */
export interface ContentFile {
  /** Path relative to the content folder, with forward slashes; also its path in the output. */
  path: string;
  /** Path for messages, relative to the working directory. */
  file: string;
  /** Absolute path on disk. */
  abs: string;
  /** Size and modification time: when both are unchanged, the file is taken as unchanged. */
  stamp: string;
}

/** Paths and stamps of files, in path order. */
export interface FoundFiles {
  paths: string[];
  stamps: string[];
}

/** What a walk found: the paths and stamps of articles and of files published as they are, in path order, and the problems. */
export interface Found {
  articles: FoundFiles;
  statics: FoundFiles;
  problems: Problem[];
}

/**
 * Where a walk stands: the folder walked (absolute, normalised), its real path (symbolic
 * links are followed only to files inside it), what it found, and whether it publishes every
 * file as it is (the static folder) rather than by the content folder's rules (see kinds.ts).
 */
export interface Walk {
  root: string;
  realRoot: string;
  found: Found;
  everyFile?: boolean;
}

/**
 * A folder being walked: its absolute path with a trailing separator, its path inside the
 * walked folder (with a trailing slash, or ''), and whether that path holds a character no URL
 * path can (then so does every file's inside it).
 */
export interface Folder {
  abs: string;
  inside: string;
  unservable: boolean;
}

/** A walk's findings before it starts. */
export function emptyFound(): Found {
  return { articles: { paths: [], stamps: [] }, statics: { paths: [], stamps: [] }, problems: [] };
}

/** The walked folder itself, `base` absolute and normalised. */
export function topFolder(base: string): Folder {
  return { abs: base.endsWith(sep) ? base : base + sep, inside: '', unservable: false };
}

/** A folder named `name` in `parent`. */
export function folderIn(parent: Folder, name: string): Folder {
  return {
    abs: parent.abs + name + sep,
    inside: `${parent.inside}${name}/`,
    unservable: parent.unservable || UNSERVABLE_NAME.test(name),
  };
}

/**
 * Walks a folder. Synchronous calls: the walk has nothing else to do meanwhile, and at 100,000
 * files the promises and thread-pool round trips of the asynchronous ones cost seconds.
 */
export async function walkFolder(folder: Folder, walk: Walk): Promise<void> {
  const entries = readEntries(folder.abs, walk);
  if (!entries) return;
  for (const entry of entries) {
    const pending = visit(folder, entry, walk);
    if (pending) await pending;
  }
}

/**
 * Lists a file found in a folder, or walks a folder; a promise only for a folder or a symbolic
 * link: at 100,000 files, a promise for each costs a tenth of the walk. Paths are joined by
 * hand: the folder is absolute and normalised and a name holds no separator, and `join`
 * normalises again, which at 100,000 files costs half as much as their `stat`s.
 */
export function visit(folder: Folder, entry: Dirent, walk: Walk): Promise<void> | undefined {
  if (entry.isFile()) return addFile(folder, entry.name, walk);
  if (entry.isDirectory()) return walkFolder(folderIn(folder, entry.name), walk);
  if (entry.isSymbolicLink()) {
    return followLink(folder.abs + entry.name, walk).then((kind) => {
      if (kind === 'file') addFile(folder, entry.name, walk);
      else if (kind === 'special') special(folder, entry.name, walk);
    });
  }
  special(folder, entry.name, walk);
  return undefined;
}

/** A folder's entries (see `entriesOf`), or undefined, with an error, when it cannot be read. */
function readEntries(dir: string, walk: Walk): Dirent[] | undefined {
  try {
    return entriesOf(dir, walk.everyFile);
  } catch (e) {
    walk.found.problems.push(
      error({ code: 'folder-unreadable', file: relative(process.cwd(), dir), params: reason(e) }),
    );
    return undefined;
  }
}

/**
 * A folder's entries in the order their paths sort in: a folder by its name and a slash, which
 * is where its files' paths sort among its siblings'. Walked in this order, the whole archive
 * comes out sorted by path, without a sort of 100,000 paths. Hidden folders (`.git`) are
 * skipped; so is every `.git` of a folder published whole, whose other hidden entries
 * (`.well-known/`) are the site's.
 */
export function entriesOf(dir: string, everyFile = false): Dirent[] {
  const keyed = readdirSync(dir, { withFileTypes: true })
    .filter((e) => (everyFile ? e.name !== '.git' : !(e.name.startsWith('.') && e.isDirectory())))
    .map((e): [string, Dirent] => [e.isDirectory() ? `${e.name}/` : e.name, e]);
  return keyed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);
}

/** What a symbolic link points to; an error when it leads outside the walked folder, to a folder, or nowhere. */
async function followLink(abs: string, walk: Walk): Promise<'file' | 'special' | 'reported'> {
  const file = relative(process.cwd(), abs);
  const fail = (code: ProblemCode, params?: MessageParams) => {
    walk.found.problems.push(error({ code, file, params }));
    return 'reported' as const;
  };
  let target: string;
  try {
    target = await realpath(abs);
  } catch {
    return fail('symlink-broken');
  }
  if (!target.startsWith(walk.realRoot + sep))
    return fail('symlink-outside', { folder: walk.everyFile ? 'static' : 'content' });
  // Links to folders could loop back on themselves; only links to files are followed.
  const info = await stat(target);
  if (info.isDirectory()) return fail('symlink-folder');
  return info.isFile() ? 'file' : 'special';
}

/** A backslash or control character, which cannot stand in a URL path the same way on every host. */
export const UNSERVABLE_NAME = /[\\\u0000-\u001f\u007f]/;

function addFile(folder: Folder, name: string, walk: Walk): undefined {
  let info;
  try {
    info = statSync(folder.abs + name);
  } catch {
    // Gone since its folder was read: as if the walk had come after.
    return;
  }
  const [path, stamp] = [folder.inside + name, `${info.size}:${info.mtimeMs}`];
  if (folder.unservable || UNSERVABLE_NAME.test(name)) {
    walk.found.problems.push(nameProblem(fileOf(walk, path)));
    return;
  }
  const kind = walk.everyFile ? 'published' : classifyFile(name);
  if (kind === 'ignored') return;
  if (typeof kind === 'object') {
    walk.found.problems.push(warning({ ...kind, file: fileOf(walk, path) }));
    return;
  }
  // An article's read is the parse's to report (see tasks.ts); a file copied as it is must be readable now, or copying it would fail the build with no file named.
  if (kind === 'published' && !readable(folder.abs + name)) {
    walk.found.problems.push(
      error({ code: 'file-unreadable', file: fileOf(walk, path), params: { of: 'file', why: 'permission' } }),
    );
    return;
  }
  const list = kind === 'article' ? walk.found.articles : walk.found.statics;
  list.paths.push(path);
  list.stamps.push(stamp);
}

function readable(abs: string): boolean {
  try {
    accessSync(abs, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** A named pipe, socket or device: an article so named is an error (it cannot be read), anything else is not published. */
function special(folder: Folder, name: string, walk: Walk): void {
  const file = fileOf(walk, folder.inside + name);
  if (!walk.everyFile && classifyFile(name) === 'article')
    walk.found.problems.push(error({ code: 'file-unreadable', file, params: { of: 'article', why: 'special' } }));
  else walk.found.problems.push(warning({ code: 'file-special', file }));
}

/** A file for messages, by its path inside the walked folder. */
function fileOf(walk: Walk, path: string): string {
  return contentFile(walk.root, fromCwd(walk.root), path, '').file;
}

/** A file whose name no URL path can hold. */
function nameProblem(file: string): Problem {
  return error({ code: 'file-name', file });
}

/** An article file that cannot be read: an error naming it, and why, from the error reading it. */
export function unreadableArticle(file: string, e: unknown): Problem {
  return error({ code: 'file-unreadable', file, params: { of: 'article', ...reason(e) } });
}

/** Why a file or folder could not be read, from the error reading it: a reason the messages name, or the error's own text. */
function reason(e: unknown): MessageParams {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return { why: 'permission' };
  if (code === 'EISDIR') return { why: 'folder' };
  if (code === 'ENOENT') return { why: 'gone' };
  return { why: 'other', detail: (e as Error).message };
}

/** A file by its path inside the walked folder `base` (absolute, normalised) and the folder's place from the working folder (see `fromCwd`). */
export function contentFile(base: string, from: string | undefined, path: string, stamp: string): ContentFile {
  const inside = sep === '/' ? path : path.split('/').join(sep);
  const abs = (base.endsWith(sep) ? base : base + sep) + inside;
  // Joined, not `relative(cwd, abs)` again: resolving both paths for every file costs as much as its `stat`.
  const file = from === undefined ? below(process.cwd(), abs) : from ? from + sep + inside : inside;
  return { path, file, abs, stamp };
}

/** A folder relative to the working folder, when a path inside it is that plus its path inside (not when the working folder is inside it). */
export function fromCwd(folder: string): string | undefined {
  const cwd = process.cwd();
  return cwd !== folder && cwd.startsWith(folder.endsWith(sep) ? folder : folder + sep)
    ? undefined
    : relative(cwd, folder);
}

/** `relative(folder, path)`, without its cost (resolving both) when `path` was joined (so normalised) onto `folder`, as a walk's paths are. */
function below(folder: string, path: string): string {
  return path.startsWith(folder + sep) ? path.slice(folder.length + 1) : relative(folder, path);
}
