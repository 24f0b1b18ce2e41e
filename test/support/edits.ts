import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { photoBytes, writeArchive } from './generate.js';
import type { BuildOptions, BuildResult } from '../../src/build/build.js';
import { DEFAULT_TEMPLATES } from '../../src/render/templates.js';
import { listFiles, TEST_CONFIG } from './fixtures.js';

// Edits an editor (or the clock) makes to a generated archive, for the tests that an incremental build equals a clean one.
const START = Date.UTC(2025, 11, 1);
const DAY = 86_400_000;

/** A generated archive in a temp folder, with the state an edit sequence needs. */
export interface Sandbox {
  root: string;
  content: string;
  templates: string;
  /** The static folder, published at the output's root. */
  static: string;
  /** The archive's own photo (the generator makes one: see LOCAL_PHOTO_EVERY). */
  photo: string;
  now: number;
}

/** One edit an editor (or the clock) can make. */
export type Edit =
  | {
      kind:
        | 'body'
        | 'title'
        | 'byline'
        | 'category'
        | 'date'
        | 'tags'
        | 'withdraw'
        | 'correct'
        | 'rename'
        | 'delete'
        | 'touch';
      pick: number;
      value: number;
    }
  | { kind: 'add'; value: number }
  // A static page (`content/halaman/`) written or removed.
  | { kind: 'page'; value: number }
  | { kind: 'template'; value: number }
  | { kind: 'clock'; value: number }
  // A file of the static folder written or removed; an editor's backup beside the articles written or removed.
  | { kind: 'static'; value: number }
  | { kind: 'backup'; value: number }
  // The archive's own photo given other bytes, or removed (its article then shows a missing image).
  | { kind: 'photo'; value: number };

export const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constantFrom(
      'body',
      'title',
      'byline',
      'category',
      'date',
      'tags',
      'withdraw',
      'correct',
      'rename',
      'delete',
      'touch',
    ),
    pick: fc.nat(),
    value: fc.nat(1000),
  }),
  fc.record({ kind: fc.constant('add'), value: fc.nat(1000) }),
  fc.record({ kind: fc.constant('page'), value: fc.nat(1000) }),
  fc.record({ kind: fc.constant('template'), value: fc.nat(2) }),
  fc.record({ kind: fc.constant('clock'), value: fc.nat(400) }),
  fc.record({ kind: fc.constantFrom('static', 'backup', 'photo'), value: fc.nat(1000) }),
) as fc.Arbitrary<Edit>;

export async function sandbox(articles = 40): Promise<Sandbox> {
  const root = await mkdtemp(join(tmpdir(), 'warta-incremental-'));
  const content = join(root, 'content');
  await writeArchive(content, { articles, seed: 7 });
  await mkdir(join(root, 'templates'));
  await mkdir(join(root, 'static', '.well-known'), { recursive: true });
  await writeFile(join(root, 'static', 'CNAME'), 'warta.example\n');
  const photo = join(
    content,
    (await listFiles(content)).find((f) => f.endsWith('.jpg'))!,
  );
  return { root, content, templates: join(root, 'templates'), static: join(root, 'static'), photo, now: START };
}

/** A build of the sandbox; `search`: with the search index (`warta dev` makes none: see search.test.ts). */
export function options(box: Sandbox, out: string, cache: BuildOptions['cache'], search = false): BuildOptions {
  return {
    content: box.content,
    out: join(box.root, out),
    templates: box.templates,
    static: box.static,
    config: { ...TEST_CONFIG, pageSize: 4, homeSize: 6, search },
    clock: { now: box.now, future: false },
    jobs: 1,
    cache,
  };
}

/** Applies one edit to the files of the sandbox; returns the paths it touched, as a watcher would report them. */
export async function apply(box: Sandbox, e: Edit): Promise<string[]> {
  const files = (await listFiles(box.content)).filter((f) => f.endsWith('.md'));
  if (e.kind === 'clock') return (void (box.now += e.value * DAY), []);
  if (e.kind === 'template') return (await template(box, e.value), [join(box.templates, 'article.njk')]);
  if (e.kind === 'static' || e.kind === 'backup') return [await toggle(box, e)];
  if (e.kind === 'photo') return [await photo(box, e.value)];
  const added = join(box.content, `tambahan-${e.value}.md`);
  if (e.kind === 'add') return (await writeFile(added, article(`Berita Tambahan ${e.value}`, e.value)), [added]);
  if (e.kind === 'page') return [await staticPage(box, e.value)];
  if (!files.length) return [];
  const file = join(box.content, files[e.pick % files.length]!);
  const renamed = join(dirname(file), `ganti-${e.value}.md`);
  await change(file, renamed, e);
  return e.kind === 'rename' ? [file, renamed] : [file];
}

/** Writes one of a few files of the static folder, or a backup beside the articles; removes it when it is there and the value says so. */
async function toggle(box: Sandbox, e: Extract<Edit, { kind: 'static' | 'backup' }>): Promise<string> {
  const file =
    e.kind === 'static'
      ? join(box.static, ['CNAME', 'google1234.html', '.well-known/security.txt'][e.value % 3]!)
      : join(box.content, `catatan-${e.value % 2}.md~`);
  if (existsSync(file) && e.value % 4 === 0) await rm(file);
  else await writeFile(file, `isi ${e.value}\n`);
  return file;
}

/** Gives the archive's photo other bytes, or removes it when it is there and the value says so. */
async function photo(box: Sandbox, value: number): Promise<string> {
  const file = box.photo;
  if (existsSync(file) && value % 4 === 0) await rm(file);
  else await writeFile(file, await photoBytes(value));
  return file;
}

export async function change(file: string, renamed: string, e: Edit): Promise<void> {
  const text = await readFile(file, 'utf8');
  const set = (field: string, value: string) =>
    writeFile(file, text.replace(new RegExp(`^${field}:.*$`, 'm'), `${field}: ${value}`));
  switch (e.kind) {
    case 'body':
      return writeFile(file, `${text}\nParagraf tambahan nomor ${e.value} tentang Jakarta.\n`);
    case 'title':
      return set('title', `Judul Baru ${e.value}`);
    // Changes how the article is listed, not its terms: the lists that show it change, its related stories do not.
    case 'byline':
      return set('byline', `Penulis ${e.value}`);
    case 'category':
      return set('category', ['Nasional', 'Ekonomi', 'Sains', 'Budaya'][e.value % 4]!);
    case 'date':
      return set('date', `"${new Date(START + (e.value - 500) * DAY).toISOString().slice(0, 10)} 10:00:00"`);
    case 'tags':
      return set('tags', `[Topik${e.value % 5}, Jakarta]`);
    // Withdraws the story, or brings it back: it leaves every list, or comes back to them.
    case 'withdraw':
      return writeFile(
        file,
        WITHDRAWN.test(text)
          ? text.replace(WITHDRAWN, '')
          : text.replace('---\n', `---\nwithdrawn:\n  at: 2026-06-01 10:00\n  reason: Dicabut ${e.value}.\n`),
      );
    // A new or changed correction: the article's modified time and its page change.
    case 'correct':
      return writeFile(
        file,
        text
          .replace(CORRECTED, '')
          .replace(
            '---\n',
            `---\ncorrections:\n  - at: 2026-0${1 + (e.value % 5)}-01 10:00\n    text: Ralat ${e.value}.\n`,
          ),
      );
    case 'rename':
      return rename(file, renamed);
    case 'delete':
      return rm(file);
    case 'touch':
      return writeFile(file, text);
  }
}

const WITHDRAWN = /^withdrawn:\n {2}at: .*\n {2}reason: .*\n/m;
const CORRECTED = /^corrections:\n {2}- at: .*\n {4}text: .*\n/m;

export function article(title: string, n: number): string {
  const date = new Date(START - (n % 300) * DAY).toISOString().slice(0, 10);
  return `---\ntitle: ${title}\nbyline: AP Wira\ncategory: Nasional\ndate: ${date} 08:00:00\ntags: [Jakarta]\n---\nIsi berita ${n} tentang Jakarta dan banjir.\n`;
}

/** Writes one of three static pages (`content/halaman/`), with a title and body of its own, or removes it. */
async function staticPage(box: Sandbox, n: number): Promise<string> {
  const file = join(box.content, 'halaman', `halaman-${n % 3}.md`);
  await mkdir(dirname(file), { recursive: true });
  if (n % 4 === 0) await rm(file, { force: true });
  else await writeFile(file, `---\ntitle: Halaman ${n}\n---\nIsi halaman ${n}.\n`);
  return file;
}

/** 0: no override; 1 and 2: an article.njk override with different text. */
export async function template(box: Sandbox, variant: number): Promise<void> {
  const target = join(box.templates, 'article.njk');
  if (variant === 0) return rm(target, { force: true });
  const source = await readFile(join(DEFAULT_TEMPLATES, 'article.njk'), 'utf8');
  // Inside a block: what a child template says outside its blocks is never rendered.
  await writeFile(target, `${source}\n{% block footer %}{{ super() }}<!-- varian ${variant} -->{% endblock %}\n`);
}

export async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = await listFiles(dir);
  return new Map(
    await Promise.all(files.map(async (f) => [f, (await readFile(join(dir, f))).toString('base64')] as const)),
  );
}

export async function mtimes(dir: string): Promise<Map<string, number>> {
  const files = await listFiles(dir);
  return new Map(await Promise.all(files.map(async (f) => [f, (await stat(join(dir, f))).mtimeMs] as const)));
}

/** What a build reports besides its output: an incremental build must report what a clean one does. */
export function summary(r: BuildResult): string {
  return JSON.stringify([r.ok, r.problems, r.published, r.heldBack, r.drafts, r.nextDue, r.ok ? r.files : 0]);
}
