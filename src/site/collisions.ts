import type { Article } from '../content/article.js';
import type { ContentFile } from '../content/read.js';
import { error, type ClaimLabel, type Problem } from '../errors.js';
import { aliasTarget } from './alias-target.js';
import { archiveUrls, type Archive } from './archive.js';
import { outputFile, RESERVED_FILES, RESERVED_FOLDERS } from './paths.js';

// Output paths are compared without regard to case: on macOS and Windows `Index.html` and
// `index.html` are one file, and `Foto/` and `foto/` one folder, so a site built or served
// there would lose a page or break a URL.

/** Who wants to write an output file: a label for messages, the path as spelled and, where there is one, a source file. */
interface Claim {
  label: ClaimLabel;
  output: string;
  file?: string;
}

/** An article (published or waiting) claims its page as itself, labelled only for a message. */
type Claimant = Article | Claim;

/** Every output file's claimants, by its lower-cased path: one as itself (nearly every file has one), several as a list. */
type Claims = Map<string, Claimant | Claimant[]>;

function claimOf(by: Claimant): Claim {
  return 'label' in by
    ? by
    : { label: { kind: 'article', file: by.file, url: by.url }, output: outputFile(by.url), file: by.file };
}

/** The claimants of an output file, as a list. */
function claimsOn(claims: Claims, key: string): Claim[] {
  const by = claims.get(key);
  return by === undefined ? [] : Array.isArray(by) ? by.map(claimOf) : [claimOf(by)];
}

/** The feeds each category page has beside it. */
const CATEGORY_FEEDS = ['feed.xml', 'atom.xml'];

/** What of the site model claims output paths (the model's own type lives in assemble.ts, which calls this). */
export interface ClaimedSite {
  articles: readonly Article[];
  withdrawn: readonly Article[];
  pages: readonly Article[];
  aliases: readonly { article: number; path: string }[];
  categories: readonly { slug: string; name: string; url: string; pages: readonly { url: string }[] }[];
  archive: Archive;
}

/**
 * Every output file claimed twice, by articles (published or waiting) and static pages, aliases,
 * categories, archives or static files, also where the paths differ only in case; every name that is a file for one
 * claim and a folder for another; every folder spelled two ways.
 */
export function findCollisions(
  live: readonly Article[],
  site: ClaimedSite,
  staticFiles: readonly ContentFile[],
): Problem[] {
  const claims: Claims = new Map();
  // Claims on a path with capitals: few (article URLs are lower case), and only they can spell a folder two ways.
  const capitals: Claim[] = [];
  const claim = (output: string, by: Claimant) => {
    const key = output.toLowerCase();
    const known = claims.get(key);
    if (known === undefined) claims.set(key, by);
    else if (Array.isArray(known)) known.push(by);
    else claims.set(key, [known, by]);
    if (key !== output) capitals.push(claimOf(by));
  };
  for (const a of live) claim(outputFile(a.url), a);
  for (const alias of site.aliases) {
    const { file } = aliasTarget(site, alias);
    const output = outputFile(alias.path);
    claim(output, { label: { kind: 'alias', file, url: alias.path }, output, file });
  }
  for (const c of site.categories) {
    const label = (url: string): ClaimLabel => ({ kind: 'category', name: c.name, url });
    for (const p of c.pages) claim(outputFile(p.url), { label: label(p.url), output: outputFile(p.url) });
    for (const feed of CATEGORY_FEEDS)
      claim(`${c.slug}/${feed}`, { label: label(`${c.url}${feed}`), output: `${c.slug}/${feed}` });
  }
  for (const { url, label } of archiveUrls(site.archive)) claim(outputFile(url), { label, output: outputFile(url) });
  for (const s of staticFiles) claim(s.path, { label: { kind: 'static', file: s.file }, output: s.path, file: s.file });
  for (const output of RESERVED_FILES) claim(output, { label: { kind: 'reserved', url: `/${output}` }, output });
  for (const key of claims.keys()) {
    const folder = RESERVED_FOLDERS.find((f) => key.startsWith(f));
    if (folder === undefined) continue;
    // Claimed as spelled by what it collides with, so the message names one path.
    const { output } = claimsOn(claims, key)[0]!;
    claims.set(key, [...claimsOn(claims, key), { label: { kind: 'reserved', url: `/${folder}` }, output }]);
  }
  const problems: Problem[] = [];
  for (const by of claims.values()) if (Array.isArray(by)) problems.push(collision(by.map(claimOf)));
  return problems.concat(folderClashes(claims), folderCases(claims, capitals));
}

/** A file claimed where another claim needs a folder of that name (`politik` beside `politik/index.html`), whatever the case. */
function folderClashes(claims: Claims): Problem[] {
  const problems: Problem[] = [];
  const reported = new Set<string>();
  for (const output of claims.keys()) {
    for (let slash = output.indexOf('/'); slash !== -1; slash = output.indexOf('/', slash + 1)) {
      const folder = output.slice(0, slash);
      if (!claims.has(folder) || reported.has(folder)) continue;
      reported.add(folder);
      const [file, by] = [claimsOn(claims, folder), claimsOn(claims, output)];
      problems.push(
        error({
          code: 'url-collision',
          file: [...file, ...by].find((b) => b.file)?.file,
          params: {
            kind: 'file-folder',
            path: file[0]!.output,
            writers: file.map((b) => b.label),
            needers: by.map((b) => b.label),
          },
        }),
      );
    }
  }
  return problems;
}

/** Every folder written under two spellings (`Foto/a.jpg`, `foto/b.jpg`): one folder where case is ignored, two elsewhere. */
function folderCases(claims: Claims, capitals: readonly Claim[]): Problem[] {
  // Who writes into each spelling of a folder some path spells with capitals, by the folder's lower-cased path.
  const spellings = new Map<string, Map<string, Claim>>();
  for (const c of capitals) {
    for (const folder of foldersOf(c.output))
      if (folder !== folder.toLowerCase()) spellings.set(folder.toLowerCase(), new Map());
  }
  if (!spellings.size) return [];
  const note = (folder: string, by: Claim) => {
    const spelled = spellings.get(folder.toLowerCase());
    if (spelled && !spelled.has(folder)) spelled.set(folder, by);
  };
  for (const c of capitals) for (const folder of foldersOf(c.output)) note(folder, c);
  for (const key of claims.keys()) {
    for (const folder of foldersOf(key)) {
      const spelled = spellings.get(folder);
      if (!spelled || spelled.has(folder)) continue;
      const lower = claimsOn(claims, key).find((c) => c.output === key);
      if (lower) spelled.set(folder, lower);
    }
  }
  const problems: Problem[] = [];
  for (const spelled of spellings.values()) {
    const uses = [...spelled].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    // Two spellings of one file's folder (`Dua/index.html`, `dua/index.html`) are that file's collision.
    if (uses.length < 2 || new Set(uses.map(([, by]) => by.output.toLowerCase())).size === 1) continue;
    problems.push(
      error({
        code: 'url-collision',
        file: uses.find(([, by]) => by.file)?.[1].file,
        // Folders joined by line breaks, which no path holds: the message tables split them again.
        params: {
          kind: 'case',
          folders: uses.map(([folder]) => folder).join('\n'),
          labels: uses.map(([, by]) => by.label),
        },
      }),
    );
  }
  return problems;
}

/** The folders a path goes into: `a/b/c.html` → `a`, `a/b`. */
function foldersOf(path: string): string[] {
  const folders: string[] = [];
  for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1))
    folders.push(path.slice(0, slash));
  return folders;
}

/** One error naming every claimant of the same output file, or of files whose paths differ only in case. */
function collision(by: Claim[]): Problem {
  const spellings = [...new Set(by.map((b) => `/${b.output}`))];
  return error({
    code: 'url-collision',
    file: by.find((b) => b.file)?.file,
    params: { kind: 'same', count: by.length, paths: spellings.join('\n'), by: by.map((b) => b.label) },
  });
}
