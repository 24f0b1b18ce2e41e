import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFrontMatter } from '../../src/content/frontmatter.js';

test('each top-level field is found on its line; quoted, nested and block-scalar lines are not fields', () => {
  const text =
    '---\ntitle: A\ncategory :  B\n"quoted": q\n\'single\': s\n#comment: c\nnested:\n  inner: n\ntags:\n  - a\nempty:\nspaced key  : v\ntab\t:\tv\nurl: http://x\nsummary: |\n  teks: di dalam\nsatu: dua\ndate: 2025-04-02 15:22:12\nx:: y\n---\nbody';
  const front = readFrontMatter(text, 'f.md');
  assert.ok(front.ok);
  assert.deepEqual(
    [...front.value.lines],
    [
      ['title', 2],
      ['category', 3],
      ['nested', 7],
      ['tags', 9],
      ['empty', 11],
      ['spaced key', 12],
      ['tab', 13],
      ['url', 14],
      ['summary', 15],
      ['satu', 17],
      ['date', 18],
    ],
  );
  assert.equal(front.value.data['x:'], 'y');
});
