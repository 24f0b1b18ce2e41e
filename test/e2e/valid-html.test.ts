import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { build } from '../../src/build/build.js';
import { MemoryWriter } from '../../src/output/writer.js';
import { buildFixture, ROOT, siteConfig } from '../support/fixtures.js';

// The recommended rules, less three matters of style: lower-case `<!doctype html>` is the
// theme's choice, news headlines plus the site name often pass 70 characters, and Markdown
// tables align their columns with inline `text-align` styles.
const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: { 'doctype-style': 'off', 'long-title': 'off', 'no-inline-style': 'off' },
});

async function invalidPages(writer: MemoryWriter): Promise<string[]> {
  const problems: string[] = [];
  for (const path of [...writer.files.keys()].filter((p) => p.endsWith('.html')).sort()) {
    const report = await validator.validateString(writer.text(path)!, path);
    for (const result of report.results)
      for (const m of result.messages) problems.push(`${path}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
  }
  return problems;
}

test('every page of the sample archive is valid HTML', async () => {
  const config = await siteConfig(join(ROOT, 'warta.config.json'));
  const writer = new MemoryWriter();
  const result = await build({
    content: join(ROOT, 'content'),
    out: 'unused',
    templates: join(ROOT, 'templates'),
    config,
    clock: { now: Date.UTC(2026, 0, 1), future: false },
    jobs: 1,
    writer,
  });
  assert.ok(result.ok);
  assert.ok(writer.files.size > 40);
  assert.deepEqual(await invalidPages(writer), []);
});

test('every page of the basic fixture, hostile titles and raw HTML included, is valid HTML', async () => {
  const { writer, result } = await buildFixture('basic-site');
  assert.ok(result.ok);
  assert.deepEqual(await invalidPages(writer), []);
});
