import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { writeArchive } from '../support/generate.js';
import { build, type BuildOptions } from '../../src/build/build.js';
import { createEngine } from '../../src/build/engine.js';
import { DEFAULT_TEMPLATES } from '../../src/render/templates.js';
import { listFiles } from '../support/fixtures.js';
import {
  apply,
  article,
  change,
  edit,
  mtimes,
  options,
  sandbox,
  snapshot,
  summary,
  type Edit,
} from '../support/edits.js';

test('after any sequence of edits, the incremental build equals a clean build byte for byte, search index included', async () => {
  let quick = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 6 }), async (edits) => {
      const box = await sandbox();
      try {
        await build(options(box, 'inc', 'use', true));
        for (const e of edits) {
          await apply(box, e);
          const incremental = await build(options(box, 'inc', 'use', true));
          if (incremental.quick) quick++;
          await rm(join(box.root, 'clean'), { recursive: true, force: true });
          const clean = await build(options(box, 'clean', 'clean', true));
          assert.equal(summary(incremental), summary(clean));
          if (!clean.ok) continue;
          assert.deepEqual(
            await snapshot(join(box.root, 'inc')),
            await snapshot(join(box.root, 'clean')),
            `after ${JSON.stringify(e)}`,
          );
        }
      } finally {
        await rm(box.root, { recursive: true, force: true });
      }
    }),
    { numRuns: 12, seed: 20251127 },
  );
  // Body edits and touches take the quick path (see quick.ts): the property covers it too.
  assert.ok(quick > 0, 'no build took the quick path');
});

test("warta dev's engine, told which files changed, equals a clean build byte for byte", async () => {
  const editorEdit = edit.filter((e) => e.kind !== 'clock');
  await fc.assert(
    fc.asyncProperty(fc.array(editorEdit, { minLength: 1, maxLength: 6 }), async (edits) => {
      const box = await sandbox();
      try {
        const engine = createEngine(options(box, 'dev', undefined));
        await engine.rebuild();
        for (const e of edits) {
          const changed = await apply(box, e);
          const incremental = await engine.rebuild(changed);
          await rm(join(box.root, 'clean'), { recursive: true, force: true });
          const clean = await build(options(box, 'clean', 'clean'));
          assert.equal(summary(incremental), summary(clean));
          if (clean.ok)
            assert.deepEqual(
              await snapshot(join(box.root, 'dev')),
              await snapshot(join(box.root, 'clean')),
              `after ${JSON.stringify(e)}`,
            );
        }
      } finally {
        await rm(box.root, { recursive: true, force: true });
      }
    }),
    { numRuns: 8, seed: 7 },
  );
});

test("warta dev's rehearsal (an article parsed, and its page and the home page rendered, again) writes nothing", async () => {
  const box = await sandbox();
  try {
    const memory: NonNullable<BuildOptions['memory']> = {};
    const dev = { ...options(box, 'dev', 'use'), memory };
    assert.ok((await build(dev)).ok);
    const [before, times] = [await snapshot(join(box.root, 'dev')), await mtimes(join(box.root, 'dev'))];
    const article = memory.listing!.articles()[0]!.path;
    const rehearsal = await build({ ...dev, changed: [join(box.content, article)], rehearse: [article] });
    assert.deepEqual([rehearsal.ok, rehearsal.written, rehearsal.removed], [true, 0, 0]);
    assert.deepEqual(await snapshot(join(box.root, 'dev')), before);
    assert.deepEqual(await mtimes(join(box.root, 'dev')), times);
  } finally {
    await rm(box.root, { recursive: true, force: true });
  }
});

for (const mode of ["warta dev's engine", 'a cold incremental build'] as const) {
  test(`${mode}: an edit that changes how an article is listed, not its words, reaches every page listing it among related stories`, async () => {
    const box = await sandbox();
    try {
      // A theme that shows the related stories' bylines, so a byline edit changes the pages listing it.
      const source = await readFile(join(DEFAULT_TEMPLATES, 'article.njk'), 'utf8');
      await writeFile(
        join(box.templates, 'article.njk'),
        `${source}\n{% block footer %}{{ super() }}{% for s in page.related %}<p>oleh {{ s.byline }}</p>{% endfor %}{% endblock %}\n`,
      );
      const engine = mode === "warta dev's engine" ? createEngine(options(box, 'out', undefined)) : undefined;
      const rebuild = (changed: string[]) => (engine ? engine.rebuild(changed) : build(options(box, 'out', 'use')));
      await rebuild([]);
      const files = (await listFiles(box.content)).filter((f) => f.endsWith('.md')).slice(0, 6);
      for (const [k, f] of files.entries()) {
        await change(join(box.content, f), '', { kind: 'byline', pick: 0, value: k });
        const incremental = await rebuild([join(box.content, f)]);
        await rm(join(box.root, 'clean'), { recursive: true, force: true });
        assert.ok((await build(options(box, 'clean', 'clean'))).ok && incremental.ok);
        assert.deepEqual(
          await snapshot(join(box.root, 'out')),
          await snapshot(join(box.root, 'clean')),
          `after the byline edit of ${f}`,
        );
      }
    } finally {
      await rm(box.root, { recursive: true, force: true });
    }
  });
}

test("warta dev's engine: publishing into a category page by page, each list page links to its neighbours as a clean build's do", async () => {
  const box = await sandbox();
  try {
    const engine = createEngine(options(box, 'dev', undefined));
    await engine.rebuild();
    // With four stories a page, every fourth article makes a new numbered page: from the third
    // on, the page before it then links to a new neighbour while listing the same stories.
    for (let k = 0; k < 13; k++) {
      const added = join(box.content, `halaman-${k}.md`);
      await writeFile(
        added,
        article(`Berita Halaman ${k}`, 0).replace(
          /^date: .*$/m,
          `date: 2025-11-${String(10 + k).padStart(2, '0')} 08:00:00`,
        ),
      );
      assert.ok((await engine.rebuild([added])).ok);
      await rm(join(box.root, 'clean'), { recursive: true, force: true });
      assert.ok((await build(options(box, 'clean', 'clean'))).ok);
      assert.deepEqual(
        await snapshot(join(box.root, 'dev')),
        await snapshot(join(box.root, 'clean')),
        `after adding ${added}`,
      );
    }
  } finally {
    await rm(box.root, { recursive: true, force: true });
  }
});

test("warta dev's engine on worker threads, kept between builds: edits rendered on them, and a template edit reaching them, equal a clean build", async () => {
  const box = await sandbox();
  try {
    // Enough articles for the engine to start workers, which it then keeps.
    await rm(box.content, { recursive: true });
    await writeArchive(box.content, { articles: 120, seed: 9 });
    const engine = createEngine({ ...options(box, 'dev', undefined), jobs: 2 });
    try {
      await engine.rebuild();
      const files = (await listFiles(box.content)).filter((f) => f.endsWith('.md'));
      const edits: Edit[] = [
        { kind: 'title', pick: 3, value: 1 },
        { kind: 'template', value: 1 },
        { kind: 'title', pick: 50, value: 2 },
        { kind: 'template', value: 2 },
        { kind: 'byline', pick: 90, value: 3 },
      ];
      for (const e of edits) {
        const changed = await apply(box, e);
        const result = await engine.rebuild(changed);
        await rm(join(box.root, 'clean'), { recursive: true, force: true });
        assert.ok(result.ok && (await build(options(box, 'clean', 'clean'))).ok);
        assert.deepEqual(
          await snapshot(join(box.root, 'dev')),
          await snapshot(join(box.root, 'clean')),
          `after ${JSON.stringify(e)} (${files.length} articles)`,
        );
      }
    } finally {
      await engine.close();
    }
  } finally {
    await rm(box.root, { recursive: true, force: true });
  }
});
