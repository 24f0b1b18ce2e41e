import type { Article } from '../content/article.js';
import { imagePath } from '../content/images.js';
import { error, quote, type Problem } from '../errors.js';
import { imageAttrs, type ImageAttrs, type ImageFacts, type PageImages } from './images.js';

/**
 * The site's images as one page (an article or a static page) shows them while its body is
 * rendered: each body image's attributes, its lead photo's facts, and the errors for the
 * images the site does not have, each at its line in the file.
 */
export class ShownImages {
  private readonly missingInBody: Problem[] = [];

  constructor(
    private readonly page: Article,
    private readonly images: PageImages = {},
  ) {}

  /** A body image's attributes, by its `src` and its line in the body (0-based); undefined for one that gets none. */
  readonly image = (src: string, line: number): ImageAttrs | undefined => {
    const path = imagePath(src, this.page.url);
    const facts = path === undefined ? undefined : this.known(path);
    if (facts === null) this.missingInBody.push(missingImage(this.page, path!, this.page.bodyLine + line));
    return facts ? imageAttrs(path!, facts) : undefined;
  };

  /** What is known of the lead photo (see `PageImages`); undefined when the page has none of the site. */
  get lead(): ImageFacts | false | null | undefined {
    return this.page.image === undefined ? undefined : this.known(this.page.image);
  }

  /** The errors for the images the site does not have: the lead photo's, then the body's in the order met. */
  missing(): Problem[] {
    const { image, imageLine } = this.page;
    const lead = this.lead === null ? [missingImage(this.page, image!, imageLine, 'image')] : [];
    return [...lead, ...this.missingInBody];
  }

  private known(path: string): ImageFacts | false | null | undefined {
    return Object.hasOwn(this.images, path) ? this.images[path] : undefined;
  }
}

/** The error for a local image the site does not have: the lead photo's field, or a body image's line. */
function missingImage(page: Article, path: string, line: number | undefined, field?: string): Problem {
  return error({
    code: 'image-missing',
    file: page.file,
    line,
    ...(field && { field }),
    params: { path: quote(path) },
  });
}
