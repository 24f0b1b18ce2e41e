import { readFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Sharp, SharpOptions } from 'sharp';

/**
 * sharp (libvips), imported here and nowhere else, and only when an image is to be read: its
 * native library takes a few hundred milliseconds to load, more than a quick build takes in all,
 * and a build whose images are all known reads none.
 */
let loaded: Promise<(input: string | Buffer, options?: SharpOptions) => Sharp> | undefined;
function sharp(input: string): Promise<Sharp> {
  loaded ??= import('sharp').then(({ default: load }) => {
    // Its own cache of decoded images would only hold memory: each image is read once a build, when at all.
    load.cache(false);
    return load;
  });
  return loaded.then((load) => load(input));
}

/**
 * How smaller copies are made: WebP, which every current browser shows, encodes an order of
 * magnitude faster than AVIF (about 0.1 s against 4 s for a 960-pixel photo here), and the
 * copies of a build's photos are made on its own machine, in the build's time.
 */
export const VARIANTS = { format: 'webp', quality: 75, effort: 4, widths: [480, 960, 1440] } as const;

/** Formats whose smaller copies are made; others (GIF, which may move; AVIF) are only measured. */
const RESIZED = new Set(['jpeg', 'png', 'webp']);

/**
 * Everything the copies' bytes depend on besides the image's: the settings and the encoder's
 * version, read from sharp's package (which pins the libvips it ships) without loading it.
 */
export function variantSettings(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.resolve('sharp')), 'utf8')) as {
    version: string;
    config?: { libvips?: string };
  };
  return JSON.stringify({ ...VARIANTS, sharp: pkg.version, libvips: pkg.config?.libvips });
}

/** An image as measured: its size as shown (EXIF orientation applied), and whether copies are made of it. */
export interface Measured {
  width: number;
  height: number;
  resized: boolean;
}

/** Measures an image from its header; undefined when it cannot be read as an image. */
export async function measureImage(abs: string): Promise<Measured | undefined> {
  try {
    const meta = await (await sharp(abs)).metadata();
    const { width, height } = meta.autoOrient ?? meta;
    if (!width || !height) return undefined;
    return { width, height, resized: RESIZED.has(meta.format ?? '') };
  } catch {
    return undefined;
  }
}

/** The widths of the copies made of an image this wide: those below its own, never larger. */
export function variantWidths(measured: Measured): number[] {
  return measured.resized ? VARIANTS.widths.filter((w) => w < measured.width) : [];
}

/**
 * Makes the copies of an image at the given widths, each to its own file (`to(width)`), whole or
 * not at all: written beside it under a temporary name first. The same image and settings give
 * the same bytes (metadata is dropped).
 */
export async function makeVariants(
  abs: string,
  widths: readonly number[],
  to: (width: number) => string,
): Promise<void> {
  for (const width of widths) {
    const file = to(width);
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      await (
        await sharp(abs)
      )
        .autoOrient()
        .resize({ width })
        .webp({ quality: VARIANTS.quality, effort: VARIANTS.effort })
        .toFile(temporary);
      await rename(temporary, file);
    } catch (e) {
      await rm(temporary, { force: true });
      throw e;
    }
  }
}
