/** What a page knows of the local images it shows, gathered before rendering (render/ reads no file). */

/** A raster image of the site: its size, and its smaller copies. */
export interface ImageFacts {
  /** Width in pixels, as shown (EXIF orientation applied). */
  width: number;
  height: number;
  /** Smaller copies for `srcset`, narrowest first: site path and width (none for an image narrower than every copy). */
  variants: { url: string; width: number }[];
}

/**
 * The local images a page may show, by site path: their facts; `false` for a file shown as it
 * is (SVG, GIF, or one that could not be read); `null` for a file the site does not have.
 */
export type PageImages = Readonly<Record<string, ImageFacts | false | null>>;

/** An image's size and, with smaller copies, its `srcset`: what an `<img>` needs besides `sizes`, which says how wide the page shows it. */
export type ImageSize = {
  width: string;
  height: string;
  srcset?: string;
};

/** What an `<img>` of a raster image of the site gets: its size and, with smaller copies, `srcset` and `sizes`. */
export type ImageAttrs = ImageSize & { sizes?: string };

/** How wide an image is shown at most: the article column (`--measure` in style.css). */
const SHOWN_WIDTH = '42rem';

/** The attributes that size the image at site path `path` in the article column and offer its smaller copies. */
export function imageAttrs(path: string, facts: ImageFacts): ImageAttrs {
  const size = imageSize(path, facts);
  return size.srcset ? { ...size, sizes: `(max-width: ${SHOWN_WIDTH}) 100vw, ${SHOWN_WIDTH}` } : size;
}

/** The size of the image at site path `path` and, with smaller copies, its `srcset`, the original as the widest. */
export function imageSize(path: string, facts: ImageFacts): ImageSize {
  const size: ImageSize = { width: String(facts.width), height: String(facts.height) };
  if (!facts.variants.length) return size;
  const candidates = [...facts.variants, { url: path, width: facts.width }].map(
    (v) => `${inSrcset(v.url)} ${v.width}w`,
  );
  return { ...size, srcset: candidates.join(', ') };
}

/** A site path as a `srcset` candidate's URL: percent-encoded, commas too (they separate candidates). */
function inSrcset(path: string): string {
  return encodeURI(path).replace(/,/g, '%2C');
}

/** What a page signs of an image it shows: its copies' key and its size, or what it is instead. */
export function factsSig(facts: ImageFacts | false | null | undefined): string {
  return facts ? `${facts.variants[0]?.url ?? ''} ${facts.width}x${facts.height}` : String(facts);
}
