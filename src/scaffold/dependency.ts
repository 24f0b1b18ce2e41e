// How a new site's package.json names warta: as the project that runs `warta init` installed it,
// so that `npm install` in the new site (and in its CI) gets the same warta.

import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder warta runs from: its package root, holding package.json, templates/ and scaffold/. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The dependency a new site declares, and a tarball to copy into the site for it, if any. */
export interface WartaDependency {
  /** The value of `dependencies.warta` in the new site's package.json. */
  spec: string;
  /** A tarball (absolute path) to copy to `vendor/` in the site, which `spec` names there. */
  tarball?: string;
}

/**
 * The dependency for a site in `site` (absolute): the spec of the project whose node_modules
 * holds this warta, with a tarball copied into the site (a repository must hold what its CI
 * installs) and a folder made relative to the site; else a link to this warta's own folder.
 */
export function wartaDependency(site: string, root = PACKAGE_ROOT): WartaDependency {
  const owner = dirname(root.replace(/[\\/]+$/, ''));
  const declared = basename(owner) === 'node_modules' ? declaredSpec(dirname(owner)) : undefined;
  if (declared === undefined) return { spec: fileSpec(site, root) };
  if (!declared.startsWith('file:')) return { spec: declared };
  const target = resolve(dirname(owner), declared.slice('file:'.length));
  if (isFile(target)) return { spec: `file:vendor/${basename(target)}`, tarball: target };
  return { spec: fileSpec(site, target) };
}

/** The spec under which a project's package.json declares warta, if it does. */
function declaredSpec(project: string): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as Record<
      string,
      Record<string, unknown> | undefined
    >;
    const spec = pkg.dependencies?.warta ?? pkg.devDependencies?.warta;
    return typeof spec === 'string' ? spec : undefined;
  } catch {
    return undefined;
  }
}

function fileSpec(site: string, target: string): string {
  const path = relative(site, target).split(sep).join('/') || '.';
  return `file:${path}`;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
