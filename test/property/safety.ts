import { bodyPolicy } from '../../src/render/sanitize.js';

/**
 * Checks for built pages, shared by the property tests and the hostile fixture's tests: an
 * HTML scanner strict enough to notice any markup that did not come from the theme or pass the
 * sanitiser. Output text escapes every `<`, so every raw `<` must open a known tag.
 */

/** Tags the default theme writes. */
const THEME_TAGS = [
  'html',
  'head',
  'meta',
  'title',
  'link',
  'body',
  'a',
  'header',
  'p',
  'div',
  'nav',
  'ul',
  'li',
  'main',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'article',
  'time',
  'figure',
  'img',
  'figcaption',
  'span',
  'section',
  'ol',
  'script',
  // The search page's form, its results' template and its note without JavaScript.
  'form',
  'label',
  'input',
  'button',
  'select',
  'option',
  'noscript',
  'template',
  'code',
];
/** The one script file the theme loads: the search page's. */
const THEME_SCRIPT = '/assets/cari.js';
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'poster',
  'action',
  'formaction',
  'srcset',
  'cite',
  'background',
  'data',
]);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/y;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Decodes the character references an HTML serialiser writes. */
export function unescapeHtml(text: string): string {
  return text.replace(
    /&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos|#39));/gi,
    (_, dec: string, hex: string, name: string) => {
      if (dec) return String.fromCodePoint(Number(dec));
      if (hex) return String.fromCodePoint(parseInt(hex, 16));
      return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" }[name.toLowerCase()]!;
    },
  );
}

/** Every way a page could run script or show markup nobody allowed; empty when the page is safe. */
export function unsafeHtml(html: string, iframeHosts: readonly string[]): string[] {
  const allowed = new Set([...THEME_TAGS, ...(bodyPolicy(iframeHosts).options.allowedTags as string[])]);
  const found: string[] = [];
  let from = 0;
  for (let i = html.indexOf('<'); i !== -1; i = html.indexOf('<', from)) {
    from = i + 1;
    if (html.startsWith('<!doctype html>', i)) continue;
    TAG.lastIndex = i;
    const tag = TAG.exec(html);
    if (!tag) {
      found.push(`raw "<" at ${i}: ${JSON.stringify(html.slice(i, i + 60))}`);
      continue;
    }
    from = TAG.lastIndex;
    const [, closing, rawName, attributeText] = tag;
    const name = rawName!.toLowerCase();
    if (!allowed.has(name)) found.push(`<${closing}${name}> is not a tag the theme or the sanitiser allows`);
    if (closing) continue;
    const attributes = new Map<string, string>();
    for (const m of attributeText!.matchAll(ATTRIBUTE))
      attributes.set(m[1]!.toLowerCase(), unescapeHtml(m[2] ?? m[3] ?? m[4] ?? ''));
    for (const [attribute, value] of attributes) {
      if (attribute.startsWith('on')) found.push(`event handler ${attribute} on <${name}>`);
      if (attribute === 'style' && !['th', 'td'].includes(name)) found.push(`style attribute on <${name}>`);
      if (URL_ATTRIBUTES.has(attribute) && badUrl(name, value))
        found.push(`${attribute}=${JSON.stringify(value)} on <${name}>`);
    }
    if (name === 'script') {
      const type = attributes.get('type');
      const own = type === 'module' && attributes.get('src') === THEME_SCRIPT && attributes.size === 2;
      const data = attributes.size === 1 || (attributes.size === 2 && attributes.has('id'));
      if (!own && !(data && (type === 'application/ld+json' || type === 'application/json')))
        found.push(`<script> other than JSON data or the theme's own: ${tag[0]}`);
      const end = html.indexOf('</script>', from);
      if (own) {
        if (end !== from) found.push(`the theme's script holds code: ${tag[0]}`);
        from = end;
        continue;
      }
      const json = html.slice(from, end);
      if (/[<>&]/.test(json)) found.push('JSON-LD holds a raw <, > or &');
      try {
        JSON.parse(json);
      } catch {
        found.push(`JSON-LD is not JSON: ${json.slice(0, 80)}`);
      }
      from = end;
    }
    if (name === 'iframe') {
      const host = safeHost(attributes.get('src') ?? '');
      if (!host || !iframeHosts.includes(host)) found.push(`iframe from ${host ?? 'nowhere'}`);
    }
    if (
      name === 'meta' &&
      attributes.get('http-equiv')?.toLowerCase() === 'refresh' &&
      !/^0; url=\/[^\s:]*$/.test(attributes.get('content') ?? '')
    ) {
      found.push(`refresh to ${attributes.get('content')}`);
    }
  }
  return found;
}

/** URLs a browser would run or that could smuggle a document in: scripts anywhere, data: except images. */
function badUrl(tag: string, value: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value.replace(/[\u0000-\u0020]/g, ''))?.[1]?.toLowerCase();
  if (!scheme) return false;
  if (scheme === 'data') return !(['img', 'source'].includes(tag) && /^\s*data:image\//i.test(value));
  return !['http', 'https', 'mailto', 'tel'].includes(scheme);
}

function safeHost(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

/** The JSON-LD object of an article page. */
export function jsonLd(html: string): Record<string, unknown> {
  const start = html.indexOf('<script type="application/ld+json">');
  const from = html.indexOf('>', start) + 1;
  return JSON.parse(html.slice(from, html.indexOf('</script>', from))) as Record<string, unknown>;
}

/** The inner HTML of the first element whose start tag begins with `open`, e.g. `<h1 class="article__title">`. */
export function inner(html: string, open: string, close: string): string | undefined {
  const start = html.indexOf(open);
  if (start === -1) return undefined;
  const from = start + open.length;
  return html.slice(from, html.indexOf(close, from));
}

/** Decodes the entities an XML serialiser writes. */
export function unescapeXml(text: string): string {
  return text.replace(
    /&(lt|gt|amp|quot|apos);/g,
    (_, name: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[name]!,
  );
}
