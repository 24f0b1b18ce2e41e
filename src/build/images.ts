import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Article } from '../content/article.js';
import { copiedFiles, type ContentFile, type ContentListing } from '../content/read.js';
import { error, type Problem } from '../errors.js';
import { makeVariants, measureImage, variantSettings, variantWidths } from '../exec/images.js';
import { imageFolder, readImageIndex, saveImageIndex, variantFile, type MeasuredImage } from '../incremental/images.js';
import { factsSig, type ImageFacts, type PageImages } from '../render/images.js';
import type { DigestedCopy } from '../render/plan.js';
import { digest, fileDigest } from '../util/digest.js';
import type { BuildOptions } from './options.js';

/** Images measured (and copied smaller) by extension; SVG is shown as it is. */
const RASTER = /\.(?:jpe?g|png|webp|gif|avif)$/i;
/** The output folder of the smaller copies, which warta keeps to itself (see RESERVED_FOLDERS). */
const VARIANTS = '_img';
/** Where the theme's files are published (see RESERVED_FOLDERS). */
const THEME_ASSETS = '/assets/';
/** Images whose copies are made at once: each encode uses libvips's threads too. */
const AT_ONCE = 2;

/** Where a build keeps the copies it makes: the image cache beside the output, or a folder of its own (made when first needed) that it removes. */
interface Store {
  folder: string;
  temporary: boolean;
  made?: boolean;
}

/**
 * The local images of a build's articles and static pages (lead photos and those their bodies name): measured,
 * with their smaller copies made, before anything is rendered, so that render/ gets them as
 * plain data (see `PageImages`) and each page signs what it shows of them. An image whose
 * stamp the image cache knows is not read at all; one whose copies the cache holds is not
 * copied again (see incremental/images.ts).
 */
export class SiteImages {
  /** Images whose smaller copies this build made. */
  made = 0;
  readonly problems: Problem[] = [];
  private readonly measured = new Map<string, MeasuredImage>();

  private constructor(
    private readonly files: ReadonlyMap<string, ContentFile>,
    private readonly settings: string,
    private readonly store: Store | undefined,
    private readonly index: ReadonlyMap<string, MeasuredImage>,
  ) {}

  /** Measures the images the published articles and static pages show and makes their missing copies (none for a build that keeps nothing: `warta check`). */
  static async open(options: BuildOptions, listing: ContentListing, articles: readonly Article[]): Promise<SiteImages> {
    const settings = variantSettings();
    const store: Store | undefined = options.writer?.discards
      ? undefined
      : !options.writer && options.cache
        ? { folder: imageFolder(options.out), temporary: false }
        : { folder: '', temporary: true };
    const index =
      store && !store.temporary && options.cache === 'use' ? readImageIndex(store.folder, settings) : new Map();
    const images = new SiteImages(filesByPath(listing), settings, store, index);
    const paths = new Set<string>();
    for (const a of articles) for (const path of imagesOf(a)) paths.add(path);
    for (const path of [...paths].sort()) await images.measure(path);
    await images.makeCopies(options.cache !== 'use');
    return images;
  }

  /** The images as the last build measured them, for the quick path, which redoes none (no copied file changed since). */
  static stored(out: string, listing: ContentListing): SiteImages {
    const settings = variantSettings();
    const folder = imageFolder(out);
    return new SiteImages(
      filesByPath(listing),
      settings,
      { folder, temporary: false },
      readImageIndex(folder, settings),
    );
  }

  /** Whether the images an article shows are all known (the quick path can render it). */
  knows(article: Article): boolean {
    return imagesOf(article).every((path) => {
      const file = this.files.get(path);
      if (!file || !RASTER.test(path)) return true;
      const known = this.measured.get(path) ?? this.index.get(path);
      if (known?.stamp !== file.stamp) return false;
      this.measured.set(path, known);
      return true;
    });
  }

  /** What an article's page shows of the site's images, by site path; undefined for none. */
  pageImages(article: Article): PageImages | undefined {
    const paths = imagesOf(article);
    return paths.length ? Object.fromEntries(paths.map((p) => [p, this.facts(p)])) : undefined;
  }

  /** What an article's page signs of the images it shows: each image's key and size, or what it is instead ('' for none). */
  sig(article: Article): string {
    return imagesOf(article)
      .map((path) => `${path}\n${factsSig(this.facts(path))}`)
      .join('\n');
  }

  /** What is known of an article's lead photo, for its story card: undefined unless a raster image of the site that was measured. */
  lead(article: Article): ImageFacts | undefined {
    return (article.imageLine !== undefined && article.image && this.facts(article.image)) || undefined;
  }

  /** The smaller copies, as files copied into the output, by path. */
  copies(): DigestedCopy[] {
    const copies = new Map<string, DigestedCopy>();
    for (const [key, measured] of this.keyed())
      for (const width of measured.widths ?? []) {
        const path = `${VARIANTS}/${key}-${width}.webp`;
        copies.set(path, { path, abs: this.store ? variantFile(this.store.folder, key, width) : '', digest: key });
      }
    return [...copies.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  /** Keeps what this good build measured, and only the copies it uses, for the next build. */
  keep(): void {
    if (!this.store || this.store.temporary) return;
    const used = new Set(this.copies().map((c) => c.abs));
    saveImageIndex(this.store.folder, this.settings, this.measured, used);
  }

  /** Removes a build's own folder of copies. */
  close(): void {
    if (this.store?.made) rmSync(this.store.folder, { recursive: true, force: true });
  }

  private facts(path: string): ImageFacts | false | null {
    // The theme's own files (`/assets/`) are not the archive's: shown as they are, never missing.
    if (!this.files.has(path)) return path.startsWith(THEME_ASSETS) ? false : null;
    const measured = this.measured.get(path);
    if (!measured?.width || !measured.height) return false;
    const key = this.key(measured);
    const variants = (measured.widths ?? []).map((width) => ({ url: `/${VARIANTS}/${key}-${width}.webp`, width }));
    return { width: measured.width, height: measured.height, variants };
  }

  /** The key of an image's copies: the digest of its bytes and of the settings they are made with. */
  private key(measured: MeasuredImage): string {
    return digest(measured.digest, this.settings);
  }

  /** Every measured image with copies, once per key (two paths may hold the same bytes). */
  private keyed(): Map<string, MeasuredImage> {
    const keyed = new Map<string, MeasuredImage>();
    for (const measured of this.measured.values()) if (measured.widths?.length) keyed.set(this.key(measured), measured);
    return keyed;
  }

  /** Measures one image, unless the cache's index knows its stamp or its bytes. */
  private async measure(path: string): Promise<void> {
    const file = this.files.get(path);
    if (!file || !RASTER.test(path)) return;
    const last = this.index.get(path);
    let measured = last?.stamp === file.stamp ? last : undefined;
    if (!measured) {
      const bytes = fileDigest(file.abs);
      if (last?.digest === bytes) measured = { ...last, stamp: file.stamp };
      else {
        const found = await measureImage(file.abs);
        measured = { stamp: file.stamp, digest: bytes };
        if (found) Object.assign(measured, { width: found.width, height: found.height, widths: variantWidths(found) });
      }
    }
    if (!measured.width) this.problems.push(error({ code: 'image-unreadable', file: file.file }));
    this.measured.set(path, measured);
  }

  /** Makes the copies the store lacks (every one when `fresh`), a few images at once. */
  private async makeCopies(fresh: boolean): Promise<void> {
    const store = this.store;
    if (!store) return;
    const todo = [...this.keyed()].filter(
      ([key, m]) => fresh || m.widths!.some((w) => !existsSync(variantFile(store.folder, key, w))),
    );
    if (!todo.length) return;
    if (store.temporary) [store.folder, store.made] = [mkdtempSync(join(tmpdir(), 'warta-images-')), true];
    else mkdirSync(store.folder, { recursive: true });
    const sources = new Map([...this.measured].map(([path, m]) => [m.digest, this.files.get(path)!]));
    const next = async (): Promise<void> => {
      const [key, m] = todo.shift() ?? [];
      if (!key || !m) return;
      const file = sources.get(m.digest)!;
      try {
        await makeVariants(file.abs, m.widths!, (w) => variantFile(store.folder, key, w));
        this.made++;
      } catch (e) {
        // The file system's errors (no space left) are the build's; libvips's, the image's.
        if ((e as NodeJS.ErrnoException).code) throw e;
        this.problems.push(error({ code: 'image-unreadable', file: file.file }));
        delete m.widths;
      }
      return next();
    };
    await Promise.all(Array.from({ length: AT_ONCE }, next));
  }
}

/** The local images an article shows: its lead photo, when a file of the site, and those its body names. */
function imagesOf(article: Article): string[] {
  const lead = article.imageLine !== undefined && article.image ? [article.image] : [];
  return article.bodyImages ? [...new Set([...lead, ...article.bodyImages])] : lead;
}

/** The files copied into the output, by site path. */
function filesByPath(listing: ContentListing): Map<string, ContentFile> {
  return new Map(copiedFiles(listing).map((f) => [`/${f.path}`, f]));
}
