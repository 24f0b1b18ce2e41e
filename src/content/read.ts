import { readdirSync, statSync, type Dirent } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import { error, type Problem, type ProblemCode } from '../errors.js';

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

/** The content folder's files: articles (Markdown) and static files copied as they are. */
export interface ContentListing {
  articles: ContentFile[];
  statics: ContentFile[];
  problems: Problem[];
}

/** Paths and stamps of a list of files, in order, each joined by NUL (which no file name holds). */
export interface JoinedFiles {
  paths: string;
  stamps: string;
}

/** What a walk found: the paths and stamps of articles and of static files, in path order, and the problems. */
interface Found {
  articles: { paths: string[]; stamps: string[] };
  statics: { paths: string[]; stamps: string[] };
  problems: Problem[];
}

/** Where a walk of the content folder stands. */
interface Walk {
  root: string;
  realRoot: string;
  found: Found;
}

/**
 * Lists every file under the content folder, sorted by path. Hidden files and folders
 * (`.git`, `.DS_Store`) are skipped; symbolic links are followed only to files inside it.
 */
export async function listContent(root: string): Promise<ContentListing> {
  const { base, found } = await walkContent(root);
  const from = fromCwd(base);
  const files = ({ paths, stamps }: Found['articles']) => paths.map((path, i) => contentFile(base, from, path, stamps[i]!));
  return { articles: files(found.articles), statics: files(found.statics), problems: found.problems };
}

/**
 * A walk shared between threads: in shared memory, the next of its units to take (the entries
 * of the top two levels, in path order; a folder there is walked whole). Each thread takes the
 * next unit when it is done with one, so a thread given the large folders does not finish last.
 */
export type WalkShare = Int32Array;

/** A unit of a shared walk, packed (see `PackedListing`), with its place among the units. */
export interface PackedUnit extends PackedListing {
  unit: number;
}

/**
 * `listContent` packed (see `PackedListing`), without making a file object of each file: what
 * a listing thread sends; with `share`, the units this thread took (see `WalkShare`).
 */
export async function listPacked(root: string, share?: WalkShare): Promise<PackedUnit[]> {
  const base = resolve(root);
  const realRoot = await realpath(root);
  const walk = (found: Found) => ({ root: base, realRoot, found });
  const pack = (unit: number, found: Found): PackedUnit => ({ unit, articles: joinFound(found.articles), statics: joinFound(found.statics), problems: found.problems });
  if (!share) {
    const found = emptyFound();
    await walkFolder(topFolder(base), walk(found));
    return [pack(0, found)];
  }
  const top = topFolder(base);
  const units = entriesOf(base).flatMap((e): [Folder, Dirent][] => {
    if (!e.isDirectory()) return [[top, e]];
    const folder = folderIn(top, e.name);
    return entriesOf(folder.abs).map((f) => [folder, f]);
  });
  const taken: PackedUnit[] = [];
  for (let k = Atomics.add(share, 0, 1); k < units.length; k = Atomics.add(share, 0, 1)) {
    const [folder, entry] = units[k]!;
    const found = emptyFound();
    await visit(folder, entry, walk(found));
    taken.push(pack(k, found));
  }
  return taken;
}

function emptyFound(): Found {
  return { articles: { paths: [], stamps: [] }, statics: { paths: [], stamps: [] }, problems: [] };
}

function joinFound({ paths, stamps }: Found['articles']): JoinedFiles {
  return { paths: paths.join('\0'), stamps: stamps.join('\0') };
}

async function walkContent(root: string): Promise<{ base: string; found: Found }> {
  const base = resolve(root);
  const found = emptyFound();
  await walkFolder(topFolder(base), { root: base, realRoot: await realpath(root), found });
  return { base, found };
}

/**
 * `listContent` on threads of their own (`threads` share the walk), so that the caller can do
 * something else meanwhile (a fresh process's incremental build reads its cache).
 */
export async function listContentOnThread(root: string, threads = 1): Promise<ContentListing> {
  const share = threads > 1 ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
  const units = (await Promise.all(Array.from({ length: threads }, () => listOnThread(root, share)))).flat().sort((a, b) => a.unit - b.unit);
  const join = (lists: JoinedFiles[]): JoinedFiles => {
    const some = lists.filter((l) => l.paths);
    return { paths: some.map((l) => l.paths).join('\0'), stamps: some.map((l) => l.stamps).join('\0') };
  };
  return unpackListing({ articles: join(units.map((u) => u.articles)), statics: join(units.map((u) => u.statics)), problems: units.flatMap((u) => u.problems) }, root);
}

function listOnThread(root: string, share: WalkShare | undefined): Promise<PackedUnit[]> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(new URL('./list-thread.js', import.meta.url), { workerData: { root, share } });
    thread.once('message', resolve);
    thread.once('error', reject);
    thread.once('exit', (code) => reject(new Error(`the content listing thread stopped (exit code ${code})`)));
  });
}

/**
 * A listing packed to cross to another thread: each list of files as two strings (see
 * `JoinedFiles`). Copying a string costs little; copying 100,000 objects costs the receiving
 * thread hundreds of milliseconds.
 */
export interface PackedListing {
  articles: JoinedFiles;
  statics: JoinedFiles;
  problems: Problem[];
}

/** The paths and stamps of a list of files (see `JoinedFiles`). */
export function joinFiles(files: readonly ContentFile[]): JoinedFiles {
  return { paths: files.map((f) => f.path).join('\0'), stamps: files.map((f) => f.stamp).join('\0') };
}

/** Joined files as they came from a listing thread, kept beside a listing: its article files are made of them when first read. */
const JOINED = new WeakMap<ContentListing, JoinedFiles>();

/** The article files of a listing, joined (see `JoinedFiles`): as they came from the listing thread, or joined now. */
export function joinedArticles(listing: ContentListing): JoinedFiles {
  return JOINED.get(listing) ?? joinFiles(listing.articles);
}

function unpackListing(packed: PackedListing, root: string): ContentListing {
  const base = resolve(root);
  const from = fromCwd(base);
  const unpack = ({ paths, stamps }: JoinedFiles): ContentFile[] => {
    if (!paths) return [];
    const stamp = stamps.split('\0');
    return paths.split('\0').map((path, i) => contentFile(base, from, path, stamp[i]!));
  };
  let articles: ContentFile[] | undefined;
  // The quick path of a build (see quick.ts) compares the joined strings and needs no file objects.
  const listing: ContentListing = {
    get articles() {
      return (articles ??= unpack(packed.articles));
    },
    statics: unpack(packed.statics),
    problems: packed.problems,
  };
  JOINED.set(listing, packed.articles);
  return listing;
}

/** A file of the content folder `root` (absolute) by its path there, as a walk lists it. */
export function contentFileAt(root: string, path: string, stamp: string): ContentFile {
  const base = resolve(root);
  return contentFile(base, fromCwd(base), path, stamp);
}

/** A file by its path inside the content folder `base` (absolute, normalised) and the folder's place from the working folder (see `fromCwd`). */
function contentFile(base: string, from: string | undefined, path: string, stamp: string): ContentFile {
  const inside = sep === '/' ? path : path.split('/').join(sep);
  const abs = (base.endsWith(sep) ? base : base + sep) + inside;
  // Joined, not `relative(cwd, abs)` again: resolving both paths for every file costs as much as its `stat`.
  const file = from === undefined ? below(process.cwd(), abs) : from ? from + sep + inside : inside;
  return { path, file, abs, stamp };
}

/**
 * A folder being walked: its absolute path with a trailing separator, its path inside the
 * content folder (with a trailing slash, or ''), and whether that path holds a character no URL
 * path can (then so does every file's inside it).
 */
interface Folder {
  abs: string;
  inside: string;
  unservable: boolean;
}

function topFolder(base: string): Folder {
  return { abs: base.endsWith(sep) ? base : base + sep, inside: '', unservable: false };
}

function folderIn(parent: Folder, name: string): Folder {
  return { abs: parent.abs + name + sep, inside: `${parent.inside}${name}/`, unservable: parent.unservable || UNSERVABLE_NAME.test(name) };
}

/**
 * Walks a folder. Synchronous calls: the walk has nothing else to do meanwhile, and at 100,000
 * files the promises and thread-pool round trips of the asynchronous ones cost seconds.
 */
async function walkFolder(folder: Folder, walk: Walk): Promise<void> {
  for (const entry of entriesOf(folder.abs)) {
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
function visit(folder: Folder, entry: Dirent, walk: Walk): Promise<void> | undefined {
  if (entry.isFile()) return addFile(folder, entry.name, walk);
  if (entry.isDirectory()) return walkFolder(folderIn(folder, entry.name), walk);
  if (entry.isSymbolicLink()) return followLink(folder.abs + entry.name, walk).then((kind) => (kind === 'file' ? addFile(folder, entry.name, walk) : undefined));
  return undefined;
}

/**
 * A folder's entries but hidden ones, in the order their paths sort in: a folder by its name
 * and a slash, which is where its files' paths sort among its siblings'. Walked in this order,
 * the whole archive comes out sorted by path, without a sort of 100,000 paths.
 */
function entriesOf(dir: string): Dirent[] {
  const keyed = readdirSync(dir, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.'))
    .map((e): [string, Dirent] => [e.isDirectory() ? `${e.name}/` : e.name, e]);
  return keyed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);
}

/** What a symbolic link points to; an error when it leads outside the content folder or to a folder. */
async function followLink(abs: string, walk: Walk): Promise<'file' | 'other'> {
  const file = relative(process.cwd(), abs);
  const fail = (code: ProblemCode) => {
    walk.found.problems.push(error({ code, file }));
    return 'other' as const;
  };
  let target: string;
  try {
    target = await realpath(abs);
  } catch {
    return fail('symlink-broken');
  }
  if (!target.startsWith(walk.realRoot + sep)) {
    return fail('symlink-outside');
  }
  // Links to folders could loop back on themselves; only links to files are followed.
  const info = await stat(target);
  if (info.isDirectory()) return fail('symlink-folder');
  return info.isFile() ? 'file' : 'other';
}

// A backslash or control character cannot stand in a URL path the same way on every host.
const UNSERVABLE_NAME = /[\\\u0000-\u001f\u007f]/;

function addFile(folder: Folder, name: string, walk: Walk): undefined {
  const info = statSync(folder.abs + name);
  const [path, stamp] = [folder.inside + name, `${info.size}:${info.mtimeMs}`];
  if (folder.unservable || UNSERVABLE_NAME.test(name)) {
    walk.found.problems.push(nameProblem(contentFile(walk.root, fromCwd(walk.root), path, stamp).file));
    return;
  }
  const list = isArticle(name) ? walk.found.articles : walk.found.statics;
  list.paths.push(path);
  list.stamps.push(stamp);
}

function nameProblem(file: string): Problem {
  return error({ code: 'file-name', file });
}

function isArticle(path: string): boolean {
  return MARKDOWN.test(path);
}

const MARKDOWN = /\.md$/i;

/** A folder relative to the working folder, when a path inside it is that plus its path inside (not when the working folder is inside it). */
function fromCwd(folder: string): string | undefined {
  const cwd = process.cwd();
  return cwd !== folder && cwd.startsWith(folder.endsWith(sep) ? folder : folder + sep) ? undefined : relative(cwd, folder);
}

/** `relative(folder, path)`, without its cost (resolving both) when `path` was joined (so normalised) onto `folder`, as a walk's paths are. */
function below(folder: string, path: string): string {
  return path.startsWith(folder + sep) ? path.slice(folder.length + 1) : relative(folder, path);
}

/**
 * Brings a listing up to date for files known to have changed (a watcher's events), without
 * walking the whole folder. Gives undefined when the changes need a full walk: a path outside
 * the content folder, a folder, a hidden name or a symbolic link.
 */
export async function updateListing(listing: ContentListing, root: string, changed: readonly string[]): Promise<ContentListing | undefined> {
  const { lstat } = await import('node:fs/promises');
  const base = resolve(root);
  const found: ContentListing = { articles: [], statics: [], problems: [...listing.problems] };
  const next = { articles: [...listing.articles], statics: [...listing.statics] };
  const from = fromCwd(base);
  for (const path of changed) {
    const abs = resolve(path);
    const rel = relative(base, abs);
    if (!rel || rel.startsWith('..') || rel.split(sep).some((part) => part.startsWith('.'))) return undefined;
    const posix = rel.split(sep).join('/');
    const known = drop(next.articles, posix) + drop(next.statics, posix) > 0;
    const info = await lstat(abs).catch(() => undefined);
    // Gone and never a file of ours: a removed folder, whose files only a walk can account for.
    if ((info && !info.isFile()) || (!info && !known)) return undefined;
    if (!info) continue;
    const file = contentFile(base, from, posix, `${info.size}:${info.mtimeMs}`);
    if (UNSERVABLE_NAME.test(posix)) found.problems.push(nameProblem(file.file));
    else (isArticle(posix) ? found.articles : found.statics).push(file);
  }
  for (const f of found.articles) place(next.articles, f);
  for (const f of found.statics) place(next.statics, f);
  return { ...next, problems: found.problems };
}

/** Where `path` is, or would go, in a list sorted by path. */
function seek(list: readonly ContentFile[], path: string): number {
  let [lo, hi] = [0, list.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.path < path) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Removes the file at `path` from a sorted list; gives how many were removed. */
function drop(list: ContentFile[], path: string): number {
  const at = seek(list, path);
  return list[at]?.path === path ? list.splice(at, 1).length : 0;
}

/** Inserts a file into a sorted list, in place of one with the same path. */
function place(list: ContentFile[], file: ContentFile): void {
  const at = seek(list, file.path);
  list.splice(at, list[at]?.path === file.path ? 1 : 0, file);
}
