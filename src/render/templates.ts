import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { error, type Problem } from '../errors.js';

/** The default theme shipped with warta. */
export const DEFAULT_TEMPLATES = fileURLToPath(new URL('../../../templates/', import.meta.url));

/** Renders named templates; a template error comes back as a problem, never thrown. */
export interface Theme {
  /** Renders a template with a context, or reports why it failed. */
  render(name: string, context: object): { html: string } | { problem: Problem };
  /** Folders searched for templates, the site's own first. */
  folders: string[];
  /** Size and modification time of every file in the folders: the theme holds while it is the same. */
  stamp: string;
}

/** What `splitNamesOnce` reaches of nunjucks' scopes (its types leave them out). */
interface Frame {
  variables: Record<string, unknown>;
  resolve(name: string, forWrite: boolean): Frame | undefined;
  set(name: string, value: unknown, resolveUp?: boolean): void;
}

/**
 * nunjucks' `Frame.set` splits the name of every variable it sets on `.` (for `loop.index`
 * and the like): an array each time, and a loop sets eight variables an item, a macro call
 * one an argument. Those splits were a quarter of an article page's template time. This is
 * the same method with each name split once; the names are the templates' own, a few.
 */
function splitNamesOnce(frame: Frame): void {
  const paths = new Map<string, string[]>();
  frame.set = function set(this: Frame, name, value, resolveUp) {
    let path = paths.get(name);
    if (path === undefined) paths.set(name, (path = name.split('.')));
    if (resolveUp) {
      const found = this.resolve(path[0]!, true);
      if (found) {
        found.set(name, value);
        return;
      }
    }
    let scope = this.variables;
    for (let i = 0; i < path.length - 1; i++) {
      const id = path[i]!;
      if (!scope[id]) scope[id] = {};
      scope = scope[id] as Record<string, unknown>;
    }
    scope[path[path.length - 1]!] = value;
  };
}

splitNamesOnce((nunjucks.runtime as unknown as { Frame: { prototype: Frame } }).Frame.prototype);

/**
 * Loads the theme: the site's template folder (if any) overrides the default theme
 * file by file. Autoescape is on, so every value is HTML-escaped unless marked safe.
 */
export function loadTheme(siteTemplates: string | undefined, last?: Theme): Theme {
  const folders = [
    ...new Set(
      [siteTemplates, DEFAULT_TEMPLATES].filter((f): f is string => !!f && existsSync(f)).map((f) => resolve(f)),
    ),
  ];
  // Compiled templates are kept for as long as no file of the theme changed (`warta dev` builds again and again).
  const stamp = folderStamp(folders);
  if (last?.stamp === stamp) return last;
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(folders, { noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  env.addExtension('cached', new CachedFragments());
  return {
    folders,
    stamp,
    render(name, context) {
      try {
        return { html: env.render(name, context) };
      } catch (e) {
        return { problem: templateProblem(name, e as Error) };
      }
    },
  };
}

/**
 * The `{% cached key, … %}…{% endcached %}` tag: the fragment is rendered once per key (its
 * arguments, as text) and per `site` object, which each build makes anew, then repeated. For
 * what many pages share, like the navigation every page shows (a third of an article page's
 * template time at 12 categories); the key must name everything the fragment depends on
 * besides `site`.
 */
class CachedFragments implements nunjucks.Extension {
  readonly tags = ['cached'];
  /** The `site` the fragments were rendered with: a build's pages all share one, and the next build's is another. */
  private site?: object;
  private fragments = new Map<string, string>();

  // The parser's API is nunjucks' own (see its custom tags documentation), untyped.
  parse(parser: any, nodes: any): unknown {
    const tag = parser.nextToken();
    const args = parser.parseSignature(null, true);
    parser.advanceAfterBlockEnd(tag.value);
    const body = parser.parseUntilBlocks('endcached');
    parser.advanceAfterBlockEnd();
    return new nodes.CallExtension(this, 'run', args, [body]);
  }

  run(context: { lookup(name: string): unknown }, ...args: unknown[]): nunjucks.runtime.SafeString {
    const body = args.pop() as () => string;
    const site = context.lookup('site');
    if (typeof site !== 'object' || site === null) return new nunjucks.runtime.SafeString(body());
    if (site !== this.site) [this.site, this.fragments] = [site, new Map()];
    const { fragments } = this;
    const key = args.map(String).join('\u0000');
    let html = fragments.get(key);
    if (html === undefined) fragments.set(key, (html = body()));
    return new nunjucks.runtime.SafeString(html);
  }
}

/** Every file under the folders with its size and modification time. */
function folderStamp(folders: readonly string[]): string {
  const lines = folders.flatMap((folder) =>
    readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => {
        const abs = resolve(e.parentPath, e.name);
        const info = statSync(abs);
        return `${abs} ${info.size} ${info.mtimeMs}`;
      }),
  );
  return lines.sort().join('\n');
}

/** nunjucks puts the template's path, line and column only in its message: read them back out. */
export function templateProblem(name: string, e: Error): Problem {
  const match = /^\(([^)]*)\)(?: \[Line (\d+), Column (\d+)\])?\s*([^]*)$/.exec(e.message);
  const file = match?.[1] && match[1] !== 'unknown path' ? relative(process.cwd(), match[1]) : name;
  return error({
    code: 'template',
    file,
    // nunjucks counts lines and columns from 0.
    line: match?.[2] ? Number(match[2]) + 1 : undefined,
    column: match?.[3] ? Number(match[3]) + 1 : undefined,
    params: { detail: (match?.[4] ?? e.message).replace(/\s+/g, ' ').trim() },
  });
}

/** The theme's static files (each folder's `static/`), the site's own overriding the default's, as output paths under `assets/`. */
export async function themeAssets(theme: Theme): Promise<{ path: string; abs: string; stamp: string }[]> {
  const { readdir, stat } = await import('node:fs/promises');
  const found = new Map<string, string>();
  for (const folder of [...theme.folders].reverse()) {
    const root = resolve(folder, 'static');
    if (!existsSync(root)) continue;
    for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || entry.name.startsWith('.')) continue;
      const abs = resolve(entry.parentPath, entry.name);
      found.set(`assets/${relative(root, abs).split('\\').join('/')}`, abs);
    }
  }
  const sorted = [...found].sort(([a], [b]) => (a < b ? -1 : 1));
  return Promise.all(
    sorted.map(async ([path, abs]) => {
      const info = await stat(abs);
      return { path, abs, stamp: `${info.size}:${info.mtimeMs}` };
    }),
  );
}

const TEMPLATE_REFERENCE = /\{%-?\s*(?:extends|include|import|from)\s+["']([^"']+)["']/g;

/**
 * A digest per template name covering the template and every template it extends,
 * includes or imports, as the loader would find them. A page is re-rendered when its
 * template's digest changes, so editing `article.njk` leaves category pages alone.
 */
export function templateDigests(theme: Theme, digest: (...parts: string[]) => string): (name: string) => string {
  const memo = new Map<string, string>();
  const sourceOf = (name: string): string => {
    for (const folder of theme.folders) {
      const file = resolve(folder, name);
      if (file.startsWith(folder) && existsSync(file)) return readFileSync(file, 'utf8');
    }
    return '';
  };
  const closure = (name: string, seen: Set<string>): string => {
    if (seen.has(name)) return '';
    seen.add(name);
    const source = sourceOf(name);
    const references = [...source.matchAll(TEMPLATE_REFERENCE)].map((m) => m[1]!).sort();
    return digest(name, source, ...references.map((r) => closure(r, seen)));
  };
  return (name) => {
    let value = memo.get(name);
    if (value === undefined) memo.set(name, (value = closure(name, new Set())));
    return value;
  };
}
