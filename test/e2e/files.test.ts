import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { heldToPermissions } from '../support/unprivileged.js';
import { listFiles, ROOT } from '../support/fixtures.js';

const NOW = '2026-01-01 00:00:00';

let scratch: string;
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'warta-files-'));
  await chmod(scratch, 0o755);
});
after(() => rm(scratch, { recursive: true, force: true }));

function article(n: number): string {
  return `---\ntitle: Berita ${n}\nbyline: Redaksi\ncategory: Politik\ndate: 2025-04-02 10:${String(n % 60).padStart(2, '0')}:00\n---\nIsi berita ${n}.\n`;
}

/** Runs the CLI in its own process, `held` to file permissions when asked (see heldToPermissions), with English messages; `err` holds what it printed. */
async function warta(cwd: string, args: string[], held = false): Promise<{ code: number; err: string }> {
  const site = [...(args[0] === 'build' ? ['--base-url', 'https://warta.example'] : []), '--lang', 'en'];
  const node = [join(ROOT, 'bin', 'warta.js'), ...args, ...site];
  const [command, argv] = held ? heldToPermissions(node) : [process.execPath, node];
  const child = spawn(command, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stdout.on('data', (d) => (err += d));
  child.stderr.on('data', (d) => (err += d));
  const [code] = (await once(child, 'exit')) as [number];
  return { code, err };
}

test('an article or image that cannot be read is an error naming it, with the build\'s other problems; never "worker failed"', async () => {
  const site = join(scratch, 'unreadable');
  await mkdir(join(site, 'content'), { recursive: true });
  // Enough articles that the build parses on worker threads.
  for (let n = 0; n < 120; n++) await writeFile(join(site, 'content', `berita-${n}.md`), article(n));
  await writeFile(join(site, 'content', 'rusak.md'), '---\ntitle: Rusak\n---\n');
  await symlink(join(site, 'content', 'tidak-ada.md'), join(site, 'content', 'putus.md'));
  execFileSync('mkfifo', [join(site, 'content', 'pipa.md')]);
  await writeFile(join(site, 'content', 'foto.jpg'), 'jpeg');
  await chmod(join(site, 'content', 'berita-7.md'), 0o000);
  await chmod(join(site, 'content', 'foto.jpg'), 0o000);
  for (const args of [
    ['build', '--jobs', '2'],
    ['build', '--jobs', '1'],
    ['check', '--jobs', '2'],
  ]) {
    const { code, err } = await warta(site, [...args, '--now', NOW, '--quiet'], true);
    assert.equal(code, 1, err);
    assert.doesNotMatch(err, /worker failed|\n\s+at /, args.join(' '));
    assert.match(err, /^content\/berita-7\.md cannot read the article: permission denied$/m, args.join(' '));
    assert.match(err, /^content\/foto\.jpg cannot read the file: permission denied$/m);
    assert.match(
      err,
      /^content\/pipa\.md cannot read the article: not a regular file but a named pipe, socket or device$/m,
    );
    assert.match(err, /^content\/putus\.md symbolic link points to nothing$/m);
    assert.match(err, /^content\/rusak\.md byline: required field is missing$/m);
  }
});

/** Every file of a folder with its bytes. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = await listFiles(dir);
  return new Map(
    await Promise.all(files.map(async (f) => [f, (await readFile(join(dir, f))).toString('base64')] as const)),
  );
}

test('a site publishes its articles, allowed files and static folder; backups, other Markdown, HTML and scripted SVGs are reported and left out', async () => {
  const site = join(scratch, 'newsroom');
  for (const folder of ['content/2025/04', 'content/gambar', 'static/.well-known'])
    await mkdir(join(site, folder), { recursive: true });
  const write = (path: string, text: string) => writeFile(join(site, path), text);
  await write('content/2025/04/banjir.md', article(1));
  await write('content/2025/04/banjir.md~', article(2).replace('Berita 2', 'Embargo: Berita 2'));
  await write('content/2025/04/#banjir.md#', article(3));
  await write('content/2025/04/banjir.md.bak', article(4));
  await write('content/2025/04/pemilu.mdx', article(5));
  await write('content/2025/04/halaman.html', '<script>alert(1)</script>');
  await write(
    'content/gambar/grafik.svg',
    '<svg xmlns="http://www.w3.org/2000/svg"><rect width="4" height="3"/></svg>',
  );
  await write('content/gambar/foto.JPG', 'jpeg');
  await write('content/gambar/jahat.svg', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"/>');
  await write('static/CNAME', 'warta.example\n');
  await write('static/google1234.html', 'google-site-verification: google1234.html\n');
  await write('static/.well-known/security.txt', 'Contact: mailto:redaksi@warta.example\n');

  const refused = await warta(site, ['build', '--now', NOW, '--quiet']);
  assert.equal(refused.code, 1, refused.err);
  assert.match(
    refused.err,
    /^content\/gambar\/jahat\.svg an SVG that can run script on the site is not published: it holds an event-handler attribute \(onload\)/m,
  );
  const warnings = [
    "2025/04/#banjir.md# warning: an editor's backup",
    "2025/04/banjir.md.bak warning: an editor's backup",
    "2025/04/banjir.md~ warning: an editor's backup",
    '2025/04/halaman.html warning: HTML under the content folder',
    '2025/04/pemilu.mdx warning: only .md files are articles: this one is not published (rename it to .md to publish it)',
  ];
  for (const w of warnings) assert.ok(refused.err.includes(`content/${w}`), w);
  const checked = await warta(site, ['check', '--now', NOW, '--quiet']);
  assert.equal(checked.code, 1);
  for (const w of [...warnings, 'gambar/jahat.svg an SVG that can run script'])
    assert.ok(checked.err.includes(`content/${w}`), w);

  await rm(join(site, 'content', 'gambar', 'jahat.svg'));
  const built = await warta(site, ['build', '--now', NOW, '--quiet']);
  assert.equal(built.code, 0, built.err);
  for (const w of warnings) assert.ok(built.err.includes(`content/${w}`), w);
  const files = await listFiles(join(site, 'dist'));
  for (const path of [
    '2025/04/02/banjir/index.html',
    'gambar/grafik.svg',
    'gambar/foto.JPG',
    'CNAME',
    'google1234.html',
    '.well-known/security.txt',
  ])
    assert.ok(files.includes(path), path);
  assert.deepEqual(
    files.filter((f) => /~|#|\.bak$|\.mdx$|halaman|jahat/.test(f)),
    [],
  );
  assert.equal(await readFile(join(site, 'dist', 'CNAME'), 'utf8'), 'warta.example\n');
});

test('static files added, changed and removed between incremental builds are published as a clean build publishes them', async () => {
  const site = join(scratch, 'static-edits');
  for (const folder of ['content', 'static']) await mkdir(join(site, folder), { recursive: true });
  for (let n = 0; n < 3; n++) await writeFile(join(site, 'content', `berita-${n}.md`), article(n));
  // Each edit, and what the output's CNAME and verifikasi/kode.txt then hold.
  const edits: [string, () => Promise<unknown>, (string | undefined)[]][] = [
    ['added', () => writeFile(join(site, 'static', 'CNAME'), 'warta.example\n'), ['warta.example\n', undefined]],
    [
      'another added, in a folder',
      async () => (
        await mkdir(join(site, 'static', 'verifikasi'), { recursive: true }),
        writeFile(join(site, 'static', 'verifikasi', 'kode.txt'), 'a\n')
      ),
      ['warta.example\n', 'a\n'],
    ],
    ['changed', () => writeFile(join(site, 'static', 'CNAME'), 'www.warta.example\n'), ['www.warta.example\n', 'a\n']],
    ['removed', () => rm(join(site, 'static', 'CNAME')), [undefined, 'a\n']],
    ['folder removed', () => rm(join(site, 'static', 'verifikasi'), { recursive: true }), [undefined, undefined]],
  ];
  const held = (path: string) => readFile(join(site, 'dist', path), 'utf8').catch(() => undefined);
  const first = await warta(site, ['build', '--now', NOW, '--quiet']);
  assert.equal(first.code, 0, first.err);
  for (const [what, edit, expected] of edits) {
    await edit();
    const incremental = await warta(site, ['build', '--now', NOW, '--quiet']);
    assert.equal(incremental.code, 0, incremental.err);
    await rm(join(site, 'clean'), { recursive: true, force: true });
    const clean = await warta(site, ['build', '--now', NOW, '--quiet', '--clean', '--out', 'clean']);
    assert.equal(clean.code, 0, clean.err);
    assert.deepEqual([await held('CNAME'), await held('verifikasi/kode.txt')], expected, what);
    assert.deepEqual(await snapshot(join(site, 'dist')), await snapshot(join(site, 'clean')), what);
  }
});

test('a static file where the site writes a page is an error naming both', async () => {
  const site = join(scratch, 'static-clash');
  for (const folder of ['content', 'static/2025/04/02/berita-1']) await mkdir(join(site, folder), { recursive: true });
  await writeFile(join(site, 'content', 'berita-1.md'), article(1));
  await writeFile(join(site, 'static', 'feed.xml'), '<rss/>');
  await writeFile(join(site, 'static', '2025', '04', '02', 'berita-1', 'index.html'), 'lama');
  const { code, err } = await warta(site, ['build', '--now', NOW, '--quiet']);
  assert.equal(code, 1, err);
  assert.match(
    err,
    /^static\/feed\.xml 2 sources would write \/feed\.xml: static file static\/feed\.xml, warta's own \/feed\.xml$/m,
  );
  assert.match(
    err,
    /^content\/berita-1\.md 2 sources would write \/2025\/04\/02\/berita-1\/index\.html: content\/berita-1\.md \(\/2025\/04\/02\/berita-1\/\), static file static\/2025\/04\/02\/berita-1\/index\.html$/m,
  );
});

test('--static names the static folder, which must exist and stand apart from the content and output folders', async () => {
  const site = join(scratch, 'static-option');
  for (const folder of ['content/aset', 'milik-situs', 'static']) await mkdir(join(site, folder), { recursive: true });
  await writeFile(join(site, 'content', 'berita-1.md'), article(1));
  await writeFile(join(site, 'milik-situs', 'CNAME'), 'warta.example\n');
  await writeFile(join(site, 'static', 'bawaan.txt'), 'static/ is not used when another folder is named\n');
  const named = await warta(site, ['build', '--now', NOW, '--quiet', '--static', 'milik-situs']);
  assert.equal(named.code, 0, named.err);
  const files = await listFiles(join(site, 'dist'));
  assert.ok(files.includes('CNAME'));
  assert.ok(!files.includes('bawaan.txt'));
  for (const [args, message] of [
    [['--static', 'tidak-ada'], /the static folder "tidak-ada" does not exist/],
    [['--static', 'content/aset'], /must be apart, neither inside the other/],
    [['--static', 'milik-situs', '--out', 'milik-situs/dist'], /is inside the static folder/],
  ] as const) {
    const r = await warta(site, ['build', '--now', NOW, '--quiet', ...args]);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, message);
  }
});
