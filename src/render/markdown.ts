import MarkdownIt from 'markdown-it';
import { elementLine, newlines, RawImages, type ImageAttrsOf, type RawFragment } from './raw-images.js';
import { readRaw, sanitize, type BodyPolicy, type Dropped, type RawFindings } from './sanitize.js';

/** A body rendered to HTML, with what the raw-HTML policy dropped and where. */
export interface RenderedBody {
  /** Safe HTML. */
  html: string;
  /** Dropped raw HTML: the line in the body (0-based) and a description. */
  dropped: { line: number; what: Dropped }[];
  /** Markdown links (`[text](href)`, reference links, autolinks): the line in the body (0-based) and the href as written, before any rewrite. */
  links: { line: number; href: string }[];
  /**
   * Set when the raw HTML nests elements deeper than `MAX_HTML_DEPTH`: all raw HTML of the
   * body is then shown as text. The line in the body (0-based) of the raw HTML found too
   * deep, or of the first raw HTML when only the whole body is.
   */
  tooDeep?: { line: number };
}

/**
 * Per-body options: `rewrite` may replace a link's href (e.g. a `.md` file by its article's
 * URL); `image` gives attributes for an image (its `src` as Markdown normalised it, or as raw
 * HTML's `<img>` wrote it, and its line in the body, 0-based), such as its size: asked once per
 * image and line.
 */
export interface BodyOptions {
  rewrite?: (href: string) => string | undefined;
  image?: ImageAttrsOf;
}

/** Renders article bodies: CommonMark with tables, strikethrough and autolinked URLs. */
export type BodyRenderer = (markdown: string, options?: BodyOptions) => RenderedBody;

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

/** Makes a body renderer applying the given raw-HTML policy. */
export function createBodyRenderer(policy: BodyPolicy): BodyRenderer {
  const md = markdownIt(true);
  let escaping: MarkdownIt | undefined;
  /** The body with its raw HTML escaped as text like any other, for raw HTML found too deep at `line`. */
  const asText = (markdown: string, options: BodyOptions, line: number): RenderedBody => {
    const text = (escaping ??= markdownIt(false));
    const tokens = text.parse(markdown, {});
    const { links } = scan(tokens, options);
    return { html: text.renderer.render(tokens, text.options, {}), dropped: [], links, tooDeep: { line } };
  };
  return (markdown, given = {}) => {
    // A body shown as text after all is scanned again: its images are asked for once each.
    const options = given.image ? { ...given, image: once(given.image) } : given;
    const tokens = md.parse(markdown, {});
    const { raw, links } = scan(tokens, options);
    const html = md.renderer.render(tokens, md.options, {});
    if (raw.length === 0) return { html, dropped: [], links };
    // Markdown-it escapes all text itself; only bodies with raw HTML need the (slower) sanitiser.
    const dropped: RenderedBody['dropped'] = [];
    // Bodies repeat fragments (`<br>`, `</div>`), and each check costs a sanitiser run: one per distinct fragment.
    const checked = new Map<string, RawFindings | undefined>();
    const found: [RawFragment, RawFindings][] = [];
    for (const fragment of raw) {
      if (!checked.has(fragment.html)) checked.set(fragment.html, readRaw(fragment.html, policy));
      const findings = checked.get(fragment.html);
      if (findings === undefined) return asText(markdown, options, fragment.line);
      for (const { what, at } of findings.dropped)
        dropped.push({ line: elementLine(fragment, at, findings.opened.get(at.tag)!), what });
      found.push([fragment, findings]);
    }
    const images = new RawImages(options.image);
    for (const [fragment, findings] of found) images.add(fragment, findings.images);
    const safe = sanitize(html, policy, images.fill);
    return safe === undefined ? asText(markdown, options, raw[0]!.line) : { html: safe, dropped, links };
  };
}

/** markdown-it as bodies use it, passing raw HTML through (`html`) or escaping it. */
function markdownIt(html: boolean): MarkdownIt {
  const md = new MarkdownIt('default', { html, linkify: true, typographer: false });
  // Only URLs with a scheme, and e-mail addresses, become links (as markdown-it 15 does): a site named in a sentence (`kompas.com`, `www.kompas.com`) stays text.
  md.linkify.set({ fuzzyLink: false });
  skipLinklessBlocks(md.linkify);
  return md;
}

/**
 * Without fuzzy links, only a scheme (`https:`, `mailto:`, `//`) or an e-mail address (`@`)
 * can become a link, so a block holding none of `:`, `@` and `//` cannot: a quick search for
 * them spares most paragraphs linkify's own pretest, a large Unicode regex (about a quarter of
 * the time a body takes to render).
 */
function skipLinklessBlocks(linkify: MarkdownIt['linkify']): void {
  const pretest = linkify.pretest.bind(linkify);
  linkify.pretest = (text) => (text.includes(':') || text.includes('@') || text.includes('//')) && pretest(text);
}

/**
 * Raw HTML fragments and links of a token stream, with the body line each starts on; images
 * given their attributes, and loaded lazily (every body image is below the lead photo). Inline
 * tokens in table cells carry no line of their own: the row's (the last block with one) is used.
 */
function scan(tokens: Token[], { rewrite, image }: BodyOptions): { raw: RawFragment[]; links: RenderedBody['links'] } {
  const raw: RawFragment[] = [];
  const links: RenderedBody['links'] = [];
  let blockLine = 0;
  for (const token of tokens) {
    if (token.map) blockLine = token.map[0];
    if (token.type === 'html_block') raw.push({ line: blockLine, html: token.content, starts: [[0, blockLine]] });
    if (token.type !== 'inline' || !token.children) continue;
    let inline = '';
    const starts: RawFragment['starts'] = [];
    let line = blockLine;
    for (const child of token.children) {
      if (child.type === 'softbreak' || child.type === 'hardbreak') line++;
      else if (child.type === 'html_inline') {
        starts.push([inline.length, line]);
        inline += child.content;
        line += newlines(child.content);
      } else if (child.type === 'link_open') {
        const attr = child.attrGet('href');
        if (attr === null) continue;
        const href = String(attr);
        links.push({ line, href });
        const to = rewrite?.(href);
        if (to !== undefined) child.attrSet('href', to);
      } else if (child.type === 'image') {
        const attrs = image?.(String(child.attrGet('src') ?? ''), line) ?? {};
        for (const [name, value] of Object.entries({ ...attrs, loading: 'lazy', decoding: 'async' }))
          child.attrSet(name, value);
      }
    }
    if (inline) raw.push({ line: blockLine, html: inline, starts });
  }
  return { raw, links };
}

/** An image's attributes asked for once per `src` and line. */
function once(image: ImageAttrsOf): ImageAttrsOf {
  const asked = new Map<string, ReturnType<ImageAttrsOf>>();
  return (src, line) => {
    const key = `${line}\n${src}`;
    if (!asked.has(key)) asked.set(key, image(src, line));
    return asked.get(key);
  };
}
