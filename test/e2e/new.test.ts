import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { wibDay } from '../../src/time.js';
import { cli } from '../support/cli.js';

let scratch: string;
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'warta-new-'));
});
after(() => rm(scratch, { recursive: true, force: true }));

test('warta new files a draft under its WIB date, whatever the machine zone, and checks until filled', async () => {
  assert.equal(process.env.TZ, 'Pacific/Honolulu', 'the suite runs in a zone far from WIB');
  // 31 March 10:00 in Honolulu is already 1 April 03:00 in Jakarta.
  const made = await cli(
    scratch,
    'new',
    'Jokowi: Kami Siap!',
    '--at',
    '2025-03-31T10:00:00-10:00',
    '--category',
    'Nasional',
  );
  assert.equal(made.code, 0, made.err);
  assert.equal(made.out, `${join('content', '2025', '04', 'jokowi-kami-siap.md')}\n`);
  const text = await readFile(join(scratch, 'content/2025/04/jokowi-kami-siap.md'), 'utf8');
  assert.equal(
    text,
    [
      '---',
      'title: "Jokowi: Kami Siap!"',
      'byline:  # WAJIB DIISI: nama penulis',
      'category: "Nasional"',
      'date: 2025-04-01 03:00:00',
      'draft: true',
      '---',
      'Tulis berita di sini. Hapus baris `draft: true` jika berita siap terbit.',
      '',
    ].join('\n'),
  );
  const checked = await cli(scratch, 'check', '--quiet', '--format', 'json');
  assert.equal(checked.code, 1);
  assert.deepEqual(
    JSON.parse(checked.out).map((p: { line: number; field: string; code: string }) => [p.line, p.field, p.code]),
    [[3, 'byline', 'missing']],
  );
  await writeFile(
    join(scratch, 'content/2025/04/jokowi-kami-siap.md'),
    text.replace('byline:  # WAJIB DIISI: nama penulis', 'byline: AP Wira'),
  );
  assert.equal((await cli(scratch, 'check', '--quiet')).code, 0);
});

test('warta new without --at takes now in WIB; it never replaces a file', async () => {
  const before = wibDay(Date.now());
  const made = await cli(scratch, 'new', 'Rapat Kabinet', '--byline', 'AP Wira');
  const after = wibDay(Date.now());
  assert.equal(made.code, 0, made.err);
  const folders = [before, after].map((d) => join('content', d.year, d.month, 'rapat-kabinet.md'));
  assert.ok(folders.includes(made.out.trim()), made.out);
  const again = await cli(scratch, 'new', 'Rapat Kabinet', '--at', new Date().toISOString());
  assert.equal(again.code, 1);
  assert.equal(again.err, `warta: ${made.out.trim()} sudah ada; tidak ada yang ditulis\n`);
  assert.equal(again.out, '');
  const english = await cli(scratch, 'new', 'Rapat Kabinet', '--lang', 'en', '--at', new Date().toISOString());
  assert.equal(english.code, 1);
  assert.equal(english.err, `warta: ${made.out.trim()} already exists; nothing was written\n`);
  await writeFile(join(scratch, 'warta.config.json'), JSON.stringify({ language: 'en' }));
  try {
    const configured = await cli(scratch, 'new', 'Rapat Kabinet', '--at', new Date().toISOString());
    assert.equal(configured.err, english.err, 'the config asks for English');
  } finally {
    await rm(join(scratch, 'warta.config.json'));
  }
  const bad = await cli(scratch, 'new', '!!!');
  assert.equal(bad.code, 2);
  assert.equal((await cli(scratch, 'build', '--at', '2025-04-01 10:00')).code, 2);
});
