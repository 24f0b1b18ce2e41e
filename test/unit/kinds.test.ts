import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyFile, PUBLISHED_EXTENSIONS, type Refusal } from '../../src/content/kinds.js';
import { problemMessage } from '../../src/messages/format.js';
import { warning } from '../../src/errors.js';

const kindOf = (name: string) => {
  const kind = classifyFile(name);
  return typeof kind === 'string' ? kind : kind.code;
};

test('what becomes of a file under the content folder, by its name', () => {
  const table: [string, string][] = [
    ['berita.md', 'article'],
    ['BERITA.MD', 'article'],
    ['foto.jpg', 'published'],
    ['FOTO.JPEG', 'published'],
    ['grafik.Svg', 'published'],
    ['laporan.pdf', 'published'],
    ['data.csv', 'published'],
    ['huruf.woff2', 'published'],
    ['berita.md~', 'file-backup'],
    ['#berita.md#', 'file-backup'],
    ['berita.md.bak', 'file-backup'],
    ['berita.md.ORIG', 'file-backup'],
    ['.berita.md.swp', 'file-backup'],
    ['berita.tmp', 'file-backup'],
    ['.DS_Store', 'file-hidden'],
    ['.draf.md', 'file-hidden'],
    ['.gitkeep', 'ignored'],
    ['.gitignore', 'ignored'],
    ['berita.markdown', 'file-markdown'],
    ['berita.MDX', 'file-markdown'],
    ['halaman.html', 'file-html'],
    ['halaman.HTM', 'file-html'],
    ['gaya.css', 'file-type'],
    ['skrip.js', 'file-type'],
    ['CNAME', 'file-type'],
    ['arsip.zip', 'file-type'],
  ];
  assert.deepEqual(
    table.map(([name]) => [name, kindOf(name)]),
    table,
  );
});

test('every extension on the published list is published, in any case', () => {
  for (const ext of PUBLISHED_EXTENSIONS) {
    assert.equal(classifyFile(`berkas.${ext}`), 'published', ext);
    assert.equal(classifyFile(`berkas.${ext.toUpperCase()}`), 'published', ext);
  }
});

test('a refused file is told why, and what to do', () => {
  const told = (name: string) => problemMessage(warning({ ...(classifyFile(name) as Refusal), file: name }), 'en');
  assert.match(told('berita.mdx'), /rename it to \.md to publish it/);
  assert.match(told('berita.md~'), /backup/);
  assert.match(told('halaman.html'), /raw-HTML policy/);
  assert.match(told('gaya.css'), /^\.css files are not published/);
});
