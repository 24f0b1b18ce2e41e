import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseArticle } from '../../src/content/parse.js';
import { classifyField } from '../../src/content/known-fields.js';
import { formatProblem } from '../../src/messages/format.js';

const VALID = `---
title: Judul Berita
byline: AP Wira
category: International
date: 2025-04-02 15:22:12
---
Paragraf pertama.
`;
const parse = (extraLine: string, extraFields: string[] = []) =>
  parseArticle(
    { file: 'content/x.md', path: 'x.md', bytes: Buffer.from(VALID.replace('---\nP', `${extraLine}\n---\nP`)) },
    { maxBytes: 10_000, extraFields },
  );

test('each family of misspelling is an error naming the field meant', () => {
  const cases: [string, string][] = [
    // case
    ['Draft', 'draft'],
    ['Title', 'title'],
    ['DATE', 'date'],
    ['Tags', 'tags'],
    // spacing, - and _
    ['by-line', 'byline'],
    ['by_line', 'byline'],
    ['Sum Mary', 'summary'],
    ['up_dated', 'updated'],
    // edit distance 1-2
    ['sumary', 'summary'],
    ['catgory', 'category'],
    ['titel', 'title'],
    ['bylines', 'byline'],
    ['dat', 'date'],
    ['alias', 'aliases'],
    ['tag', 'tags'],
    // Indonesian names, and their misspellings
    ['judul', 'title'],
    ['penulis', 'byline'],
    ['kategori', 'category'],
    ['sumber', 'source'],
    ['tanggal', 'date'],
    ['tangal', 'date'],
    ['ringkasan', 'summary'],
    ['label', 'tags'],
    ['Kategori', 'category'],
    ['kategory', 'category'],
  ];
  for (const [key, meant] of cases) {
    assert.deepEqual(classifyField(key, []), { kind: 'misspelt', meant }, key);
    const { article, problems } = parse(`${key}: x`);
    assert.equal(article, undefined, key);
    assert.deepEqual(
      problems.map((p) => [p.severity, p.code, p.line, p.field]),
      [['error', 'field-misspelt', 6, key]],
      key,
    );
    assert.match(formatProblem(problems[0]!, 'en'), new RegExp(`"${meant}"`), key);
  }
});

test('Draft: true never publishes, even when the config lists it as an extra', () => {
  for (const line of ['Draft: true', 'DRAFT: true', 'draf: true', 'drfat: true', ' draft : true'.trim()]) {
    const r = parse(line, ['Draft', 'DRAFT']);
    if (line.startsWith('draft')) assert.equal(r.article?.draft, true, line);
    else assert.equal(r.article, undefined, line);
  }
});

test('contract fields are known; unknown fields are extras when listed, else a warning with the line', () => {
  for (const key of ['credit', 'corrections', 'withdrawn', 'type', 'caption', 'image'])
    assert.deepEqual(classifyField(key, []), { kind: 'known' }, key);
  const listed = parse('kicker: EKSKLUSIF', ['kicker']);
  assert.deepEqual(listed.problems, []);
  assert.deepEqual(listed.article?.extra, { kicker: 'EKSKLUSIF' });
  const unlisted = parse('kicker: EKSKLUSIF');
  assert.deepEqual(
    unlisted.problems.map((p) => [p.severity, p.code, p.file, p.line, p.field]),
    [['warning', 'field-unknown', 'content/x.md', 6, 'kicker']],
  );
  assert.deepEqual(unlisted.article?.extra, {});
  // Short names are one edit from a field at most: `name` is not `date`.
  assert.deepEqual(classifyField('name', []), { kind: 'unknown' });
  // An Indonesian name may be a listed extra; another spelling of a field may not.
  assert.deepEqual(classifyField('rubrik', ['rubrik']), { kind: 'extra' });
  assert.deepEqual(classifyField('Title', ['Title']), { kind: 'misspelt', meant: 'title' });
});

test('a required field written under another name is reported as misspelt, not also as missing', () => {
  const text = '---\njudul: Judul\nbyline: A\ncategory: B\ndate: 2025-04-02 10:00\n---\nIsi.\n';
  const { problems } = parseArticle(
    { file: 'content/x.md', path: 'x.md', bytes: Buffer.from(text) },
    { maxBytes: 10_000 },
  );
  assert.deepEqual(
    problems.map((p) => [p.line, p.field, p.code]),
    [[2, 'judul', 'field-misspelt']],
  );
});
