import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLAIM_KINDS, error, PROBLEM_CODES, SVG_REASONS, type ClaimLabel } from '../../src/errors.js';
import { formatProblem } from '../../src/messages/format.js';
import { messages, readLang, USAGE_CODES, type CliTexts, type DevTexts, type Lang } from '../../src/messages/index.js';
import { ROOT } from '../support/fixtures.js';

const LANGS: Lang[] = ['id', 'en'];
/** One claimant of each kind. */
const CLAIMS: ClaimLabel[] = CLAIM_KINDS.map((kind) => ({ kind, file: 'content/a.md', name: 'Nasional', url: '/a/' }));
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

test('every problem code, timestamp reason, claim, SVG reason and usage error has a text in each language, and no other key does', () => {
  for (const lang of LANGS) {
    const table = messages(lang);
    assert.deepEqual(Object.keys(table.problems).sort(), [...PROBLEM_CODES].sort(), `${lang}: problem codes`);
    assert.deepEqual(Object.keys(table.time).sort(), [...TIME_REASONS].sort(), `${lang}: timestamp reasons`);
    assert.deepEqual(Object.keys(table.claims).sort(), [...CLAIM_KINDS].sort(), `${lang}: claims`);
    assert.deepEqual(Object.keys(table.svg).sort(), [...SVG_REASONS].sort(), `${lang}: SVG reasons`);
    assert.deepEqual(Object.keys(table.cli.usage).sort(), [...USAGE_CODES].sort(), `${lang}: usage errors`);
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
    by: CLAIMS,
    writers: CLAIMS,
    needers: CLAIMS,
    folders: 'a\nb',
    labels: CLAIMS,
    risk: 'element',
    found: 'script',
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

test('every problem code, usage error, SVG reason and kind of claimant is documented', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'content.md'), 'utf8');
  for (const code of [...PROBLEM_CODES, ...USAGE_CODES]) assert.match(doc, new RegExp(`\\| \`${code}\` \\|`), code);
  for (const word of [...SVG_REASONS, ...CLAIM_KINDS]) assert.ok(doc.includes(`\`${word}\` (`), word);
});

test('collision claimants, SVG reasons and usage errors are worded in each language, never the same text in both', () => {
  const params = {
    ...{ option: '--port', command: 'dev', value: '"x"', detail: 'd', folder: 'f', static: 's', content: 'c' },
    ...{ out: 'o', config: 'warta.config.json', reason: 'with-time', held: 'a, b', title: '"!"', host: 'h', port: 1 },
    first: 1,
    found: 'script',
  };
  const wordings: [string, (lang: Lang) => string][] = [
    ...CLAIMS.map((c): [string, (lang: Lang) => string] => [
      `claim ${c.kind}`,
      (lang) => messages(lang).claims[c.kind](c),
    ]),
    ...SVG_REASONS.map((r): [string, (lang: Lang) => string] => [`SVG ${r}`, (lang) => messages(lang).svg[r](params)]),
    ...USAGE_CODES.map((u): [string, (lang: Lang) => string] => [
      `usage ${u}`,
      (lang) => messages(lang).cli.usage[u](params),
    ]),
  ];
  for (const [what, word] of wordings) {
    const [id, en] = LANGS.map(word);
    assert.ok(id && en, what);
    assert.doesNotMatch(`${id}${en}`, /undefined|\[object/, what);
    // A claim of an article or alias is its file and URL alone, in any language.
    if (!/claim (article|alias)/.test(what)) assert.notEqual(id, en, `${what}: the Indonesian text is the English one`);
  }
});

/** The values each text of the command line and of `warta dev` is made from: the compiler asks for every new text's. */
type Samples<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => string ? A : T[K] extends string ? null : Samples<T[K]>;
};
const CLI_SAMPLES: Samples<Omit<CliTexts, 'usage'>> = {
  seeHelp: null,
  help: null,
  newExists: ['content/2025/04/a.md'],
  initDone: ['situs', ['package.json', 'warta.config.json'], false],
  stopping: null,
  stages: { read: null, parse: null, model: null, related: null, render: null, search: null, write: null },
  progress: ['parse', 1, 2, 3],
  started: ['parse', 2],
};
const DEV_SAMPLES: Samples<DevTexts> = {
  serving: ['.warta-dev', 'http://127.0.0.1:8080/', ['content', 'warta.config.json']],
  built: [
    { first: false, ms: 5 },
    { published: 2, heldBack: 1, drafts: 1, warnings: 1 },
  ],
  failed: [{ first: true, ms: 5 }, 2, '.warta-dev'],
  serveFailed: ['/a/', 'd'],
  watchFailed: ['d'],
  forbidden: ['http://127.0.0.1:8080/'],
  methodNotAllowed: null,
  badRequest: null,
  moved: ['/a/'],
  rebuilding: null,
  tooManyListeners: [64],
  internalError: null,
  notFound: { lang: null, title: null, text: null },
  overlay: { title: [2], more: [3], footer: null, hide: null, hideTitle: null },
  liveReloadOff: null,
};

/** Every text of a table, by its path, made from the samples. */
function texts(table: unknown, samples: unknown, path = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, sample] of Object.entries(samples as object)) {
    const value = (table as Record<string, unknown>)[key];
    if (typeof value === 'string') found.set(`${path}${key}`, value);
    else if (typeof value === 'function') found.set(`${path}${key}`, value(...(sample as unknown[])));
    else for (const [k, v] of texts(value, sample, `${path}${key}.`)) found.set(k, v);
  }
  return found;
}

test("the command line's and warta dev's own texts are in each language, never the same text in both", () => {
  for (const [name, samples] of [
    ['cli', CLI_SAMPLES],
    ['dev', DEV_SAMPLES],
  ] as const) {
    const [id, en] = LANGS.map((lang) => texts(messages(lang)[name], samples));
    assert.deepEqual(Object.keys(messages('id')[name]).sort(), Object.keys(messages('en')[name]).sort(), name);
    assert.deepEqual([...id.keys()], [...en.keys()], name);
    for (const [key, text] of id) {
      assert.ok(text && en.get(key), `${name}.${key}`);
      assert.doesNotMatch(`${text}${en.get(key)}`, /undefined|\[object/, `${name}.${key}`);
      assert.notEqual(text, en.get(key), `${name}.${key}: the Indonesian text is the English one`);
    }
  }
});
