import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { build, type BuildOptions } from '../../src/build/build.js';
import { DEFAULT_TEMPLATES } from '../../src/render/templates.js';
import { listFiles, TEST_CONFIG } from '../support/fixtures.js';
import { writeArchive } from '../support/generate.js';

/** Every file of a folder, by path. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = await listFiles(dir);
  return new Map(
    await Promise.all(files.map(async (f) => [f, (await readFile(join(dir, f))).toString('base64')] as const)),
  );
}

test('a template-only change renders every page around the bodies the last build wrote, parsing and rendering no Markdown, and equals a clean build', async () => {
  const root = await mkdtemp(join(tmpdir(), 'warta-template-'));
  try {
    const content = join(root, 'content');
    const templates = join(root, 'templates');
    // 120 articles: enough for the worker threads of a build with two jobs.
    await writeArchive(content, { articles: 120, seed: 11 });
    await mkdir(templates);
    const options = (out: string, jobs: number, cache: BuildOptions['cache']): BuildOptions => ({
      content,
      out: join(root, out),
      templates,
      config: TEST_CONFIG,
      clock: { now: Date.UTC(2026, 0, 1), future: false },
      jobs,
      cache,
    });
    const source = await readFile(join(DEFAULT_TEMPLATES, 'article.njk'), 'utf8');
    for (const jobs of [1, 2]) {
      await writeFile(join(templates, 'article.njk'), source);
      const before = await build(options(`out-${jobs}`, jobs, 'use'));
      assert.ok(before.ok);
      // A page changed by hand since: its body is rendered again, not taken from it.
      const page = (await listFiles(join(root, `out-${jobs}`))).find((f) =>
        /^\d{4}\/\d\d\/\d\d\/.+\/index\.html$/.test(f),
      )!;
      const tampered = join(root, `out-${jobs}`, page);
      await writeFile(tampered, `${await readFile(tampered, 'utf8')}<!-- diubah -->`);
      await writeFile(
        join(templates, 'article.njk'),
        `${source}\n{% block footer %}{{ super() }}<!-- varian ${jobs} -->{% endblock %}\n`,
      );
      const after = await build(options(`out-${jobs}`, jobs, 'use'));
      assert.deepEqual(
        [after.ok, after.incremental, after.parsed, after.rendered >= after.published, after.reused],
        [true, true, 0, true, after.published - 1],
      );
      await rm(join(root, 'clean'), { recursive: true, force: true });
      assert.ok((await build(options('clean', jobs, 'clean'))).ok);
      assert.deepEqual(await snapshot(join(root, `out-${jobs}`)), await snapshot(join(root, 'clean')));
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
