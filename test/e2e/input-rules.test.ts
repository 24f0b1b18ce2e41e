import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { cli } from '../support/cli.js';
import { listFiles } from '../support/fixtures.js';

// Input the docs/input-rules.md limits refuse: each is an error naming the file, from
// `warta check` and `warta build` alike, never a crash with a stack trace.

const NOW = '2026-01-01 00:00:00';

let scratch: string;
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'warta-rules-'));
});
after(() => rm(scratch, { recursive: true, force: true }));

let sites = 0;

/** A site in a fresh folder with these content files (path → text). */
async function site(files: Record<string, string>): Promise<string> {
  const dir = join(scratch, `site-${++sites}`);
  await mkdir(join(dir, 'content'), { recursive: true });
  await writeFile(join(dir, 'warta.config.json'), '{ "title": "Uji", "baseUrl": "https://warta.example" }');
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, 'content', path)), { recursive: true });
    await writeFile(join(dir, 'content', path), text);
  }
  return dir;
}

/** An article's text with extra front matter lines. */
function article(extra = '', date = '2025-04-02 15:22:12'): string {
  return `---\ntitle: Judul\nbyline: AP Wira\ncategory: Nasional\ndate: ${date}\n${extra}---\nIsi berita.\n`;
}

/** Runs check and build; both must fail with the same problems and no stack trace. */
async function refused(dir: string): Promise<string> {
  const checked = await cli(dir, 'check', '--now', NOW, '--quiet', '--lang', 'en');
  const built = await cli(dir, 'build', '--now', NOW, '--quiet', '--lang', 'en');
  assert.equal(checked.code, 1, checked.err);
  assert.equal(built.code, 1, built.err);
  assert.doesNotMatch(built.err + checked.out, /\n\s+at /, 'a stack trace');
  for (const line of checked.out.split('\n').filter(Boolean))
    assert.ok(built.err.includes(line), `build misses: ${line}`);
  return checked.out;
}

test('a year outside 1000–9999 is an error naming file, line and field, from check and build', async () => {
  const dir = await site({
    'a.md': article('', '0000-01-01 10:00:00'),
    'b.md': article('updated: Sabtu, 1 Januari 0000 10:00:00 WIB\n'),
  });
  const out = await refused(dir);
  assert.match(
    out,
    /^content\/a\.md:5 date: expected a date in the years 1000 to 9999 \(WIB\), got "0000-01-01 10:00:00"$/m,
  );
  assert.match(
    out,
    /^content\/b\.md:6 updated: expected a date in the years 1000 to 9999 \(WIB\), got "Sabtu, 1 Januari 0000 10:00:00 WIB"$/m,
  );
});

test('--now outside 1000–9999 is a usage error', async () => {
  const dir = await site({ 'a.md': article() });
  const { code, err } = await cli(dir, 'build', '--now', '0000-01-01 00:00:00');
  assert.equal(code, 2);
  assert.match(
    err,
    /^warta: --now: seharusnya tanggal antara tahun 1000 dan 9999 \(WIB\), tertulis "0000-01-01 00:00:00"$/m,
  );
  const en = await cli(dir, 'build', '--now', '0000-01-01 00:00:00', '--lang', 'en');
  assert.match(en.err, /^warta: --now: expected a date in the years 1000 to 9999 \(WIB\), got "0000-01-01 00:00:00"$/m);
});

test('a name over 255 bytes in a slug or an alias is an error from check as from build', async () => {
  const long = 'a'.repeat(300);
  const dir = await site({
    'a.md': article(`slug: ${long}\n`),
    'b.md': article(`aliases: [/lama/${long}.html]\n`),
    [`${'北京'.repeat(40)}.md`]: article(),
  });
  const out = await refused(dir);
  assert.match(out, /^content\/a\.md:6 slug: expected a shorter slug: "a+\.\.\." is 300 bytes long/m);
  assert.match(
    out,
    /^content\/b\.md:6 aliases: expected shorter paths, each part at most 255 bytes: "\/lama\/a+\.\.\." \(305 bytes\)/m,
  );
  assert.match(
    out,
    /^content\/(北京)+\.md slug: the slug derived from the file name, "(beijing)+\.\.\.", is \d+ bytes long/m,
  );
});

test('aliases may not write hidden files or folders', async () => {
  const dir = await site({ 'a.md': article('aliases: [/.htaccess, /.well-known/x/, /.git/config]\n') });
  const out = await refused(dir);
  assert.match(
    out,
    /^content\/a\.md:6 aliases: expected no part of a path to start with "\." .*, got "\/\.htaccess", "\/\.well-known\/x\/", "\/\.git\/config"$/m,
  );
});

test('output paths that differ only in case are an error naming every file involved', async () => {
  const dir = await site({
    'a.md': article('aliases: [/Index.html, /2025/04/02/B/]\n'),
    'b.md': article(),
    'Foto.JPG': 'x',
    'foto.jpg': 'y',
  });
  const out = await refused(dir);
  assert.match(
    out,
    /^content\/a\.md 2 sources would write \/Index\.html and \/index\.html, one file on macOS and Windows: content\/a\.md \(alias \/Index\.html\), warta's own \/index\.html$/m,
  );
  assert.match(
    out,
    /^content\/b\.md 2 sources would write \/2025\/04\/02\/b\/index\.html and \/2025\/04\/02\/B\/index\.html, .*: content\/b\.md \(\/2025\/04\/02\/b\/\), content\/a\.md \(alias \/2025\/04\/02\/B\/\)$/m,
  );
  assert.match(
    out,
    /^content\/Foto\.JPG 2 sources would write \/Foto\.JPG and \/foto\.jpg, .*: static file content\/Foto\.JPG, static file content\/foto\.jpg$/m,
  );
});

test('who claims an output file and why an SVG is refused are worded in Bahasa Indonesia, or in English when asked', async () => {
  const dir = await site({
    'a.md': article('aliases: [/feed.xml]\n'),
    'grafik.svg': '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
  });
  const id = await cli(dir, 'check', '--now', NOW, '--quiet');
  assert.match(
    id.out,
    /^content\/a\.md 2 sumber akan menulis \/feed\.xml: content\/a\.md \(alias \/feed\.xml\), \/feed\.xml milik warta$/m,
  );
  assert.match(
    id.out,
    /^content\/grafik\.svg SVG yang bisa menjalankan skrip di situs tidak diterbitkan \(ditemukan: elemen <script>\)/m,
  );
  const en = await refused(dir);
  assert.match(
    en,
    /^content\/a\.md 2 sources would write \/feed\.xml: content\/a\.md \(alias \/feed\.xml\), warta's own \/feed\.xml$/m,
  );
  assert.match(
    en,
    /^content\/grafik\.svg an SVG that can run script on the site is not published: it holds a <script> element/m,
  );
});

test('control characters never reach a page or a feed, nor the terminal from a file name', async () => {
  const title = 'title: "Judul\\e[31m Merah\\x07"\nbyline: "AP\\x00 Wira"\ncaption: "Foto\\x9b"\n';
  const dir = await site({
    'a.md': `---\n${title}category: Nasional\ndate: 2025-04-02 15:22:12\n---\nIsi \u001b[1mberita\u0007.\n`,
  });
  const built = await cli(dir, 'build', '--now', NOW, '--quiet');
  assert.equal(built.code, 0, built.err);
  const files = await listFiles(join(dir, 'dist'));
  assert.ok(files.includes('feed.xml') && files.includes('2025/04/02/a/index.html'));
  for (const f of files.filter((f) => /\.(html|xml|json|txt)$/.test(f))) {
    assert.doesNotMatch(
      await readFile(join(dir, 'dist', f), 'utf8'),
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/,
      f,
    );
  }
  assert.match(await readFile(join(dir, 'dist', '2025/04/02/a/index.html'), 'utf8'), /Judul\[31m Merah/);

  const named = await site({ 'a\u001b[2J\nb.md': article('', 'kemarin') });
  const checked = await cli(named, 'check', '--now', NOW);
  assert.equal(checked.code, 1);
  assert.doesNotMatch(checked.out + checked.err, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  assert.match(checked.out, /^content\/a\\x1b\[2J\\nb\.md\b/m);
});
