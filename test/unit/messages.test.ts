import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { error, PROBLEM_CODES } from '../../src/errors.js';
import { formatProblem } from '../../src/messages/format.js';
import { messages, readLang, type Lang } from '../../src/messages/index.js';
import { ROOT } from '../support/fixtures.js';

const LANGS: Lang[] = ['id', 'en'];
const TIME_REASONS = [
  'text',
  'with-time',
  'with-offset',
  'padded',
  'timestamp',
  'offset-range',
  'month-name',
  'weekday-name',
  'year-range',
  'month-range',
  'time-range',
  'day-range',
  'weekday',
];

test('every problem code and timestamp reason has a message in each language, and no other key does', () => {
  for (const lang of LANGS) {
    assert.deepEqual(Object.keys(messages(lang).problems).sort(), [...PROBLEM_CODES].sort(), `${lang}: problem codes`);
    assert.deepEqual(Object.keys(messages(lang).time).sort(), [...TIME_REASONS].sort(), `${lang}: timestamp reasons`);
  }
});

test('each message is made from the table of the language asked for, never the same text in both', () => {
  const params = {
    value: '"x"',
    key: '"title"',
    meant: 'draft',
    reason: 'with-time',
    detail: 'd',
    max: 1,
    size: 2,
    href: '/a/',
    kind: 'element',
    tag: 'script',
    paths: '/a/',
    count: 2,
    by: 'a, b',
    fixed: 'title: "a: b"',
    quote: '"',
    expected: 'text',
    of: 'slug',
    bytes: 300,
    values: '"/a?b"',
    out: 'dist',
    folder: 'dist',
    what: 'text',
    open: '[',
    close: ']',
    why: 'permission',
    ext: 'exe',
    item: 1,
    problem: 'text',
    refusal: 'file',
    place: 'content',
    marker: '.warta',
    path: '"/images/a.jpg"',
  };
  for (const code of PROBLEM_CODES) {
    const p = error({ code, file: 'content/a.md', line: 2, params });
    const [id, en] = LANGS.map((lang) => formatProblem(p, lang));
    assert.ok(id && en, code);
    assert.doesNotMatch(`${id}${en}`, /undefined/, code);
    if (code !== 'template') assert.notEqual(id, en, `${code}: the Indonesian message is the English one`);
  }
});

test("the language: --lang or the config's language; Indonesian unless English is asked for", () => {
  assert.equal(readLang('id'), 'id');
  assert.equal(readLang('en'), 'en');
  assert.equal(readLang('en-US'), 'en');
  assert.equal(readLang('jv'), 'id');
});

test('every problem code is documented', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'content.md'), 'utf8');
  for (const code of PROBLEM_CODES) assert.match(doc, new RegExp(`\\| \`${code}\` \\|`), code);
});
