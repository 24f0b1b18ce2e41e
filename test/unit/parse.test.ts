import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseArticle } from '../../src/content/parse.js';
import { quote } from '../../src/errors.js';
import { formatProblem } from '../../src/messages/format.js';

const parse = (text: string, path = '2025/04/contoh.md', extraFields: string[] = ['editor_note', 'penyunting']) =>
  parseArticle({ file: `content/${path}`, path, bytes: Buffer.from(text) }, { maxBytes: 10_000, extraFields });
const errors = (text: string, path?: string) => parse(text, path).problems.map((p) => formatProblem(p, 'en'));

const VALID = `---
title: Judul Berita
byline: AP Wira
category: International
date: 2025-04-02 15:22:12
---
Paragraf pertama.
`;

test('a valid article gets its URL from the WIB day and the file name', () => {
  const { article, problems } = parse(VALID);
  assert.deepEqual(problems, []);
  assert.equal(article?.url, '/2025/04/02/contoh/');
  assert.equal(article?.categorySlug, 'international');
  assert.deepEqual(article?.bylines, ['AP Wira']);
  assert.equal(article?.summary, 'Paragraf pertama.');
});

test('an unquoted YAML timestamp is WIB wall-clock time, not UTC', () => {
  assert.equal(parse(VALID).article?.date, Date.UTC(2025, 3, 2, 8, 22, 12));
});

test('a BOM and CRLF line endings are accepted', () => {
  const { article, problems } = parse(`\uFEFF${VALID.replace(/\n/g, '\r\n')}`);
  assert.deepEqual(problems, []);
  assert.equal(article?.title, 'Judul Berita');
});

test('every problem of a file is reported, each with file, line and field', () => {
  const text = `---
title: 42
byline: []
category: ""
date: kemarin
draft: yes
slug: Bukan Slug
---
Isi.
`;
  assert.deepEqual(errors(text), [
    'content/2025/04/contoh.md:2 title: expected text, got a number "42"',
    'content/2025/04/contoh.md:3 byline: expected at least one name, got an empty list',
    'content/2025/04/contoh.md:4 category: expected non-empty text, got an empty value',
    'content/2025/04/contoh.md:5 date: expected a WIB timestamp like "2025-04-02 15:22:12", "2025-04-02T15:22:12+07:00" or "Rabu, 2 April 2025 15:22:12 WIB", got "kemarin"',
    'content/2025/04/contoh.md:6 draft: expected true or false, got "yes"',
    'content/2025/04/contoh.md:7 slug: expected lower-case ASCII letters, digits and single hyphens (like "wang-yi-di-moskow"), got "Bukan Slug"',
  ]);
});

test('missing required fields are named', () => {
  assert.deepEqual(errors('---\ntitle: Judul\n---\nIsi.\n'), [
    'content/2025/04/contoh.md byline: required field is missing',
    'content/2025/04/contoh.md category: required field is missing',
    'content/2025/04/contoh.md date: required field is missing',
  ]);
});

test('duplicate YAML keys are an error naming the line', () => {
  // The other fields are still read: the missing ones are reported with the duplicate.
  assert.deepEqual(errors('---\ntitle: A\nbyline: B\ntitle: C\n---\n'), [
    'content/2025/04/contoh.md category: required field is missing',
    'content/2025/04/contoh.md date: required field is missing',
    'content/2025/04/contoh.md:4 duplicate field "title": each field may appear only once',
  ]);
});

test('a duplicate key inside a field names its path and line', () => {
  // The fields not written here are reported missing too (see above): only the duplicate matters.
  const at = (front: string) =>
    errors(`---\n${front}\n---\nIsi.\n`).filter((e) => !e.endsWith('required field is missing'));
  assert.deepEqual(at('title: A\nwithdrawn:\n  at: 2025-04-02 15:22:12\n  reason: A\n  reason: B'), [
    'content/2025/04/contoh.md:6 duplicate field "withdrawn.reason": each field may appear only once',
  ]);
  assert.deepEqual(
    at('corrections:\n  - at: 2025-04-02 15:22:12\n    text: A\n  - text: B\n    # catatan\n    text: C'),
    ['content/2025/04/contoh.md:7 duplicate field "corrections.text": each field may appear only once'],
  );
  assert.deepEqual(at('x: &a !!map\n  y: [1, {z: 1, z: 2}]'), [
    'content/2025/04/contoh.md:3 duplicate field "x.y.z": each field may appear only once',
  ]);
  assert.deepEqual(at('"title": A\ntitle: B'), [
    'content/2025/04/contoh.md:3 duplicate field "title": each field may appear only once',
  ]);
});

test('YAML infinities and not-a-number are named as written, not as null', () => {
  const text = VALID.replace('title: Judul Berita', 'title: .inf')
    .replace('byline: AP Wira', 'byline: [AP Wira, -.inf]')
    .replace('date: 2025-04-02 15:22:12', 'date: .NaN');
  const [title, byline, date] = errors(text);
  assert.equal(title, 'content/2025/04/contoh.md:2 title: expected text, got a number ".inf"');
  assert.equal(
    byline,
    'content/2025/04/contoh.md:3 byline: expected non-empty text or a list of non-empty texts, got a list "[\\"AP Wira\\",\\"-.inf\\"]"',
  );
  assert.match(date!, /^content\/2025\/04\/contoh\.md:5 date: expected .*, got "\.nan"$/);
});

test('no front matter, unclosed front matter, binary data and bad UTF-8 are each clear errors', () => {
  assert.deepEqual(errors('Hanya teks.\n'), [
    'content/2025/04/contoh.md:1 expected front matter between "---" lines at the top of the file',
  ]);
  assert.deepEqual(errors('---\ntitle: A\n'), [
    'content/2025/04/contoh.md:1 expected a closing "---" line after the front matter',
  ]);
  const binary = parseArticle({ file: 'x.md', path: 'x.md', bytes: Uint8Array.from([0x2d, 0, 1]) }, { maxBytes: 100 });
  assert.match(formatProblem(binary.problems[0]!, 'en'), /binary data/);
  const latin1 = parseArticle(
    { file: 'x.md', path: 'x.md', bytes: Uint8Array.from([0x2d, 0x2d, 0x2d, 0x0a, 0xe9, 0x0a]) },
    { maxBytes: 100 },
  );
  assert.match(formatProblem(latin1.problems[0]!, 'en'), /expected UTF-8 text/);
});

test('a file over the size limit is refused', () => {
  const big = parseArticle({ file: 'x.md', path: 'x.md', bytes: Buffer.alloc(200, 'a') }, { maxBytes: 100 });
  assert.deepEqual(
    big.problems.map((p) => formatProblem(p, 'en')),
    ['x.md expected at most 100 bytes, found 200'],
  );
});

test('slugs: the leading date of a file name is dropped; an empty derived slug falls back to the title', () => {
  assert.equal(parse(VALID, '2025/04/2025-04-02-wang-yi-di-moskow.md').article?.slug, 'wang-yi-di-moskow');
  assert.equal(parse(VALID, '2025/04/2025-04-02.md').article?.slug, 'judul-berita');
  assert.equal(parse(VALID.replace('Judul Berita', 'Ça Va Über Café'), '___.md').article?.slug, 'ca-va-uber-cafe');
  assert.deepEqual(errors(VALID.replace('Judul Berita', '"!!!"'), '___.md'), [
    'content/___.md slug: cannot derive a slug from the file name or the title "!!!": add a "slug" field',
  ]);
});

test('aliases must be safe absolute paths; images may not climb out of the site', () => {
  const text = VALID.replace(
    '---\nP',
    'aliases: [/lama/ok.html, ../../etc/passwd, /a?b=1]\nimage: ../rahasia.jpg\n---\nP',
  );
  assert.deepEqual(errors(text), [
    'content/2025/04/contoh.md:6 aliases: expected absolute URL paths like "/old/path/" or "/old/page.html" without "..", query or fragment, got "../../etc/passwd", "/a?b=1"',
    'content/2025/04/contoh.md:7 image: expected a path inside the site (like "/images/foto.jpg") or an http(s) URL, got "../rahasia.jpg"',
  ]);
});

test('tags: one string is a list of one; repeats differing in case are dropped; listed extra fields are kept', () => {
  const { article, problems } = parse(VALID.replace('---\nP', 'tags: Rusia\neditor_note: cek\n---\nP'));
  assert.deepEqual(problems, []);
  assert.deepEqual(article?.tags, ['Rusia']);
  assert.deepEqual(article?.extra, { editor_note: 'cek' });
  const { article: b } = parse(VALID.replace('---\nP', 'tags: [Rusia, rusia, Moskow]\n---\nP'));
  assert.deepEqual(b?.tags, ['Rusia', 'Moskow']);
});

test('a YAML alias bomb is refused before anything expands it', () => {
  const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 9; i++)
    levels.push(
      `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
        .fill(`*${String.fromCharCode(96 + i)}`)
        .join(',')}]`,
    );
  const text = `---\n${levels.join('\n')}\ntitle: *i\n---\n`;
  assert.deepEqual(errors(text), [
    'content/2025/04/contoh.md:1 expected at most 10000 values in the front matter (YAML aliases that repeat themselves count each time)',
  ]);
});

test('a list of 200,000 tags is refused like an alias bomb, not a crash', () => {
  const text = VALID.replace('---\nP', `tags:\n${'- a\n'.repeat(200_000)}---\nP`);
  const big = parseArticle({ file: 'x.md', path: 'x.md', bytes: Buffer.from(text) }, { maxBytes: 10_000_000 });
  assert.deepEqual(
    big.problems.map((p) => p.code),
    ['front-matter-size'],
  );
});

test('UTF-16 files and scheme-like images get their own messages', () => {
  const utf16 = parseArticle(
    { file: 'x.md', path: 'x.md', bytes: Uint8Array.from([0xff, 0xfe, 0x2d, 0]) },
    { maxBytes: 100 },
  );
  assert.match(formatProblem(utf16.problems[0]!, 'en'), /found UTF-16/);
  assert.match(
    errors(VALID.replace('---\nP', 'image: javascript:alert(1)\n---\nP')).join(),
    /image: expected a path inside the site/,
  );
});

test('a date or update outside the years 1000–9999 is a problem naming file, line, field and value, in every form', () => {
  for (const value of [
    '0000-01-01 10:00:00',
    '0000-01-01T10:00:00+07:00',
    'Sabtu, 1 Januari 0000 10:00:00 WIB',
    '9999-12-31T23:59:59-14:00',
  ]) {
    const text = VALID.replace('date: 2025-04-02 15:22:12', `date: ${value}\nupdated: ${value}`);
    assert.deepEqual(errors(text), [
      `content/2025/04/contoh.md:5 date: expected a date in the years 1000 to 9999 (WIB), got ${JSON.stringify(value)}`,
      `content/2025/04/contoh.md:6 updated: expected a date in the years 1000 to 9999 (WIB), got ${JSON.stringify(value)}`,
    ]);
  }
});

test('a slug, category or alias part over 255 bytes is a problem naming the field, not a name the file system refuses', () => {
  const long = 'a'.repeat(256);
  assert.deepEqual(errors(VALID.replace('---\nP', `slug: ${long}\n---\nP`)), [
    `content/2025/04/contoh.md:6 slug: expected a shorter slug: ${quote(long)} is 256 bytes long, over the 255 bytes a file or folder name may have`,
  ]);
  assert.equal(parse(VALID.replace('---\nP', `slug: ${'a'.repeat(255)}\n---\nP`)).problems.length, 0);
  // Transliteration lengthens a name: 100 characters of Chinese become well over 255 bytes of pinyin.
  assert.deepEqual(
    parse(VALID, `2025/04/${'北京'.repeat(50)}.md`).problems.map((p) => [p.field, p.code]),
    [['slug', 'name-too-long']],
  );
  const titled = errors(VALID.replace('Judul Berita', 'Kata '.repeat(60)), '2025/04/2025-04-02.md');
  assert.equal(titled.length, 1);
  assert.match(
    titled[0]!,
    /^content\/2025\/04\/2025-04-02\.md slug: the slug derived from the title, "kata-kata-.*", is 299 bytes long, over the 255 bytes a file or folder name may have: add a shorter "slug" field$/,
  );
  assert.deepEqual(
    parse(VALID.replace('International', 'Kategori '.repeat(30))).problems.map((p) => [p.line, p.field, p.code]),
    [[4, 'category', 'name-too-long']],
  );
  assert.deepEqual(errors(VALID.replace('---\nP', `aliases: [/lama/ok.html, /lama/${long}/, /${long}.html]\n---\nP`)), [
    `content/2025/04/contoh.md:6 aliases: expected shorter paths, each part at most 255 bytes: ${quote(`/lama/${long}/`)} (256 bytes), ${quote(`/${long}.html`)} (261 bytes)`,
  ]);
});

test('aliases may not make hidden files or folders', () => {
  const text = VALID.replace(
    '---\nP',
    'aliases: [/lama/ok.html, /.htaccess, /.well-known/security.txt, /a/.git/config, /b/.x/, /..%2f..%2fx.html]\n---\nP',
  );
  assert.deepEqual(errors(text), [
    'content/2025/04/contoh.md:6 aliases: expected no part of a path to start with "." (hidden files such as /.htaccess belong to the web server), got "/.htaccess", "/.well-known/security.txt", "/a/.git/config", "/b/.x/", "/..%2f..%2fx.html"',
  ]);
  assert.deepEqual(parse(VALID.replace('---\nP', 'aliases: [/lama/ok.html, /lama/a.b.c/]\n---\nP')).article?.aliases, [
    '/lama/ok.html',
    '/lama/a.b.c/',
  ]);
});

test('control characters are removed from every text a page, a feed or a terminal shows', () => {
  const text = `---
title: "Judul\\e[31m Merah\\x07"
byline: ["AP\\x00 Wira", "Sari\\u009b"]
category: "Nasional\\x7f"
date: 2025-04-02 15:22:12
caption: "Foto\\e]8;;x\\e\\\\"
penyunting: { nama: "Budi\\e[0m", daftar: ["a\\x1f"] }
---
Paragraf \u001b[1mpertama\u0007.

Baris\tdengan tab.
`;
  const { article, problems } = parse(text);
  assert.deepEqual(problems, []);
  assert.equal(article?.title, 'Judul[31m Merah');
  assert.deepEqual(article?.bylines, ['AP Wira', 'Sari']);
  assert.equal(article?.category, 'Nasional');
  assert.equal(article?.caption, 'Foto]8;;x\\');
  assert.deepEqual(article?.extra, { penyunting: { nama: 'Budi[0m', daftar: ['a'] } });
  assert.equal(article?.summary, 'Paragraf [1mpertama.');
});

test('a file under halaman/ or with type: page is a static page: a title is enough, its URL is its slug', () => {
  const page = parse('---\ntitle: Tentang Kami\n---\nKami adalah arsip berita.\n', 'halaman/tentang-kami.md');
  assert.deepEqual(page.problems, []);
  assert.equal(page.article!.page, true);
  assert.equal(page.article!.url, '/tentang-kami/');
  const typed = parse('---\ntitle: Kontak\ntype: page\n---\nSurel kami.\n', 'lain/kontak.md');
  assert.equal(typed.article!.url, '/kontak/');
  // type: article keeps a file under halaman/ an article, with every field an article needs.
  assert.equal(errors('---\ntitle: X\ntype: article\n---\n', 'halaman/x.md').length, 3);
  assert.match(
    errors('---\ntitle: X\ntype: halaman\n---\n', 'halaman/x.md').join('\n'),
    /type.*expected "article" or "page"/,
  );
  assert.equal(parse(VALID).article!.page, undefined);
});
