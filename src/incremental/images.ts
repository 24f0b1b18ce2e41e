import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * The image cache of an output folder: `.warta-cache/<name>.images/` beside it, like the build
 * cache. It holds the smaller copies of the site's photos, each file named by the key of its
 * image (the digest of the image's bytes and of the settings the copies are made with) and its
 * width, so a copy once made is never made again while its image and the settings stand; and an
 * index of what the last build measured of each image, by site path, with the file's stamp, so
 * that an unchanged image is neither read nor measured again.
 */

/** Bump when the index's shape changes. */
const FORMAT = 1;

/** What a build measured of an image of the site. */
export interface MeasuredImage {
  /** The file's size and modification time when measured. */
  stamp: string;
  /** Digest of its bytes. */
  digest: string;
  /** Its size as shown; absent when it could not be read as an image. */
  width?: number;
  height?: number;
  /** The widths of its smaller copies. */
  widths?: number[];
}

/** The image cache's folder for an output folder. */
export function imageFolder(out: string): string {
  const full = resolve(out);
  return join(dirname(full), '.warta-cache', `${basename(full)}.images`);
}

/** The file of one smaller copy in an image cache folder. */
export function variantFile(folder: string, key: string, width: number): string {
  return join(folder, `${key}-${width}.webp`);
}

/** The index a build left in an image cache folder, when it was made with these settings; empty otherwise. */
export function readImageIndex(folder: string, settings: string): Map<string, MeasuredImage> {
  try {
    const stored = JSON.parse(readFileSync(join(folder, 'index.json'), 'utf8')) as {
      format?: number;
      settings?: string;
      images?: Record<string, MeasuredImage>;
    };
    if (stored.format === FORMAT && stored.settings === settings && stored.images)
      return new Map(Object.entries(stored.images));
  } catch {
    // No index yet, or one cut short: every image is measured again.
  }
  return new Map();
}

/**
 * Saves the index of a build's images (sorted, so the same images write the same bytes) and
 * removes the copies it no longer uses: the folder holds what the last good build needs.
 */
export function saveImageIndex(
  folder: string,
  settings: string,
  images: ReadonlyMap<string, MeasuredImage>,
  used: ReadonlySet<string>,
): void {
  mkdirSync(folder, { recursive: true });
  const sorted = Object.fromEntries([...images].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const text = JSON.stringify({ format: FORMAT, settings, images: sorted });
  const file = join(folder, 'index.json');
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
    writeFileSync(`${file}.tmp`, text);
    renameSync(`${file}.tmp`, file);
  }
  for (const name of readdirSync(folder))
    if (name !== 'index.json' && !used.has(join(folder, name))) rmSync(join(folder, name), { force: true });
}
