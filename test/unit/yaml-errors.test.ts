import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseArticle } from '../../src/content/parse.js';
import { formatProblem } from '../../src/messages/format.js';

const lines = (text: string, lang: 'id' | 'en' = 'id') =>
  parseArticle({ file: 'content/a.md', path: 'a.md', bytes: Buffer.from(text) }, { maxBytes: 10_000 }).problems.map(
    (p) => formatProblem(p, lang),
  );

test('a colon in an unquoted headline names the line and shows it quoted, in both languages', () => {
  const text = '---\ntitle: Jokowi: Kami siap\nbyline: A\ncategory: Nasional\ndate: 2025-04-02 10:00\n---\nIsi.\n';
  assert.deepEqual(lines(text), [
    'content/a.md:2 title: titik dua diikuti spasi di dalam isi kolom dianggap akhir nama kolom: apit isinya dengan tanda kutip ganda, seperti: title: "Jokowi: Kami siap"',
  ]);
  assert.deepEqual(lines(text, 'en'), [
    'content/a.md:2 title: a colon followed by a space inside a value ends the field name: put the value in double quotes, like: title: "Jokowi: Kami siap"',
  ]);
  // The fix shown is one that parses.
  assert.deepEqual(lines(text.replace('title: Jokowi: Kami siap', 'title: "Jokowi: Kami siap"')), []);
});

test('a tab, an unclosed quote and a missing --- each get their own explanation with the line', () => {
  assert.deepEqual(lines('---\ntitle: A\ntags:\n\t- a\nbyline: B\ncategory: C\ndate: 2025-04-02 10:00\n---\n'), [
    'content/a.md:4 baris ini dijorokkan dengan Tab: gunakan spasi',
  ]);
  assert.deepEqual(
    lines('---\ntitle: A\nbyline: B\ncategory: C\nsummary: "Kata menlu\ndate: 2025-04-02 10:00\n---\n'),
    [
      'content/a.md:5 tanda kutip " yang dibuka di baris ini tidak ditutup: akhiri isinya dengan ", atau tulis tanpa tanda kutip',
    ],
  );
  assert.ok(
    lines("---\ntitle: 'Kata menlu\nbyline: B\n---\n", 'en').includes(
      "content/a.md:2 the quote ' opened on this line is never closed: end the value with ', or write it without quotes",
    ),
  );
  assert.deepEqual(lines('---\ntitle: A\nbyline: B\n\nIsi.\n'), [
    'content/a.md:1 baris "---" penutup kepala berkas tidak ada: tambahkan "---" setelah kolom terakhir',
  ]);
});

test('after a YAML error, every other problem of the file is reported; nothing is said of the unreadable field', () => {
  const text =
    '---\ntitle: Jokowi: Kami siap\nDraft: true\nbyline: [A, 1]\ncategory: Nasional\ndate: kemarin\nkicker: X\n---\nIsi.\n';
  const found = parseArticle(
    { file: 'content/a.md', path: 'a.md', bytes: Buffer.from(text) },
    { maxBytes: 10_000 },
  ).problems;
  assert.deepEqual(
    found.map((p) => [p.line, p.field, p.code, p.severity]),
    [
      [2, 'title', 'yaml-colon', 'error'],
      [3, 'Draft', 'field-misspelt', 'error'],
      [4, 'byline', 'type', 'error'],
      [6, 'date', 'time', 'error'],
      [7, 'kicker', 'field-unknown', 'warning'],
    ],
  );
  // Two broken fields: both reported; a required field that is absent is still reported.
  const two = '---\ntitle: Jokowi: Kami siap\nsummary: Kata menlu: siap\ndate: 2025-04-02 10:00\n---\n';
  const codes = parseArticle(
    { file: 'content/a.md', path: 'a.md', bytes: Buffer.from(two) },
    { maxBytes: 10_000 },
  ).problems.map((p) => [p.line, p.field, p.code]);
  assert.deepEqual(codes, [
    [undefined, 'byline', 'missing'],
    [undefined, 'category', 'missing'],
    [2, 'title', 'yaml-colon'],
    [3, 'summary', 'yaml-colon'],
  ]);
});
