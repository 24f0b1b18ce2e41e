import {
  accessSync,
  constants,
  existsSync,
  lstatSync,
  opendirSync,
  realpathSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { error, type MessageParams, type Problem } from '../errors.js';

/**
 * A build replaces its output folder whole, so warta writes only into a folder it made: one
 * that is missing, empty, or holds the marker an earlier build left in it. Anything else, and
 * any folder that is or holds the archive, the templates, the config, the working or home
 * folder, a file system's root or a repository, is refused before anything is touched.
 */

/** The marker file in every output folder warta builds. */
export const MARKER = '.warta-output';

const MARKER_TEXT =
  'This folder is built by warta, which replaces all of it on every build.\nAnything else kept here is deleted by the next build.\n';

/** The folders a build works with, as given (relative to the working folder, or absolute). */
export interface OutputPlaces {
  /** The output folder, as the user typed it. */
  out: string;
  content: string;
  templates?: string;
  /** The static folder, copied whole into the output. */
  static?: string;
  /** The config file, whose folder the output must not hold. */
  config?: string;
}

/** Why an output folder is refused, or undefined when warta may build into it. */
export function checkOutput(places: OutputPlaces): Problem | undefined {
  if (places.out.trim() === '') return error({ code: 'output-refused', field: '--out' });
  const refuse = (reason: string, params?: MessageParams) =>
    error({ code: 'output-refused', file: places.out, params: { refusal: reason, ...params } });
  const out = realOf(places.out);
  if (dirname(out) === out) return refuse('root');
  const named = [
    { what: 'working', folder: process.cwd(), noOutputInside: false },
    { what: 'content', folder: places.content, noOutputInside: true },
    { what: 'templates', folder: places.templates, noOutputInside: true },
    { what: 'static', folder: places.static, noOutputInside: true },
    { what: 'home', folder: homedir(), noOutputInside: false },
    { what: 'config', folder: places.config && dirname(resolve(places.config)), noOutputInside: false },
  ].flatMap((n) => (n.folder === undefined ? [] : [{ ...n, folder: n.folder, real: realOf(n.folder) }]));
  const found = named.find((n) => n.real === out);
  if (found) return refuse('is', { place: found.what });
  const held = named.find((n) => inside(n.real, out));
  if (held) return refuse('holds', { place: held.what, folder: held.folder });
  const around = named.find((n) => n.noOutputInside && inside(out, n.real));
  if (around) return refuse('inside', { place: around.what, folder: around.folder });
  return checkFolder(places.out, refuse);
}

/** What an existing output folder holds: refused unless empty or marked; and whether this user can change it. */
function checkFolder(out: string, refuse: (reason: string, params?: MessageParams) => Problem): Problem | undefined {
  // A build would replace the link with a folder, leaving the folder it names as it was.
  if (isLink(out)) return refuse('link');
  if (existsSync(out)) {
    const stat = statSync(out);
    if (!stat.isDirectory()) return refuse('file');
    // A mounted disk cannot be renamed aside, and would be emptied.
    if (stat.dev !== statSync(dirname(realOf(out))).dev) return refuse('mount');
    if (existsSync(join(out, '.git'))) return refuse('git');
    if (!isEmpty(out) && !existsSync(join(out, MARKER))) return refuse('foreign', { marker: MARKER });
  }
  const locked = [out, dirname(resolve(out))].map(nearestExisting).find((folder) => !writable(folder));
  return locked === undefined ? undefined : error({ code: 'output-permission', file: out, params: { folder: locked } });
}

/** Writes the marker into a folder that is to become the output. */
export function markOutput(folder: string): void {
  writeFileSync(join(folder, MARKER), MARKER_TEXT);
}

/** A path with every symbolic link resolved, as far as it exists: the real path of its nearest existing ancestor, then the rest. */
export function realOf(path: string): string {
  const full = resolve(path);
  const rest: string[] = [];
  for (let at = full; ; at = dirname(at)) {
    try {
      return join(realpathSync.native(at), ...rest);
    } catch {
      if (dirname(at) === at) return full;
      rest.unshift(basename(at));
    }
  }
}

/** Whether `path` lies inside `folder` (not equal to it); both real and absolute. */
function inside(path: string, folder: string): boolean {
  return path !== folder && path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

function nearestExisting(path: string): string {
  let at = path;
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  return at;
}

function isEmpty(folder: string): boolean {
  const dir = opendirSync(folder);
  try {
    return dir.readSync() === null;
  } finally {
    dir.closeSync();
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** File system errors that mean this user may not change a file or folder. */
const DENIED = new Set(['EACCES', 'EPERM', 'EROFS']);

/**
 * The problem to report for an error thrown while changing the output folder, its siblings or
 * the folders holding it, when it says this user may not change them (another user's files, a
 * read-only file system); undefined for any other error.
 */
export function deniedProblem(e: unknown, out: string): Problem | undefined {
  const { code, syscall, path } = e as NodeJS.ErrnoException;
  if (!code || !DENIED.has(code) || !path || !aboutOutput(path, out)) return undefined;
  const where = relative(process.cwd(), path) || path;
  return error({
    code: 'output-permission',
    file: out,
    params: { change: `${syscall ?? 'a change'} ${where}`, errno: code },
  });
}

/** Whether a path is the output folder, in it, beside it under a name warta owns, or a folder holding it. */
function aboutOutput(path: string, out: string): boolean {
  const [full, folder] = [resolve(path), resolve(out)];
  const parent = dirname(folder);
  if (full === folder || inside(full, folder) || inside(folder, full)) return true;
  const sibling = relative(parent, full).split(sep)[0]!;
  // `.warta-cache`: the build cache's folder (see incremental/cache.ts).
  return inside(full, parent) && (sibling.startsWith(`.${basename(folder)}.`) || sibling === '.warta-cache');
}
