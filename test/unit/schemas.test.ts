import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { problemsJson } from '../../src/build/check.js';
import { readFrontMatter } from '../../src/content/frontmatter.js';
import { KNOWN_FIELDS } from '../../src/content/known-fields.js';
import { error, PROBLEM_CODES, warning } from '../../src/errors.js';
import { ROOT } from '../support/fixtures.js';

const load = (name: string) => JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8'));
const ajv = () => new Ajv.default({ strict: true, strictRequired: false, allErrors: true, allowUnionTypes: true });

test("the front-matter schema names exactly the contract's fields, and accepts the example articles", () => {
  const schema = load('front-matter.schema.json');
  assert.deepEqual(Object.keys(schema.properties).sort(), [...KNOWN_FIELDS].sort());
  const validate = ajv().compile(schema);
  const folder = join(ROOT, 'scaffold', 'content', '2025', '01');
  for (const name of readdirSync(folder)) {
    const front = readFrontMatter(readFileSync(join(folder, name), 'utf8'), name);
    assert.ok(front.ok);
    assert.ok(validate(front.value.data), `${name}: ${JSON.stringify(validate.errors)}`);
  }
  const article = {
    title: 'Judul',
    byline: ['AP Wira'],
    category: 'Nasional',
    date: '2025-04-02 15:22:12',
    corrections: [{ at: 'Rabu, 2 April 2025 16:2:20 WIB', text: 'Ralat' }],
  };
  assert.ok(validate(article), JSON.stringify(validate.errors));
  assert.ok(validate({ title: 'Tentang Kami', type: 'page' }));
  for (const bad of [
    { ...article, Draft: true },
    { ...article, draft: 'ya' },
    { ...article, date: 'kemarin' },
    { ...article, slug: 'Pemilu_2029' },
    { title: 'Tanpa tanggal', byline: 'A', category: 'B' },
  ]) {
    assert.equal(validate(bad), false, JSON.stringify(bad));
  }
});

test('warta check --format json output matches its schema', () => {
  const validate = ajv().compile(load('check-output.schema.json'));
  assert.deepEqual(validate.schema && (load('check-output.schema.json').items.properties.code.enum as string[]), [
    ...PROBLEM_CODES,
  ]);
  const problems = PROBLEM_CODES.map((code, i) =>
    (i % 2 ? warning : error)({
      code,
      file: 'content/a.md',
      line: i + 1,
      params: { value: '"x"', reason: 'timestamp', risk: 'xhtml' },
    }),
  );
  problems.push(error({ code: 'config-shape' }));
  for (const lang of ['id', 'en'] as const) {
    const rows = JSON.parse(problemsJson(problems, lang));
    assert.ok(validate(rows), JSON.stringify(validate.errors));
  }
  assert.equal(
    validate([{ severity: 'fatal', file: null, line: null, column: null, field: null, code: 'yaml', message: '' }]),
    false,
  );
});
