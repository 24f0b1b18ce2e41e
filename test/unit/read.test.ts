import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { after, before, test } from 'node:test';
import { listContent, listContentOnThread, type ContentFile, type ContentListing } from '../../src/content/read.js';
import type { Problem } from '../../src/errors.js';

let root: string;
before(async () => (root = await mkdtemp(join(tmpdir(), 'warta-read-'))));
after(() => rm(root, { recursive: true, force: true }));

test('the content folder listed on a thread is the listing made here, problems included', async () => {
  const content = join(root, 'content');
  for (const folder of ['2025/04', '2025/05', 'foto', '.git', 'arsip\\lama/2020']) await mkdir(join(content, folder), { recursive: true });
  for (const [path, text] of [['2025/04/banjir.md', 'a'], ['2025/05/pemilu.MD', 'bb'], ['2025/04/ä-ö.md', 'c'], ['foto/x.jpg', 'd'], ['.git/HEAD', 'e'], ['foto\\y.jpg', 'f'], ['tentang.md', 'g'], ['arsip\\lama/2020/banjir.md', 'h']]) {
    await writeFile(join(content, path!), text!);
  }
  await writeFile(join(root, 'luar.md'), 'x');
  await symlink(join(root, 'luar.md'), join(content, 'luar.md'));
  await symlink(join(content, 'tentang.md'), join(content, 'juga.md'));

  const here = await listContent(content);
  assert.deepEqual(here.articles().map((f) => f.path), ['2025/04/banjir.md', '2025/04/ä-ö.md', '2025/05/pemilu.MD', 'juga.md', 'tentang.md']);
  assert.deepEqual(here.statics.map((f) => f.path), ['foto/x.jpg']);
  // A file in a folder whose name no URL path can hold is named too.
  assert.deepEqual(here.problems.map((p) => [p.code, p.file?.split(sep).pop()]).sort(), [['file-name', 'banjir.md'], ['file-name', 'foto\\y.jpg'], ['symlink-outside', 'luar.md']]);
  assert.deepEqual(plain(await listContentOnThread(content)), plain(here));
  // Shared between threads, by the entries of the top two levels: the parts, joined, are the whole listing.
  for (const threads of [2, 3, 5]) assert.deepEqual(plain(await listContentOnThread(content, threads)), plain(here), `${threads} threads`);
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
      assert.deepEqual((await listContent(content)).articles().map((f) => f.file), [expected], `from ${cwd}`);
      assert.deepEqual((await listContentOnThread(content)).articles().map((f) => f.file), [expected], `from ${cwd}, on a thread`);
    }
  } finally {
    process.chdir(previous);
  }
});

/** What a listing holds, as plain data to compare. */
function plain(listing: ContentListing): { articles: ContentFile[]; statics: ContentFile[]; problems: Problem[] } {
  return { articles: listing.articles(), statics: listing.statics, problems: listing.problems };
}
