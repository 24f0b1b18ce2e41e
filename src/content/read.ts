import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Problem } from '../errors.js';
import { lowerBound } from '../util/search.js';
import { classifyFile } from './kinds.js';
import {
  contentFile,
  emptyFound,
  entriesOf,
  folderIn,
  fromCwd,
  topFolder,
  UNSERVABLE_NAME,
  visit,
  walkFolder,
  type ContentFile,
  type Folder,
  type Found,
  type FoundFiles,
  type Walk,
} from './walk.js';

export type { ContentFile } from './walk.js';

/**
 * The files of a build: the content folder's articles (Markdown) and files published as they
 * are, and the static folder's. A listing from a thread holds its article files joined (see
 * `JoinedFiles`) and makes their objects when first asked for: the quick path of a build
 * compares the joined strings and needs none.
 */
export class ContentListing {
  private files?: ContentFile[];
  private readonly joinedFiles?: JoinedFiles;
  private readonly unpack?: () => ContentFile[];

  /**
   * `articles`: the article files, or their paths and stamps joined and how to make the files of
   * them; `statics`: the content folder's files published as they are (see kinds.ts);
   * `siteFiles`: the static folder's, published at the output's root as they are.
   */
  constructor(
    articles: ContentFile[] | { joined: JoinedFiles; unpack: () => ContentFile[] },
    readonly statics: ContentFile[],
    readonly siteFiles: ContentFile[],
    readonly problems: Problem[],
  ) {
    if (Array.isArray(articles)) this.files = articles;
    else [this.joinedFiles, this.unpack] = [articles.joined, articles.unpack];
  }

  /** The article files, in path order. */
  articles(): ContentFile[] {
    return (this.files ??= this.unpack!());
  }

  /** The article files' paths and stamps, joined: as they came from the listing thread, or joined now. */
  joined(): JoinedFiles {
    return this.joinedFiles ?? joinFiles(this.articles());
  }
}

/** Every file a listing publishes as it is: the content folder's, then the static folder's. */
export function copiedFiles(listing: ContentListing): ContentFile[] {
  return listing.siteFiles.length ? listing.statics.concat(listing.siteFiles) : listing.statics;
}

/** Paths and stamps of a list of files, in order, each joined by NUL (which no file name holds). */
export interface JoinedFiles {
  paths: string;
  stamps: string;
}

/**
 * Lists every file under the content folder, sorted by path, and those of the static folder
 * `staticDir`, if given. Hidden folders (`.git`) are skipped; symbolic links are followed only
 * to files inside the folder walked. What is published of the content folder is told by the
 * files' names (see kinds.ts); a file that is not is a warning.
 */
export async function listContent(root: string, staticDir?: string): Promise<ContentListing> {
  const { base, found } = await walkTree(root, false);
  const site = await listSiteFiles(staticDir);
  return new ContentListing(
    filesOf(base, found.articles),
    filesOf(base, found.statics),
    site.files,
    found.problems.concat(site.problems),
  );
}

/** The files of the static folder, if there is one (see `ContentListing.siteFiles`); none while it is gone (removed while `warta dev` runs). */
async function listSiteFiles(staticDir: string | undefined): Promise<{ files: ContentFile[]; problems: Problem[] }> {
  if (!staticDir || !existsSync(staticDir)) return { files: [], problems: [] };
  const { base, found } = await walkTree(staticDir, true);
  return { files: filesOf(base, found.statics), problems: found.problems };
}

function filesOf(base: string, { paths, stamps }: FoundFiles): ContentFile[] {
  const from = fromCwd(base);
  return paths.map((path, i) => contentFile(base, from, path, stamps[i]!));
}

async function walkTree(root: string, everyFile: boolean): Promise<{ base: string; found: Found }> {
  const base = resolve(root);
  const found = emptyFound();
  await walkFolder(topFolder(base), { root: base, realRoot: await realpath(root), found, everyFile });
  return { base, found };
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

/** A unit of a shared walk: the walk of an entry of the top two levels (or of all, when the top cannot be read). */
type Unit = (walk: Walk) => Promise<void> | undefined;

/**
 * The content folder's listing packed (see `PackedListing`), without making a file object of
 * each file: what a listing thread sends; with `share`, the units this thread took (see `WalkShare`).
 */
export async function listPacked(root: string, share?: WalkShare): Promise<PackedUnit[]> {
  const base = resolve(root);
  const realRoot = await realpath(root);
  const walk = (found: Found): Walk => ({ root: base, realRoot, found });
  const pack = (unit: number, found: Found): PackedUnit => ({
    unit,
    articles: joinFound(found.articles),
    statics: joinFound(found.statics),
    problems: found.problems,
  });
  const top = topFolder(base);
  const units = share ? sharedUnits(top) : [(w: Walk) => walkFolder(top, w)];
  const taken: PackedUnit[] = [];
  const next = () => (share ? Atomics.add(share, 0, 1) : taken.length);
  for (let k = next(); k < units.length; k = next()) {
    const found = emptyFound();
    await units[k]!(walk(found));
    taken.push(pack(k, found));
  }
  return taken;
}

/** The units of a shared walk; a folder that cannot be read is a unit of its own, whose walk reports it. */
function sharedUnits(top: Folder): Unit[] {
  const read = (dir: string) => {
    try {
      return entriesOf(dir);
    } catch {
      return undefined;
    }
  };
  const entries = read(top.abs);
  if (!entries) return [(w) => walkFolder(top, w)];
  return entries.flatMap((e): Unit[] => {
    const folder = e.isDirectory() ? folderIn(top, e.name) : undefined;
    const inner = folder && read(folder.abs);
    if (!folder || !inner) return [(w) => visit(top, e, w)];
    return inner.map((f) => (w: Walk) => visit(folder, f, w));
  });
}

function joinFound({ paths, stamps }: FoundFiles): JoinedFiles {
  return { paths: paths.join('\0'), stamps: stamps.join('\0') };
}

/**
 * `listContent` on threads of their own (`threads` share the walk of the content folder), so
 * that the caller can do something else meanwhile (a fresh process's incremental build reads
 * its cache).
 */
export async function listContentOnThread(root: string, threads = 1, staticDir?: string): Promise<ContentListing> {
  const share = threads > 1 ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
  const listed = Promise.all(Array.from({ length: threads }, () => listOnThread(root, share)));
  // The static folder is small: listed here meanwhile.
  const site = await listSiteFiles(staticDir);
  const units = (await listed).flat().sort((a, b) => a.unit - b.unit);
  const join = (lists: JoinedFiles[]): JoinedFiles => {
    const some = lists.filter((l) => l.paths);
    return { paths: some.map((l) => l.paths).join('\0'), stamps: some.map((l) => l.stamps).join('\0') };
  };
  const packed = {
    articles: join(units.map((u) => u.articles)),
    statics: join(units.map((u) => u.statics)),
    problems: units.flatMap((u) => u.problems).concat(site.problems),
  };
  return unpackListing(packed, root, site.files);
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

function unpackListing(packed: PackedListing, root: string, siteFiles: ContentFile[]): ContentListing {
  const base = resolve(root);
  const from = fromCwd(base);
  const unpack = ({ paths, stamps }: JoinedFiles): ContentFile[] => {
    if (!paths) return [];
    const stamp = stamps.split('\0');
    return paths.split('\0').map((path, i) => contentFile(base, from, path, stamp[i]!));
  };
  return new ContentListing(
    { joined: packed.articles, unpack: () => unpack(packed.articles) },
    unpack(packed.statics),
    siteFiles,
    packed.problems,
  );
}

/** A file of the content folder `root` (absolute) by its path there, as a walk lists it. */
export function contentFileAt(root: string, path: string, stamp: string): ContentFile {
  const base = resolve(root);
  return contentFile(base, fromCwd(base), path, stamp);
}

/**
 * Brings a listing up to date for files known to have changed (a watcher's events), without
 * walking the whole folder. Gives undefined when the changes need a full walk: a path outside
 * the content folder (the static folder's too), a folder, a hidden name, a symbolic link, or
 * a file that is not published as it is named (its problem is the walk's to report, once).
 */
export async function updateListing(
  listing: ContentListing,
  root: string,
  changed: readonly string[],
): Promise<ContentListing | undefined> {
  const { lstat } = await import('node:fs/promises');
  const base = resolve(root);
  const found: { articles: ContentFile[]; statics: ContentFile[] } = { articles: [], statics: [] };
  const next = { articles: [...listing.articles()], statics: [...listing.statics] };
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
    const kind = classifyFile(posix.slice(posix.lastIndexOf('/') + 1));
    if (UNSERVABLE_NAME.test(posix) || (kind !== 'article' && kind !== 'published')) return undefined;
    (kind === 'article' ? found.articles : found.statics).push(
      contentFile(base, from, posix, `${info.size}:${info.mtimeMs}`),
    );
  }
  for (const f of found.articles) place(next.articles, f);
  for (const f of found.statics) place(next.statics, f);
  return new ContentListing(next.articles, next.statics, listing.siteFiles, listing.problems);
}

/** Where `path` is, or would go, in a list sorted by path. */
function seek(list: readonly ContentFile[], path: string): number {
  return lowerBound(0, list.length, (i) => list[i]!.path < path);
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
