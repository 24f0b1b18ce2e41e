import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { build } from '../../src/build.js';
import { defaults } from '../../src/config.js';
import { formatProblem } from '../../src/errors.js';
import { MemoryWriter } from '../../src/output/writer.js';

// An editor saves while a build runs: the page is rendered from the bytes its article was
// parsed from, or not at all; never the new file cut where the old body began.

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'warta-saved-'));
  await mkdir(join(dir, 'content'));
});
after(() => rm(dir, { recursive: true, force: true }));

const text = (front: string) => `---\ntitle: Judul\nbyline: AP Wira\ncategory: Nasional\ndate: 2025-04-02 15:22:12\n${front}---\nIsi berita yang baru.\n`;

for (const jobs of [1, 2]) {
  test(`a file saved between parse and render fails its page and leaves the last good one, jobs ${jobs}`, async () => {
    const file = join(dir, 'content', 'berita.md');
    await writeFile(file, text(''));
    await writeFile(join(dir, 'content', 'lain.md'), text('slug: lain\n'));
    const writer = new MemoryWriter();
    let saved = false;
    const result = await build({
      content: join(dir, 'content'), out: 'unused', config: defaults, jobs, writer,
      clock: { now: Date.UTC(2026, 0, 1), future: false },
      // Parsing is done: the editor saves, with more front matter than before.
      progress: (stage, done, total) => {
        if (stage !== 'parse' || done < total || saved) return;
        writeFileSync(file, text('tags: [Satu, Dua, Tiga]\nsummary: Ringkasan yang panjang sekali.\n'));
        saved = true;
      },
    });
    assert.ok(saved);
    assert.equal(result.ok, false);
    assert.deepEqual(result.problems.map(formatProblem), [`${relative(process.cwd(), file)} the file changed during the build; build again`]);
    const pages = [...writer.files.keys()];
    assert.ok(!pages.includes('2025/04/02/berita/index.html'), 'the page of the changed file was written');
    assert.ok(pages.includes('2025/04/02/lain/index.html'));
    for (const page of pages) assert.doesNotMatch(writer.text(page)!, /summary:|tags:|byline:/, page);
  });
}
