import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { after, before, test } from 'node:test';
import {
  listContent,
  listContentOnThread,
  updateListing,
  type ContentFile,
  type ContentListing,
} from '../../src/content/read.js';
import type { Problem } from '../../src/errors.js';
import { problemMessage } from '../../src/messages/format.js';

let root: string;
before(async () => (root = await mkdtemp(join(tmpdir(), 'warta-read-'))));
after(() => rm(root, { recursive: true, force: true }));

test('the content folder listed on a thread is the listing made here, problems included', async () => {
  const content = join(root, 'content');
  for (const folder of ['2025/04', '2025/05', 'foto', '.git', 'arsip\\lama/2020'])
    await mkdir(join(content, folder), { recursive: true });
  for (const [path, text] of [
    ['2025/04/banjir.md', 'a'],
    ['2025/05/pemilu.MD', 'bb'],
    ['2025/04/ä-ö.md', 'c'],
    ['foto/x.jpg', 'd'],
    ['.git/HEAD', 'e'],
    ['foto\\y.jpg', 'f'],
    ['tentang.md', 'g'],
    ['arsip\\lama/2020/banjir.md', 'h'],
  ]) {
    await writeFile(join(content, path!), text!);
  }
  await writeFile(join(root, 'luar.md'), 'x');
  await symlink(join(root, 'luar.md'), join(content, 'luar.md'));
  await symlink(join(content, 'tentang.md'), join(content, 'juga.md'));

  const here = await listContent(content);
  assert.deepEqual(
    here.articles().map((f) => f.path),
    ['2025/04/banjir.md', '2025/04/ä-ö.md', '2025/05/pemilu.MD', 'juga.md', 'tentang.md'],
  );
  assert.deepEqual(
    here.statics.map((f) => f.path),
    ['foto/x.jpg'],
  );
  // A file in a folder whose name no URL path can hold is named too.
  assert.deepEqual(here.problems.map((p) => [p.code, p.file?.split(sep).pop()]).sort(), [
    ['file-name', 'banjir.md'],
    ['file-name', 'foto\\y.jpg'],
    ['symlink-outside', 'luar.md'],
  ]);
  assert.deepEqual(plain(await listContentOnThread(content)), plain(here));
  // Shared between threads, by the entries of the top two levels: the parts, joined, are the whole listing.
  for (const threads of [2, 3, 5])
    assert.deepEqual(plain(await listContentOnThread(content, threads)), plain(here), `${threads} threads`);
});

test('a listing thread that fails rejects with its error', async () => {
  await assert.rejects(listContentOnThread(join(root, 'tidak-ada')), /ENOENT/);
});

test('files are named from the working folder, wherever it is: above, beside or inside the content folder', async () => {
  const content = join(root, 'named');
  await mkdir(join(content, '2025', '04'), { recursive: true });
  await writeFile(join(content, '2025', '04', 'banjir.md'), 'a');
  const previous = process.cwd();
  try {
    for (const cwd of [root, join(content, '2025'), join(content, '2025', '04'), content, tmpdir()]) {
      process.chdir(cwd);
      const expected = relative(cwd, join(content, '2025', '04', 'banjir.md'));
      assert.deepEqual(
        (await listContent(content)).articles().map((f) => f.file),
        [expected],
        `from ${cwd}`,
      );
      assert.deepEqual(
        (await listContentOnThread(content)).articles().map((f) => f.file),
        [expected],
        `from ${cwd}, on a thread`,
      );
    }
  } finally {
    process.chdir(previous);
  }
});

/** What a listing holds, as plain data to compare. */
function plain(listing: ContentListing): {
  articles: ContentFile[];
  statics: ContentFile[];
  siteFiles: ContentFile[];
  problems: Problem[];
} {
  return {
    articles: listing.articles(),
    statics: listing.statics,
    siteFiles: listing.siteFiles,
    problems: listing.problems,
  };
}

test('backups, other Markdown spellings, HTML and unknown types are warned about and not listed for publishing', async () => {
  const content = join(root, 'published');
  await mkdir(join(content, '2025'), { recursive: true });
  await mkdir(join(content, '.cache'), { recursive: true });
  const names = [
    'berita.md',
    'berita.md~',
    '#berita.md#',
    'berita.md.bak',
    '.berita.md.swp',
    'berita.mdx',
    'berita.markdown',
    'halaman.html',
    'foto.JPG',
    'grafik.svg',
    'data.csv',
    'gaya.css',
    '.DS_Store',
    '.gitkeep',
  ];
  for (const name of names) await writeFile(join(content, '2025', name), 'x');
  await writeFile(join(content, '.cache', 'berita.md'), 'x');
  const listing = await listContent(content);
  assert.deepEqual(
    listing.articles().map((f) => f.path),
    ['2025/berita.md'],
  );
  assert.deepEqual(
    listing.statics.map((f) => f.path),
    ['2025/data.csv', '2025/foto.JPG', '2025/grafik.svg'],
  );
  const warned = listing.problems.map((p) => [p.severity, p.code, p.file!.split(sep).pop()]);
  assert.deepEqual(warned, [
    ['warning', 'file-backup', '#berita.md#'],
    ['warning', 'file-hidden', '.DS_Store'],
    ['warning', 'file-backup', '.berita.md.swp'],
    ['warning', 'file-markdown', 'berita.markdown'],
    ['warning', 'file-backup', 'berita.md.bak'],
    ['warning', 'file-markdown', 'berita.mdx'],
    ['warning', 'file-backup', 'berita.md~'],
    ['warning', 'file-type', 'gaya.css'],
    ['warning', 'file-html', 'halaman.html'],
  ]);
  assert.deepEqual(plain(await listContentOnThread(content, 2)), plain(listing));
});

test('a named pipe named as an article is an error naming it, not a read that never ends; other pipes are warned about', async () => {
  const content = join(root, 'pipes');
  await mkdir(content, { recursive: true });
  await writeFile(join(content, 'a.md'), 'x');
  execFileSync('mkfifo', [join(content, 'pipa.md'), join(content, 'pipa.jpg')]);
  await symlink(join(content, 'pipa.md'), join(content, 'tautan.md'));
  const listing = await listContent(content);
  assert.deepEqual(
    listing.articles().map((f) => f.path),
    ['a.md'],
  );
  assert.deepEqual(listing.statics, []);
  assert.deepEqual(
    listing.problems.map((p) => [p.severity, p.code, p.file!.split(sep).pop()]),
    [
      ['warning', 'file-special', 'pipa.jpg'],
      ['error', 'file-unreadable', 'pipa.md'],
      ['error', 'file-unreadable', 'tautan.md'],
    ],
  );
  assert.match(
    problemMessage(listing.problems[1]!, 'en'),
    /^cannot read the article: not a regular file but a named pipe/,
  );
});

test('the static folder is listed whole, hidden files and all but .git, beside the content folder', async () => {
  const site = join(root, 'site');
  for (const folder of ['content', 'static/.well-known', 'static/.git', 'static/verifikasi'])
    await mkdir(join(site, folder), { recursive: true });
  await writeFile(join(site, 'content', 'a.md'), 'x');
  for (const path of [
    'CNAME',
    'berkas.html',
    'skrip.js',
    '.well-known/security.txt',
    '.git/HEAD',
    'verifikasi/google1234.html',
    'cadangan.md~',
    'b.md',
  ])
    await writeFile(join(site, 'static', path), 'x');
  await writeFile(join(root, 'luar.txt'), 'x');
  await symlink(join(root, 'luar.txt'), join(site, 'static', 'luar.txt'));
  const listing = await listContent(join(site, 'content'), join(site, 'static'));
  assert.deepEqual(
    listing.articles().map((f) => f.path),
    ['a.md'],
  );
  assert.deepEqual(listing.statics, []);
  assert.deepEqual(
    listing.siteFiles.map((f) => [f.path, relative(site, f.abs)]),
    [
      ['.well-known/security.txt', join('static', '.well-known', 'security.txt')],
      ['CNAME', join('static', 'CNAME')],
      ['b.md', join('static', 'b.md')],
      ['berkas.html', join('static', 'berkas.html')],
      ['cadangan.md~', join('static', 'cadangan.md~')],
      ['skrip.js', join('static', 'skrip.js')],
      ['verifikasi/google1234.html', join('static', 'verifikasi', 'google1234.html')],
    ],
  );
  assert.deepEqual(
    listing.problems.map((p) => [p.code, problemMessage(p, 'en')]),
    [['symlink-outside', 'symbolic link points outside the static folder; copy the file in instead']],
  );
  assert.deepEqual(plain(await listContentOnThread(join(site, 'content'), 2, join(site, 'static'))), plain(listing));
});

test("a watcher's change to a file not published as named, or in the static folder, asks for a walk", async () => {
  const site = join(root, 'watched');
  for (const folder of ['content', 'static']) await mkdir(join(site, folder), { recursive: true });
  await writeFile(join(site, 'content', 'a.md'), 'x');
  await writeFile(join(site, 'static', 'CNAME'), 'x');
  const listing = await listContent(join(site, 'content'), join(site, 'static'));
  await writeFile(join(site, 'content', 'a.md'), 'xy');
  const updated = await updateListing(listing, join(site, 'content'), [join(site, 'content', 'a.md')]);
  assert.deepEqual(updated?.siteFiles, listing.siteFiles);
  assert.equal(updated?.articles()[0]!.stamp.split(':')[0], '2');
  await writeFile(join(site, 'content', 'a.md~'), 'x');
  assert.equal(await updateListing(listing, join(site, 'content'), [join(site, 'content', 'a.md~')]), undefined);
  assert.equal(await updateListing(listing, join(site, 'content'), [join(site, 'static', 'CNAME')]), undefined);
});
