import assert from 'node:assert/strict';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { build } from '../../src/build/build.js';
import type { BuildOptions } from '../../src/build/options.js';
import type { PagePlan } from '../../src/render/plan.js';
import { writeArchive } from '../support/generate.js';
import { TEST_CONFIG } from '../support/fixtures.js';

/** The template pages' plans `warta dev`'s memory holds after a build. */
const listed = (memory: NonNullable<BuildOptions['memory']>): PagePlan[] => memory.plan!.lists.last!.plans;

test('warta dev plans again only the list pages an edit changes: none for a body edit, those listing the story for a headline edit', async () => {
  const root = await mkdtemp(join(tmpdir(), 'warta-dev-plans-'));
  try {
    const content = join(root, 'content');
    await writeArchive(content, { articles: 80, seed: 5 });
    const memory: NonNullable<BuildOptions['memory']> = {};
    const options: BuildOptions = {
      content,
      out: join(root, 'out'),
      config: { ...TEST_CONFIG, pageSize: 4 },
      clock: { now: Date.UTC(2026, 0, 1), future: false },
      jobs: 1,
      cache: 'use',
      memory,
    };
    assert.ok((await build(options)).ok);
    const article = memory.listing!.articles()[10]!;
    const file = join(content, article.path);

    const before = listed(memory);
    await appendFile(file, '\nSatu kalimat lagi di akhir berita.\n');
    assert.ok((await build({ ...options, changed: [file] })).ok);
    assert.equal(listed(memory), before, 'a body edit keeps the last plans whole');

    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(/^title: (["']?)/m, (_, q: string) => `title: ${q}Diperbarui: `),
    );
    assert.ok((await build({ ...options, changed: [file] })).ok);
    const after = listed(memory);
    assert.equal(after.length, before.length);
    const url = memory.assembly!.site.articles.find((a) => a.path === article.path)!.url;
    let replanned = 0;
    for (let i = 0; i < after.length; i++) {
      const html = await readFile(join(options.out, after[i]!.path), 'utf8');
      const lists = html.includes(`href="${url}"`) && after[i]!.kind === 'page' && after[i]!.path !== article.path;
      if (after[i] !== before[i]) replanned++;
      // A page listing the story is planned again (its headline changed); no other page is.
      assert.equal(after[i] !== before[i], lists && html.includes('Diperbarui: '), after[i]!.path);
    }
    assert.ok(replanned >= 3, `${replanned} pages planned again`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
