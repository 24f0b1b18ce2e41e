import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { defaults, parseConfig } from '../../src/config.js';
import { fixturePath, ROOT } from '../support/fixtures.js';

/** The JSON Schema shipped for editors and the config loader must say the same. */

interface Property {
  description?: string;
  type?: string;
  default?: unknown;
  examples?: unknown[];
}
const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'warta.config.schema.json'), 'utf8')) as {
  properties: Record<string, Property>;
  additionalProperties: boolean;
};
const validate = new Ajv.default({ strict: true, allErrors: true }).compile(schema);

/** Whether the schema and the loader both accept the data (asserting that they agree). */
function agreed(data: unknown, label = JSON.stringify(data)): boolean {
  const loader = parseConfig(data, 'warta.config.json').problems.length === 0;
  const editor = validate(data);
  assert.equal(
    editor,
    loader,
    `${label}: the schema ${editor ? 'accepts' : 'refuses'} it, the loader ${loader ? 'accepts' : 'refuses'} it`,
  );
  return loader;
}

test("the schema has exactly the keys the loader knows, each with a type, a description and the loader's default", () => {
  const known = [...Object.keys(defaults), 'baseUrl', '$schema'].sort();
  assert.deepEqual(Object.keys(schema.properties).sort(), known);
  assert.equal(schema.additionalProperties, false);
  for (const [key, property] of Object.entries(schema.properties)) {
    assert.ok(property.type && property.description, key);
    if (key in defaults) assert.deepEqual(property.default, defaults[key as keyof typeof defaults], `${key}: default`);
    else assert.equal(property.default, undefined, `${key} has no default`);
  }
  assert.equal(agreed({ judul: 'Warta' }), false);
});

test("each key: the schema's default and examples are accepted by both, and null by neither", () => {
  for (const [key, property] of Object.entries(schema.properties)) {
    const good = [...('default' in property ? [property.default] : []), ...(property.examples ?? [])];
    if (key === '$schema') good.push('./node_modules/warta/schemas/warta.config.schema.json');
    assert.ok(good.length, `${key} has a default or an example`);
    for (const value of good) assert.equal(agreed({ [key]: value }), true);
    assert.equal(agreed({ [key]: null }), false);
  }
});

test("the schema and the loader agree on values near each rule's edge", () => {
  const cases: [string, unknown[], unknown[]][] = [
    ['title', ['Warta Kota', ' Warta '], ['', '   ', 1, ['Warta']]],
    [
      'baseUrl',
      ['https://berita.example', 'http://berita.example/arsip/', 'https://berita.example/'],
      ['berita.example', 'ftp://berita.example', 'https://', 'https://berita .example', 'javascript:alert(1)'],
    ],
    ['pageSize', [1, 50, 2.0], [0, -1, 1.5, '10']],
    ['relatedCount', [0, 8], [-1, 0.5]],
    ['maxArticleBytes', [1, 5_000_000], [0]],
    [
      'iframeHosts',
      [[], ['www.YouTube.com', 'player.vimeo.com']],
      ['www.youtube.com', ['https://www.youtube.com'], ['a b'], [1]],
    ],
    [
      'categories',
      [
        [],
        [
          { slug: 'nasional', name: 'Nasional' },
          { slug: 'luar-negeri', name: 'Luar Negeri' },
        ],
      ],
      [
        { slug: 'a', name: 'A' },
        [{ slug: 'Nasional', name: 'Nasional' }],
        [{ slug: 'a--b', name: 'A' }],
        [{ slug: 'a' }],
        [{ slug: 'a', name: ' ' }],
        [{ slug: 'a', name: 'A', urutan: 1 }],
        ['nasional'],
      ],
    ],
    ['$schema', ['https://example.com/s.json'], [1, {}]],
  ];
  for (const [key, good, bad] of cases) {
    for (const value of good) assert.equal(agreed({ [key]: value }), true);
    for (const value of bad) assert.equal(agreed({ [key]: value }), false);
  }
  for (const shape of [[], 'Warta', 7]) assert.equal(agreed(shape), false);
});

test('the example configs are valid by both', () => {
  for (const file of [
    join(ROOT, 'warta.config.json'),
    join(fixturePath('basic-site'), 'warta.config.json'),
    join(fixturePath('hostile-site'), 'warta.config.json'),
  ]) {
    assert.equal(agreed(JSON.parse(readFileSync(file, 'utf8')), file), true);
  }
});
