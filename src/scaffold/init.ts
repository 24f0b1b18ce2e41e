// `warta init`: a new site repository, from the files under scaffold/ in warta's package and a
// package.json and warta.config.json made for the site.

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { defaults } from '../config.js';
import { PACKAGE_ROOT, wartaDependency } from './dependency.js';

/** What `warta init` is asked for. */
export interface InitOptions {
  /** The folder of the new site: missing or empty. */
  dir: string;
  /** The site's name; default: the default title. */
  title?: string;
  /** The site's address (already checked), or none yet. */
  baseUrl?: string;
}

/** One file of the new site: its path (with `/`) and its bytes. */
export interface SiteFile {
  path: string;
  data: string | Buffer;
}

/** A reason `warta init` writes nothing: the CLI's exit code 2, worded by the CLI. */
export class InitError extends Error {
  constructor(
    /** `not-empty`: the folder holds `entries`; `not-folder`: it is a file. */
    readonly reason: 'not-empty' | 'not-folder',
    /** The folder as it was named. */
    readonly folder: string,
    /** What the folder holds, sorted. */
    readonly entries: readonly string[] = [],
  ) {
    super(`${reason}: ${folder}`);
  }
}

/** Names stored without their leading dot: npm leaves a package's `.gitignore` out. */
const DOTTED = new Set(['gitignore', 'github', 'gitlab-ci.yml']);

/** The site's categories, those of the example articles, in navigation order. */
const CATEGORIES = [
  { slug: 'nasional', name: 'Nasional' },
  { slug: 'panduan', name: 'Panduan' },
];

/** Writes a new site into an empty or missing folder; returns the files written. Throws InitError. */
export function initSite(options: InitOptions, scaffold = join(PACKAGE_ROOT, 'scaffold')): SiteFile[] {
  const dir = resolve(options.dir);
  const present = entries(dir, options.dir);
  if (present.length) throw new InitError('not-empty', options.dir, present);
  const files = siteFiles(dir, options, scaffold);
  for (const file of files) {
    const target = join(dir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.data, { flag: 'wx' });
  }
  return files;
}

/** Every file of the new site, read and made before anything is written; sorted by path. */
export function siteFiles(dir: string, options: InitOptions, scaffold: string): SiteFile[] {
  const dependency = wartaDependency(dir);
  const files: SiteFile[] = [
    ...copies(scaffold),
    { path: 'package.json', data: json(packageJson(dir, dependency.spec)) },
    { path: 'warta.config.json', data: json(siteConfig(options)) },
  ];
  if (dependency.tarball)
    files.push({ path: `vendor/${basename(dependency.tarball)}`, data: readFileSync(dependency.tarball) });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The scaffold's files, with their dots put back. */
function copies(scaffold: string): SiteFile[] {
  const found = readdirSync(scaffold, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return found.map((entry) => {
    const path = relative(scaffold, join(entry.parentPath, entry.name)).split(sep);
    if (DOTTED.has(path[0]!)) path[0] = `.${path[0]}`;
    return { path: path.join('/'), data: readFileSync(join(entry.parentPath, entry.name)) };
  });
}

function packageJson(dir: string, spec: string): object {
  return {
    name: packageName(basename(dir)),
    private: true,
    scripts: { build: 'warta build', dev: 'warta dev', check: 'warta check', new: 'warta new' },
    dependencies: { warta: spec },
    engines: { node: '>=20.12' },
  };
}

function siteConfig(options: InitOptions): object {
  return {
    $schema: './node_modules/warta/schemas/warta.config.schema.json',
    title: options.title ?? defaults.title,
    tagline: defaults.tagline,
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    language: defaults.language,
    categories: CATEGORIES,
  };
}

/** A valid npm package name from a folder's name. */
export function packageName(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|[._-]+$/g, '')
    .slice(0, 214);
  return name || 'warta-site';
}

function json(value: object): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** The names in a folder; none when it does not exist. */
function entries(dir: string, shown: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    if ((e as NodeJS.ErrnoException).code === 'ENOTDIR') throw new InitError('not-folder', shown);
    throw e;
  }
}
