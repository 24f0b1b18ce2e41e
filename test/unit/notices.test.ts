import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseArticle } from '../../src/content/parse.js';
import { formatProblem } from '../../src/messages/format.js';

const parse = (front: string) =>
  parseArticle(
    {
      file: 'content/contoh.md',
      path: 'contoh.md',
      bytes: Buffer.from(
        `---\ntitle: Judul\nbyline: AP Wira\ncategory: Nasional\ndate: 2025-04-02 15:22:12\n${front}---\nIsi.\n`,
      ),
    },
    { maxBytes: 10_000 },
  );
const errors = (front: string) => parse(front).problems.map((p) => formatProblem(p, 'en'));

test('corrections are read oldest first and the latest sets the modified time; a credit is kept', () => {
  const { article, problems } = parse(
    `updated: 2025-04-02 18:00\ncredit: "Foto: ANTARA/Budi"\ncorrections:\n  - at: 2025-04-04 08:00\n    text: Nama menteri diperbaiki.\n  - at: "Kamis, 3 April 2025 09:15:00 WIB"\n    text: " Angka   korban diperbaiki. "\n`,
  );
  assert.deepEqual(problems, []);
  assert.equal(article?.credit, 'Foto: ANTARA/Budi');
  assert.deepEqual(article?.corrections, [
    { at: Date.UTC(2025, 3, 3, 2, 15), text: 'Angka korban diperbaiki.' },
    { at: Date.UTC(2025, 3, 4, 1, 0), text: 'Nama menteri diperbaiki.' },
  ]);
  assert.equal(article?.updated, Date.UTC(2025, 3, 4, 1, 0));
  assert.equal(article?.withdrawn, undefined);
});

test('a later update wins over an earlier correction', () => {
  const { article } = parse(`updated: 2025-04-05 10:00\ncorrections:\n  - at: 2025-04-04 08:00\n    text: Ralat.\n`);
  assert.equal(article?.updated, Date.UTC(2025, 3, 5, 3, 0));
});

test('a withdrawal is read with its time and reason', () => {
  const { article, problems } = parse(
    `withdrawn:\n  at: 2025-04-03 10:00\n  reason: Narasumber tidak dapat diverifikasi.\n`,
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(article?.withdrawn, {
    at: Date.UTC(2025, 3, 3, 3, 0),
    text: 'Narasumber tidak dapat diverifikasi.',
  });
});

test('corrections and withdrawals are validated strictly, naming file, line and field', () => {
  assert.deepEqual(errors('corrections: Salah ketik.\n'), [
    'content/contoh.md:6 corrections: expected a list of corrections, each with "at" (a WIB timestamp) and "text", got "Salah ketik."',
  ]);
  assert.deepEqual(errors('corrections: []\n'), [
    'content/contoh.md:6 corrections: expected a list of corrections, each with "at" (a WIB timestamp) and "text", got "[]"',
  ]);
  assert.deepEqual(
    errors(
      'corrections:\n  - at: kemarin\n    text: Ralat.\n  - text: Ralat.\n  - at: 2025-04-03 10:00\n    text: ""\n  - at: 2025-04-03 10:00\n    teks: Ralat.\n  - at: 2025-04-01 10:00\n    text: Sebelum terbit.\n',
    ),
    [
      'content/contoh.md:6 corrections: correction 1: "at": expected a WIB timestamp like "2025-04-02 15:22:12", "2025-04-02T15:22:12+07:00" or "Rabu, 2 April 2025 15:22:12 WIB", got "kemarin"',
      'content/contoh.md:6 corrections: correction 2: "at" is missing: expected a WIB timestamp like "2025-04-03 09:15"',
      'content/contoh.md:6 corrections: correction 3: "text": expected non-empty text, got ""',
      'content/contoh.md:6 corrections: correction 4: expected only "at" and "text", got "teks"',
      'content/contoh.md:6 corrections: correction 5: "at": expected a time no earlier than the article\'s date, got "2025-04-01 10:00"',
    ],
  );
  assert.deepEqual(errors('withdrawn: true\n'), [
    'content/contoh.md:6 withdrawn: expected "at" (a WIB timestamp) and "reason" (text) on their own indented lines, got "true"',
  ]);
  assert.deepEqual(errors('withdrawn:\n  at: 2025-04-03 10:00\n'), [
    'content/contoh.md:6 withdrawn: "reason": expected non-empty text, got ""',
  ]);
  assert.deepEqual(errors('credit: [a, b]\n'), [
    'content/contoh.md:6 credit: expected text, got a list "[\\"a\\",\\"b\\"]"',
  ]);
});
