import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { build } from '../../src/build/build.js';
import { NullWriter } from '../../src/build/check.js';
import { FolderWriter } from '../../src/output/staging.js';
import { MemoryWriter } from '../../src/output/writer.js';
import { cli } from '../support/cli.js';
import { fixturePath, TEST_CONFIG } from '../support/fixtures.js';

const NOW = '2026-01-01 00:00:00';
const HOSTILE = fixturePath('hostile-site');

let scratch: string;
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'warta-check-'));
});
after(() => rm(scratch, { recursive: true, force: true }));

test('no writer puts a file outside its folder, whatever path it is given', async () => {
  const folder = join(scratch, 'writers');
  for (const writer of [new MemoryWriter(), new NullWriter(), new FolderWriter(folder)]) {
    for (const path of [
      '../luar.html',
      '/etc/passwd',
      'a/../../luar.html',
      'a\\..\\..\\luar.html',
      '..',
      'a/\0/b',
      '',
    ]) {
      await assert.rejects(
        writer.write(path, 'x'),
        /refusing to write outside the output folder/,
        `${writer.constructor.name} ${JSON.stringify(path)}`,
      );
      await assert.rejects(
        writer.copy(path, join(HOSTILE, 'rahasia.md')),
        /refusing to write outside the output folder/,
      );
    }
  }
  assert.equal(existsSync(join(scratch, 'luar.html')), false);
});

test('symbolic links under content/ that lead outside it are refused, and nothing is read through them', async () => {
  const site = join(scratch, 'symlinks');
  await mkdir(join(site, 'content'), { recursive: true });
  await writeFile(join(site, 'rahasia.txt'), 'kata sandi');
  await symlink(join(site, 'rahasia.txt'), join(site, 'content', 'rahasia.txt'));
  await symlink('..', join(site, 'content', 'naik'));
  const writer = new MemoryWriter();
  const result = await build({
    content: join(site, 'content'),
    out: 'unused',
    config: TEST_CONFIG,
    clock: { now: 0, future: false },
    jobs: 1,
    writer,
  });
  assert.deepEqual(result.problems.map((p) => p.code).sort(), ['symlink-outside', 'symlink-outside']);
  assert.equal(writer.files.size, 0);
});

test('a static file whose name no URL can hold is an error, not a crash', async () => {
  const site = join(scratch, 'backslash');
  await mkdir(join(site, 'content'), { recursive: true });
  await writeFile(join(site, 'content', 'foto\\x.jpg'), 'x');
  const result = await build({
    content: join(site, 'content'),
    out: 'unused',
    config: TEST_CONFIG,
    clock: { now: 0, future: false },
    jobs: 1,
    writer: new NullWriter(),
  });
  assert.deepEqual(
    result.problems.map((p) => p.code),
    ['file-name'],
  );
});

test('a static file where a page needs a folder is a collision naming both, not a crash', async () => {
  const site = join(scratch, 'file-folder');
  await mkdir(join(site, 'content'), { recursive: true });
  await mkdir(join(site, 'static'), { recursive: true });
  await writeFile(join(site, 'static', 'politik'), 'berkas tanpa akhiran');
  await writeFile(
    join(site, 'content', 'a.md'),
    '---\ntitle: A\nbyline: B\ncategory: Politik\ndate: 2025-04-02 10:00:00\n---\nx\n',
  );
  const result = await build({
    content: join(site, 'content'),
    static: join(site, 'static'),
    out: join(site, 'dist'),
    config: TEST_CONFIG,
    clock: { now: Date.UTC(2026, 0, 1), future: false },
    jobs: 1,
  });
  assert.deepEqual(
    result.problems.map((p) => p.code),
    ['url-collision'],
  );
});

test('warta check --format github prints one GitHub Actions annotation per problem', async () => {
  const json = await cli(HOSTILE, 'check', '--now', NOW, '--quiet', '--format', 'json');
  const github = await cli(HOSTILE, 'check', '--now', NOW, '--quiet', '--format', 'github');
  assert.equal(github.code, 1);
  const rows = JSON.parse(json.out) as {
    severity: string;
    file: string | null;
    line: number | null;
    column: number | null;
    code: string;
  }[];
  const lines = github.out.split('\n').filter(Boolean);
  assert.equal(lines.length, rows.length);
  // ::error file=F,line=L,col=C,title=T::message — values escape %, CR, LF (and `:` `,` in properties).
  const annotation =
    /^::(error|warning) (?:file=((?:[^,:%\r\n]|%[0-9A-F]{2})+),)?(?:line=(\d+),)?(?:col=(\d+),)?title=([a-z-]+)::((?:[^%\r\n]|%25|%0D|%0A)+)$/;
  lines.forEach((line, i) => {
    const m = annotation.exec(line);
    assert.ok(m, line);
    assert.equal(m[1], rows[i]!.severity);
    assert.equal(m[3] === undefined ? null : Number(m[3]), rows[i]!.line);
    assert.equal(m[5], rows[i]!.code);
  });
  assert.ok(
    lines.includes(
      '::error file=content/rusak/kunci-ganda.md,line=6,title=duplicate-key::kolom "title" ditulis dua kali: hapus salah satunya',
    ),
    github.out,
  );
});
