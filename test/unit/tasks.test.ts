import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { TEST_CONFIG } from '../support/fixtures.js';
import type { ContentFile } from '../../src/content/read.js';
import type { ParsedArticle } from '../../src/content/parse.js';
import { WorkerPool } from '../../src/exec/pool.js';
import { parseBatch } from '../../src/exec/tasks.js';
import { problemMessage } from '../../src/messages/format.js';

let root: string;
before(async () => (root = await mkdtemp(join(tmpdir(), 'warta-tasks-'))));
after(() => rm(root, { recursive: true, force: true }));

/** An article that reads, one turned into a folder and one removed since the listing. */
async function files(): Promise<ContentFile[]> {
  await writeFile(
    join(root, 'baik.md'),
    '---\ntitle: Baik\nbyline: B\ncategory: Politik\ndate: 2025-04-02 10:00:00\n---\nIsi.\n',
  );
  await mkdir(join(root, 'folder.md'), { recursive: true });
  const file = (path: string): ContentFile => ({ path, file: `content/${path}`, abs: join(root, path), stamp: '1:1' });
  return [file('folder.md'), file('baik.md'), file('hilang.md')];
}

const summary = (parsed: (ParsedArticle | null)[]) =>
  parsed.map((p) =>
    p!.article
      ? p!.article.title
      : p!.problems.map((x) => `${x.severity} ${x.code} ${x.file}: ${problemMessage(x, 'en')}`).join('\n'),
  );

const expected = [
  'error file-unreadable content/folder.md: cannot read the article: it is a folder',
  'Baik',
  'error file-unreadable content/hilang.md: cannot read the article: it was removed while the build ran',
];

test('an article that cannot be read is an error naming it, and the other files of the batch are parsed', async () => {
  assert.deepEqual(summary(await parseBatch(await files(), { config: TEST_CONFIG })), expected);
});

test('on a worker too: an unreadable article is a problem of the build, not "worker failed"', async () => {
  const pool = new WorkerPool(1, { config: TEST_CONFIG });
  try {
    const parsed = await pool.send<(ParsedArticle | null)[]>(0, {
      kind: 'parse',
      files: await files(),
      expected: [null, null, null],
    });
    assert.deepEqual(summary(parsed), expected);
  } finally {
    await pool.close();
  }
});

test('a worker has its next batch before it replies to the last: a busy main thread sees replies late', async () => {
  let sent = 0;
  let most = 0;
  const pool = new (class extends WorkerPool {
    override send<T>(worker: number, request: Parameters<WorkerPool['send']>[1]): Promise<T> {
      most = Math.max(most, ++sent);
      return super.send<T>(worker, request).finally(() => sent--);
    }
  })(1, { config: TEST_CONFIG });
  try {
    const parsed = await pool.map<number, (ParsedArticle | null)[]>([1, 2, 3, 4], () => ({
      kind: 'parse',
      files: [],
      expected: [],
    }));
    assert.deepEqual(parsed, [[], [], [], []]);
    assert.equal(most, 2);
  } finally {
    await pool.close();
  }
});

test('as many batches as workers: each worker takes one', async () => {
  const taken: number[] = [];
  const pool = new (class extends WorkerPool {
    override send<T>(worker: number, request: Parameters<WorkerPool['send']>[1]): Promise<T> {
      taken.push(worker);
      return super.send<T>(worker, request);
    }
  })(2, { config: TEST_CONFIG });
  try {
    await pool.map<number, (ParsedArticle | null)[]>([1, 2], () => ({ kind: 'parse', files: [], expected: [] }));
    assert.deepEqual(taken.sort(), [0, 1]);
  } finally {
    await pool.close();
  }
});
