import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { build, type BuildOptions } from '../../src/build/build.js';
import { formatProblem } from '../../src/messages/format.js';
import { listFiles, TEST_CONFIG } from '../support/fixtures.js';

// An editor saves while a build runs: each page is rendered from the bytes its article was
// parsed from, or the build fails and the last good output stays; never the new file cut
// where the old body began.

let scratch: string;
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'warta-saved-'));
});
after(() => rm(scratch, { recursive: true, force: true }));

const text = (front: string, body: string) =>
  `---\ntitle: Judul\nbyline: AP Wira\ncategory: Nasional\ndate: 2025-04-02 15:22:12\n${front}---\n${body}\n`;
const OLD = text('', 'Isi berita lama.');
// Saved with more front matter, so the old body offset falls inside it.
const NEW = text('tags: [Satu, Dua, Tiga]\nsummary: Ringkasan yang panjang sekali.\n', 'Isi berita baru.');

// Over 100 articles, so that jobs 2 parses and renders on worker threads.
for (const jobs of [1, 2]) {
  test(`a file saved between parse and render fails the build, which leaves the last good page, jobs ${jobs}`, async () => {
    const dir = join(scratch, `jobs-${jobs}`);
    const file = join(dir, 'content', 'berita.md');
    await mkdir(join(dir, 'content'), { recursive: true });
    await writeFile(file, OLD);
    for (let i = 0; i < 120; i++) await writeFile(join(dir, 'content', `lain-${i}.md`), text('', `Isi ${i}.`));
    const out = join(dir, 'dist');
    const options: BuildOptions = {
      content: join(dir, 'content'),
      out,
      config: TEST_CONFIG,
      jobs,
      clock: { now: Date.UTC(2026, 0, 1), future: false },
    };
    const page = () => readFileSync(join(out, '2025/04/02/berita/index.html'), 'utf8');
    assert.ok((await build(options)).ok);
    assert.match(page(), /Isi berita lama/);

    let saved = false;
    const during = await build({
      ...options,
      // Parsing is done: the editor saves.
      progress: (stage, done, total) => {
        if (stage !== 'parse' || done < total || saved) return;
        writeFileSync(file, NEW);
        saved = true;
      },
    });
    assert.ok(saved);
    assert.equal(during.ok, false);
    assert.deepEqual(
      during.problems.map((p) => formatProblem(p, 'en')),
      [`${relative(process.cwd(), file)} the file changed during the build; build again`],
    );
    assert.match(page(), /Isi berita lama/);
    for (const f of await listFiles(out))
      assert.doesNotMatch(readFileSync(join(out, f), 'utf8'), /summary:|tags:|byline:/, f);

    assert.ok((await build(options)).ok);
    assert.match(page(), /Isi berita baru/);
    assert.doesNotMatch(page(), /summary:|tags:/);
  });
}
