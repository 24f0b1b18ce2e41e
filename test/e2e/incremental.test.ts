import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { photoBytes, writeArchive } from '../support/generate.js';
import { build, type BuildOptions, type BuildResult } from '../../src/build/build.js';
import { createEngine } from '../../src/build/engine.js';
import { DEFAULT_TEMPLATES } from '../../src/render/templates.js';
import { listFiles, TEST_CONFIG } from '../support/fixtures.js';

const START = Date.UTC(2025, 11, 1);
const DAY = 86_400_000;

/** A generated archive in a temp folder, with the state an edit sequence needs. */
interface Sandbox {
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
type Edit =
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

const edit: fc.Arbitrary<Edit> = fc.oneof(
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

async function sandbox(articles = 40): Promise<Sandbox> {
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

function options(box: Sandbox, out: string, cache: BuildOptions['cache']): BuildOptions {
  return {
    content: box.content,
    out: join(box.root, out),
    templates: box.templates,
    static: box.static,
    config: { ...TEST_CONFIG, pageSize: 4, homeSize: 6 },
    clock: { now: box.now, future: false },
    jobs: 1,
    cache,
  };
}

/** Applies one edit to the files of the sandbox; returns the paths it touched, as a watcher would report them. */
async function apply(box: Sandbox, e: Edit): Promise<string[]> {
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

async function change(file: string, renamed: string, e: Edit): Promise<void> {
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

function article(title: string, n: number): string {
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
async function template(box: Sandbox, variant: number): Promise<void> {
  const target = join(box.templates, 'article.njk');
  if (variant === 0) return rm(target, { force: true });
  const source = await readFile(join(DEFAULT_TEMPLATES, 'article.njk'), 'utf8');
  // Inside a block: what a child template says outside its blocks is never rendered.
  await writeFile(target, `${source}\n{% block footer %}{{ super() }}<!-- varian ${variant} -->{% endblock %}\n`);
}

async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = await listFiles(dir);
  return new Map(
    await Promise.all(files.map(async (f) => [f, (await readFile(join(dir, f))).toString('base64')] as const)),
  );
}

async function mtimes(dir: string): Promise<Map<string, number>> {
  const files = await listFiles(dir);
  return new Map(await Promise.all(files.map(async (f) => [f, (await stat(join(dir, f))).mtimeMs] as const)));
}

/** What a build reports besides its output: an incremental build must report what a clean one does. */
function summary(r: BuildResult): string {
  return JSON.stringify([r.ok, r.problems, r.published, r.heldBack, r.drafts, r.nextDue, r.ok ? r.files : 0]);
}

test('after any sequence of edits, the incremental build equals a clean build byte for byte', async () => {
  let quick = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 6 }), async (edits) => {
      const box = await sandbox();
      try {
        await build(options(box, 'inc', 'use'));
        for (const e of edits) {
          await apply(box, e);
          const incremental = await build(options(box, 'inc', 'use'));
          if (incremental.quick) quick++;
          await rm(join(box.root, 'clean'), { recursive: true, force: true });
          const clean = await build(options(box, 'clean', 'clean'));
          assert.equal(summary(incremental), summary(clean));
          if (!clean.ok) continue;
          assert.deepEqual(
            await snapshot(join(box.root, 'inc')),
            await snapshot(join(box.root, 'clean')),
            `after ${JSON.stringify(e)}`,
          );
        }
      } finally {
        await rm(box.root, { recursive: true, force: true });
      }
    }),
    { numRuns: 12, seed: 20251127 },
  );
  // Body edits and touches take the quick path (see quick.ts): the property covers it too.
  assert.ok(quick > 0, 'no build took the quick path');
});

test("warta dev's engine, told which files changed, equals a clean build byte for byte", async () => {
  const editorEdit = edit.filter((e) => e.kind !== 'clock');
  await fc.assert(
    fc.asyncProperty(fc.array(editorEdit, { minLength: 1, maxLength: 6 }), async (edits) => {
      const box = await sandbox();
      try {
        const engine = createEngine(options(box, 'dev', undefined));
        await engine.rebuild();
        for (const e of edits) {
          const changed = await apply(box, e);
          const incremental = await engine.rebuild(changed);
          await rm(join(box.root, 'clean'), { recursive: true, force: true });
          const clean = await build(options(box, 'clean', 'clean'));
          assert.equal(summary(incremental), summary(clean));
          if (clean.ok)
            assert.deepEqual(
              await snapshot(join(box.root, 'dev')),
              await snapshot(join(box.root, 'clean')),
              `after ${JSON.stringify(e)}`,
            );
        }
      } finally {
        await rm(box.root, { recursive: true, force: true });
      }
    }),
    { numRuns: 8, seed: 7 },
  );
});

test("warta dev's rehearsal (an article parsed, and its page and the home page rendered, again) writes nothing", async () => {
  const box = await sandbox();
  try {
    const memory: NonNullable<BuildOptions['memory']> = {};
    const dev = { ...options(box, 'dev', 'use'), memory };
    assert.ok((await build(dev)).ok);
    const [before, times] = [await snapshot(join(box.root, 'dev')), await mtimes(join(box.root, 'dev'))];
    const article = memory.listing!.articles()[0]!.path;
    const rehearsal = await build({ ...dev, changed: [join(box.content, article)], rehearse: [article] });
    assert.deepEqual([rehearsal.ok, rehearsal.written, rehearsal.removed], [true, 0, 0]);
    assert.deepEqual(await snapshot(join(box.root, 'dev')), before);
    assert.deepEqual(await mtimes(join(box.root, 'dev')), times);
  } finally {
    await rm(box.root, { recursive: true, force: true });
  }
});

for (const mode of ["warta dev's engine", 'a cold incremental build'] as const) {
  test(`${mode}: an edit that changes how an article is listed, not its words, reaches every page listing it among related stories`, async () => {
    const box = await sandbox();
    try {
      // A theme that shows the related stories' bylines, so a byline edit changes the pages listing it.
      const source = await readFile(join(DEFAULT_TEMPLATES, 'article.njk'), 'utf8');
      await writeFile(
        join(box.templates, 'article.njk'),
        `${source}\n{% block footer %}{{ super() }}{% for s in page.related %}<p>oleh {{ s.byline }}</p>{% endfor %}{% endblock %}\n`,
      );
      const engine = mode === "warta dev's engine" ? createEngine(options(box, 'out', undefined)) : undefined;
      const rebuild = (changed: string[]) => (engine ? engine.rebuild(changed) : build(options(box, 'out', 'use')));
      await rebuild([]);
      const files = (await listFiles(box.content)).filter((f) => f.endsWith('.md')).slice(0, 6);
      for (const [k, f] of files.entries()) {
        await change(join(box.content, f), '', { kind: 'byline', pick: 0, value: k });
        const incremental = await rebuild([join(box.content, f)]);
        await rm(join(box.root, 'clean'), { recursive: true, force: true });
        assert.ok((await build(options(box, 'clean', 'clean'))).ok && incremental.ok);
        assert.deepEqual(
          await snapshot(join(box.root, 'out')),
          await snapshot(join(box.root, 'clean')),
          `after the byline edit of ${f}`,
        );
      }
    } finally {
      await rm(box.root, { recursive: true, force: true });
    }
  });
}

test("warta dev's engine: publishing into a category page by page, each list page links to its neighbours as a clean build's do", async () => {
  const box = await sandbox();
  try {
    const engine = createEngine(options(box, 'dev', undefined));
    await engine.rebuild();
    // With four stories a page, every fourth article makes a new numbered page: from the third
    // on, the page before it then links to a new neighbour while listing the same stories.
    for (let k = 0; k < 13; k++) {
      const added = join(box.content, `halaman-${k}.md`);
      await writeFile(
        added,
        article(`Berita Halaman ${k}`, 0).replace(
          /^date: .*$/m,
          `date: 2025-11-${String(10 + k).padStart(2, '0')} 08:00:00`,
        ),
      );
      assert.ok((await engine.rebuild([added])).ok);
      await rm(join(box.root, 'clean'), { recursive: true, force: true });
      assert.ok((await build(options(box, 'clean', 'clean'))).ok);
      assert.deepEqual(
        await snapshot(join(box.root, 'dev')),
        await snapshot(join(box.root, 'clean')),
        `after adding ${added}`,
      );
    }
  } finally {
    await rm(box.root, { recursive: true, force: true });
  }
});

test("warta dev's engine on worker threads, kept between builds: edits rendered on them, and a template edit reaching them, equal a clean build", async () => {
  const box = await sandbox();
  try {
    // Enough articles for the engine to start workers, which it then keeps.
    await rm(box.content, { recursive: true });
    await writeArchive(box.content, { articles: 120, seed: 9 });
    const engine = createEngine({ ...options(box, 'dev', undefined), jobs: 2 });
    try {
      await engine.rebuild();
      const files = (await listFiles(box.content)).filter((f) => f.endsWith('.md'));
      const edits: Edit[] = [
        { kind: 'title', pick: 3, value: 1 },
        { kind: 'template', value: 1 },
        { kind: 'title', pick: 50, value: 2 },
        { kind: 'template', value: 2 },
        { kind: 'byline', pick: 90, value: 3 },
      ];
      for (const e of edits) {
        const changed = await apply(box, e);
        const result = await engine.rebuild(changed);
        await rm(join(box.root, 'clean'), { recursive: true, force: true });
        assert.ok(result.ok && (await build(options(box, 'clean', 'clean'))).ok);
        assert.deepEqual(
          await snapshot(join(box.root, 'dev')),
          await snapshot(join(box.root, 'clean')),
          `after ${JSON.stringify(e)} (${files.length} articles)`,
        );
      }
    } finally {
      await engine.close();
    }
  } finally {
    await rm(box.root, { recursive: true, force: true });
  }
});

test('a corrupt or foreign cache means a full build, never a wrong one', async () => {
  const box = await sandbox();
  try {
    await build(options(box, 'out', 'use'));
    const cacheDir = join(box.root, '.warta-cache');
    assert.ok(existsSync(cacheDir));
    const [file] = await listFiles(cacheDir);
    await writeFile(join(cacheDir, file!), 'rusak');
    await apply(box, { kind: 'title', pick: 3, value: 9 });
    const result = await build(options(box, 'out', 'use'));
    assert.ok(result.ok);
    await build(options(box, 'clean', 'clean'));
    assert.deepEqual(await snapshot(join(box.root, 'out')), await snapshot(join(box.root, 'clean')));
  } finally {
    await rm(box.root, { recursive: true, force: true });
  }
});

test('a fresh clone (every file given a new time, no byte changed) parses, renders and copies nothing; an edited file among them is parsed again', async () => {
  // 120 articles: enough for the worker threads, which read the files of a build with two jobs.
  const box = await sandbox(120);
  try {
    await mkdir(join(box.content, 'foto'));
    await writeFile(join(box.content, 'foto', 'banjir.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    const files = await listFiles(box.content);
    const touchAll = (seconds: number) => Promise.all(files.map((f) => utimes(join(box.content, f), seconds, seconds)));
    for (const jobs of [1, 2]) {
      const run = () => build({ ...options(box, `out-${jobs}`, 'use'), jobs });
      assert.ok((await run()).ok);
      await touchAll(2_000_000_000 + jobs);
      const touched = await run();
      assert.deepEqual(
        [touched.ok, touched.incremental, touched.parsed, touched.rendered, touched.written],
        [true, true, 0, 0, 0],
      );
      await touchAll(2_000_000_100 + jobs);
      const edited = files.find((f) => f.endsWith('.md'))!;
      await change(join(box.content, edited), '', { kind: 'body', pick: 0, value: jobs });
      const after = await run();
      assert.deepEqual([after.ok, after.parsed], [true, 1]);
      await rm(join(box.root, 'clean'), { recursive: true, force: true });
      assert.ok((await build(options(box, 'clean', 'clean'))).ok);
      assert.deepEqual(await snapshot(join(box.root, `out-${jobs}`)), await snapshot(join(box.root, 'clean')));
    }
  } finally {
    await rm(box.root, { recursive: true, force: true });
  }
});

test('a build from another working folder names files relative to it, also those whose warnings the cache kept', async () => {
  const box = await sandbox();
  const previous = process.cwd();
  try {
    await writeFile(
      join(box.content, 'marquee.md'),
      article('Berita Bergerak', 3).replace(/Isi berita.*\n/, '<marquee>Isi bergerak</marquee>\n'),
    );
    process.chdir(box.root);
    const first = await build(options(box, 'out', 'use'));
    assert.deepEqual(
      first.problems.map((p) => p.file),
      [join('content', 'marquee.md')],
    );
    process.chdir(box.content);
    const again = await build(options(box, 'out', 'use'));
    assert.deepEqual(
      again.problems.map((p) => p.file),
      ['marquee.md'],
    );
  } finally {
    process.chdir(previous);
    await rm(box.root, { recursive: true, force: true });
  }
});

test('publishing one new article rewrites a small, bounded set of files', async () => {
  const box = await sandbox();
  try {
    await build(options(box, 'out', 'use'));
    const text = article('Kapal Selam Berlayar di Laut Banda', 1)
      .replace(/Isi berita.*\n/, 'Kapal selam berlayar di Laut Banda.\n')
      .replace('[Jakarta]', '[Laut Banda]');
    await writeFile(join(box.content, 'kapal-selam.md'), text);
    const result = await build(options(box, 'out', 'use'));
    assert.ok(result.ok);
    assert.ok(result.incremental);
    // Nothing shares its words: the page itself, home, its category's front page, the site's and the
    // category's feeds (RSS and Atom), the sitemap, the news sitemap (it is a day old) and the index;
    // the archives of its day (new), month and year, the Indeks page (a new day); its topic's page (new),
    // the most used topics and topics under L (a new name), and its feeds (new, RSS and Atom); its author's
    // page, the most used authors and authors under A (a new name), and the author's feeds.
    assert.equal(result.written, 24);
    assert.equal(result.removed, 0);
  } finally {
    await rm(box.root, { recursive: true, force: true });
  }
});

test('a body edit takes the quick path: the edited page and those whose related stories changed are rendered, warnings elsewhere are reported again; other edits take the full path', async () => {
  const box = await sandbox();
  const out = join(box.root, 'out');
  try {
    const run = () => build(options(box, 'out', 'use'));
    const same = async (r: BuildResult, what: string) => {
      await rm(join(box.root, 'clean'), { recursive: true, force: true });
      const clean = await build(options(box, 'clean', 'clean'));
      assert.equal(summary(r), summary(clean), what);
      assert.deepEqual(await snapshot(out), await snapshot(join(box.root, 'clean')), what);
    };
    await writeFile(
      join(box.content, 'marquee.md'),
      article('Berita Bergerak', 3).replace(/Isi berita.*\n/, '<marquee>Isi bergerak</marquee>\n'),
    );
    await writeFile(
      join(box.content, 'kapal-selam.md'),
      article('Kapal Selam Berlayar di Laut Banda', 1)
        .replace(/Isi berita.*\n/, 'Kapal selam berlayar di Laut Banda.\n')
        .replace('[Jakarta]', '[Laut Banda]'),
    );
    assert.ok((await run()).ok);
    const [first, second] = (await listFiles(box.content)).filter(
      (f) => f.endsWith('.md') && !['marquee.md', 'kapal-selam.md'].includes(f),
    );

    await change(join(box.content, first!), '', { kind: 'body', pick: 0, value: 1 });
    const body = await run();
    assert.deepEqual([body.quick, body.parsed, body.problems.map((p) => p.code)], [true, 1, ['html-dropped']]);
    await same(body, 'after a body edit');

    // The body now shares the rare words of another story: its related stories, and theirs, change.
    await writeFile(
      join(box.content, first!),
      `${await readFile(join(box.content, first!), 'utf8')}\nKapal selam berlayar di Laut Banda.\n`,
    );
    const shared = await run();
    assert.equal(shared.quick, true);
    assert.ok(shared.rendered >= 2, `rendered ${shared.rendered}`);
    await same(shared, 'after a body edit that changes related stories');

    const nothing = await run();
    assert.deepEqual([nothing.quick, nothing.parsed, nothing.written], [true, 0, 0]);

    // A body edit that leaves its words as they were (a blank line added): its page again, and the cached related stories kept as they are.
    const stateFiles = async () =>
      new Set((await listFiles(join(box.root, '.warta-cache', 'out.chunks'))).filter((f) => f.endsWith('.raw')));
    const before = await stateFiles();
    await writeFile(join(box.content, first!), `${await readFile(join(box.content, first!), 'utf8')}\n\n`);
    const blank = await run();
    assert.deepEqual([blank.quick, blank.parsed, blank.rendered], [true, 1, 1]);
    const after = await stateFiles();
    assert.equal([...after].filter((f) => before.has(f)).length, 1, 'the related state kept, the index written anew');
    await same(blank, 'after a body edit that keeps its words');

    await change(join(box.content, second!), '', { kind: 'title', pick: 0, value: 2 });
    const title = await run();
    assert.equal(title.quick, false);
    await same(title, 'after a title edit');

    // A new warning: the full path finds and reports it.
    await writeFile(
      join(box.content, second!),
      `${await readFile(join(box.content, second!), 'utf8')}\n<blink>kedip</blink>\n`,
    );
    const warned = await run();
    assert.deepEqual([warned.quick, warned.problems.length], [false, 2]);
    await same(warned, 'after an edit that brings a warning');
  } finally {
    await rm(box.root, { recursive: true, force: true });
  }
});
