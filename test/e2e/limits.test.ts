import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { cli } from '../support/cli.js';
import { fixturePath } from '../support/fixtures.js';

const NOW = '2026-01-01 00:00:00';

let site: string;
before(async () => {
  site = await mkdtemp(join(tmpdir(), 'warta-limits-'));
  await cp(fixturePath('basic-site'), site, { recursive: true });
  const nested = `${'<div>'.repeat(150)}Isi tersembunyi${'</div>'.repeat(150)}`;
  await writeFile(
    join(site, 'content', '2025', '04', 'html-dalam.md'),
    `---\ntitle: HTML Terlalu Dalam\nbyline: Redaksi\ncategory: Ekonomi\ndate: 2025-04-05 10:00:00\n---\nParagraf <b>pertama</b>.\n\n${nested}\n`,
  );
});
after(() => rm(site, { recursive: true, force: true }));

test('raw HTML nested too deep is a warning naming file and line, and the page shows it as text', async () => {
  const check = await cli(site, 'check', '--now', NOW, '--format', 'json', '--lang', 'en');
  assert.equal(check.code, 0, check.err);
  const rows = (JSON.parse(check.out) as { code: string; file: string; line: number; message: string }[]).filter(
    (r) => r.code === 'html-too-deep',
  );
  assert.deepEqual(
    rows.map(({ file, line }) => ({ file, line })),
    [{ file: 'content/2025/04/html-dalam.md', line: 9 }],
  );
  assert.match(rows[0]!.message, /more than 100 deep: all raw HTML of this article is shown as text/);

  const build = await cli(site, 'build', '--now', NOW);
  assert.equal(build.code, 0, build.err);
  const page = await readFile(join(site, 'dist', '2025', '04', '05', 'html-dalam', 'index.html'), 'utf8');
  assert.ok(page.includes('<p>Paragraf &lt;b&gt;pertama&lt;/b&gt;.</p>'));
  assert.ok(page.includes(`${'&lt;div&gt;'.repeat(150)}Isi tersembunyi`));
  assert.ok(!page.includes('<div><div>'));
});
