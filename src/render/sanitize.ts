import { createRequire } from 'node:module';
import type sanitizeHtml from 'sanitize-html';

/**
 * sanitize-html, loaded when a body first holds raw HTML: most bodies hold none, and loading
 * it (with its HTML and CSS parsers) costs a fresh process about 0.1 s, a twentieth of a quick build.
 */
let loaded: typeof sanitizeHtml | undefined;
const sanitizer = () => (loaded ??= createRequire(import.meta.url)('sanitize-html') as typeof sanitizeHtml);

/**
 * The raw-HTML policy for article bodies: an allowlist. Everything not listed is dropped;
 * `script`, `style`, `object` and the like lose their content too. URLs may only be
 * http(s), mailto or tel (images also `data:`), and iframes only from configured hosts.
 */
export class BodyPolicy {
  private made?: sanitizeHtml.IOptions;

  constructor(private readonly iframeHosts: readonly string[]) {}

  /** The policy as sanitize-html's options (loading it). */
  get options(): sanitizeHtml.IOptions {
    return (this.made ??= policyOptions(sanitizer(), this.iframeHosts));
  }
}

/** The body policy allowing iframes from `iframeHosts`. */
export function bodyPolicy(iframeHosts: readonly string[]): BodyPolicy {
  return new BodyPolicy(iframeHosts);
}

function policyOptions(lib: typeof sanitizeHtml, iframeHosts: readonly string[]): sanitizeHtml.IOptions {
  return {
    allowedTags: [
      ...lib.defaults.allowedTags,
      'img',
      'picture',
      'source',
      'video',
      'audio',
      'track',
      'iframe',
      'del',
      'ins',
      'details',
      'summary',
      'center',
    ],
    allowedAttributes: {
      '*': ['id', 'class', 'title', 'lang', 'dir'],
      a: ['href', 'name', 'target', 'rel'],
      img: ['src', 'srcset', 'sizes', 'alt', 'width', 'height', 'loading', 'decoding'],
      source: ['src', 'srcset', 'type', 'media'],
      video: ['src', 'poster', 'controls', 'width', 'height', 'muted', 'loop', 'playsinline'],
      audio: ['src', 'controls'],
      track: ['src', 'kind', 'srclang', 'label'],
      iframe: ['src', 'width', 'height', 'allow', 'allowfullscreen', 'frameborder', 'loading', 'referrerpolicy'],
      th: ['style', 'colspan', 'rowspan', 'scope'],
      td: ['style', 'colspan', 'rowspan'],
      ol: ['start', 'reversed', 'type'],
      time: ['datetime'],
    },
    allowedStyles: { th: { 'text-align': [/^(left|right|center)$/] }, td: { 'text-align': [/^(left|right|center)$/] } },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['http', 'https', 'data'], source: ['http', 'https', 'data'] },
    allowedIframeHostnames: [...iframeHosts],
    allowIframeRelativeUrls: false,
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'object', 'embed', 'template', 'svg', 'math'],
    transformTags: { a: addNoopener },
    // An iframe whose source was refused would be an empty box on the page: drop it whole.
    exclusiveFilter: (frame) => frame.tag === 'iframe' && !frame.attribs.src,
  };
}

/** Links that open a new window must not hand it control of this one. */
function addNoopener(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  return attribs.target ? { tagName, attribs: { ...attribs, rel: 'noopener noreferrer' } } : { tagName, attribs };
}

/**
 * The deepest nesting of elements the sanitiser is given. Its HTML parser does work in
 * proportion to the depth for every tag it opens or closes, so HTML nested without end
 * (`<div><div>…`, never closed) would take time quadratic in its size: 17 s for 400 kB.
 */
export const MAX_HTML_DEPTH = 100;

/** Thrown from the parser's callback to stop it at once; never leaves this module. */
const TOO_DEEP = new Error('HTML nested too deep');

/**
 * Applies a policy to HTML, `img` (when given) changing the attributes of each `<img>` before
 * the policy filters them; undefined when elements nest deeper than `MAX_HTML_DEPTH`.
 */
export function sanitize(
  html: string,
  policy: BodyPolicy,
  img?: (attribs: Readonly<Record<string, string>>) => Record<string, string>,
): string | undefined {
  const { options } = policy;
  if (!img) return guarded(html, options);
  const transformTags = {
    ...options.transformTags,
    img: (tagName: string, attribs: sanitizeHtml.Attributes) => ({ tagName, attribs: img(attribs) }),
  };
  return guarded(html, { ...options, transformTags });
}

/** One thing the raw-HTML policy drops: an element, an attribute, or a URL attribute's value. */
export type Dropped =
  | { kind: 'element'; tag: string }
  | { kind: 'attribute'; tag: string; attr: string }
  | { kind: 'url'; tag: string; attr: string; value: string };

/** An `<img>` of raw HTML: its `src` as the HTML parser reads it (entities decoded; '' for none). */
export interface RawImage {
  src: string;
}

/** Which element of a fragment something is about: its tag and how many elements of that tag open before it. */
export interface RawElement {
  tag: string;
  nth: number;
}

/** What the policy would drop from a fragment of raw HTML (with the element each is about), and the images the fragment shows, in order. */
export interface RawFindings {
  dropped: { what: Dropped; at: RawElement }[];
  images: RawImage[];
  /** How many elements of each tag the parser opened. */
  opened: ReadonlyMap<string, number>;
}

/**
 * What the policy would drop from a fragment of raw HTML, and its `<img>` elements; undefined
 * when elements nest deeper than `MAX_HTML_DEPTH`.
 */
export function readRaw(html: string, { options: policy }: BodyPolicy): RawFindings | undefined {
  const dropped: RawFindings['dropped'] = [];
  const images: RawImage[] = [];
  const opened = new Map<string, number>();
  const allowedTags = new Set(policy.allowedTags || []);
  const attributes = policy.allowedAttributes || {};
  const done = guarded(html, policy, (name, attribs) => {
    const at = { tag: name, nth: opened.get(name) ?? 0 };
    opened.set(name, at.nth + 1);
    if (!allowedTags.has(name)) return void dropped.push({ what: { kind: 'element', tag: name }, at });
    if (name === 'img') images.push({ src: attribs.src ?? '' });
    const allowed = new Set([...(attributes['*'] ?? []), ...(attributes[name] ?? [])].map(String));
    for (const attr of Object.keys(attribs))
      if (!allowed.has(attr)) dropped.push({ what: { kind: 'attribute', tag: name, attr }, at });
    for (const attr of ['href', 'src'])
      if (attribs[attr] && !urlAllowed(name, attribs[attr]!, policy))
        dropped.push({ what: { kind: 'url', tag: name, attr, value: attribs[attr]! }, at });
  });
  return done === undefined ? undefined : { dropped, images, opened };
}

/**
 * Runs sanitize-html, calling `onOpenTag` for each element, and stops it as soon as more
 * than `MAX_HTML_DEPTH` elements are open at once (the parser reports every element it
 * closes, implied ones included).
 */
function guarded(
  html: string,
  options: sanitizeHtml.IOptions,
  onOpenTag?: (name: string, attribs: sanitizeHtml.Attributes) => void,
): string | undefined {
  let depth = 0;
  try {
    return sanitizer()(html, {
      ...options,
      onOpenTag: (name, attribs) => {
        if (++depth > MAX_HTML_DEPTH) throw TOO_DEEP;
        onOpenTag?.(name, attribs);
      },
      onCloseTag: () => void depth--,
    });
  } catch (e) {
    if (e === TOO_DEEP) return undefined;
    throw e;
  }
}

/** Mirrors sanitize-html's scheme and iframe-host checks, so warnings match what is dropped. */
function urlAllowed(tag: string, url: string, policy: sanitizeHtml.IOptions): boolean {
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\u0000-\u0020]/g, ''))?.[1]?.toLowerCase();
  const byTag = policy.allowedSchemesByTag;
  const schemes = (typeof byTag === 'object' ? byTag[tag] : undefined) ?? policy.allowedSchemes;
  if (scheme && !(Array.isArray(schemes) && schemes.includes(scheme))) return false;
  if (tag !== 'iframe') return true;
  try {
    return (policy.allowedIframeHostnames ?? []).includes(new URL(url, 'relative:///').hostname);
  } catch {
    return false;
  }
}
