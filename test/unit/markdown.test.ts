import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaults } from '../../src/config.js';
import { createBodyRenderer } from '../../src/render/markdown.js';
import { bodyPolicy } from '../../src/render/sanitize.js';

const render = createBodyRenderer(bodyPolicy(defaults.iframeHosts));

test('URLs with a scheme and e-mail addresses become links; a site named in a sentence stays text', () => {
  assert.equal(
    render('Dikutip dari kompas.com dan www.detik.com, lihat https://contoh.id/berita atau surel redaksi@warta.id.')
      .html,
    '<p>Dikutip dari kompas.com dan www.detik.com, lihat <a href="https://contoh.id/berita">https://contoh.id/berita</a> atau surel <a href="mailto:redaksi@warta.id">redaksi@warta.id</a>.</p>\n',
  );
});

test('a paragraph with only an e-mail address, or only a protocol-relative URL, still gets its link', () => {
  assert.equal(
    render('Surel redaksi@warta.id.').html,
    '<p>Surel <a href="mailto:redaksi@warta.id">redaksi@warta.id</a>.</p>\n',
  );
  assert.equal(render('Lihat //contoh.id/x ya.').html, '<p>Lihat <a href="//contoh.id/x">//contoh.id/x</a> ya.</p>\n');
  assert.equal(
    render('Lihat ftp://contoh.id/x ya.').html,
    '<p>Lihat <a href="ftp://contoh.id/x">ftp://contoh.id/x</a> ya.</p>\n',
  );
});

test('raw HTML nested 100 deep is sanitised; deeper, the body shows all its raw HTML as text and says where', () => {
  const nested = (depth: number) => `${'<div>'.repeat(depth)}isi${'</div>'.repeat(depth)}`;
  const ok = render(`Paragraf.\n\n${nested(100)}\n`);
  assert.equal(ok.tooDeep, undefined);
  assert.ok(ok.html.includes(nested(100)));

  const deep = render(`Paragraf <b>tebal</b>.\n\n[tautan](a.md)\n\n${nested(101)}\n`, {
    rewrite: (href) => (href === 'a.md' ? '/a/' : undefined),
  });
  assert.deepEqual(deep.tooDeep, { line: 4 });
  assert.deepEqual(deep.dropped, []);
  assert.equal(
    deep.html,
    `<p>Paragraf &lt;b&gt;tebal&lt;/b&gt;.</p>\n<p><a href="/a/">tautan</a></p>\n<p>${nested(101).replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>\n`,
  );
  assert.deepEqual(deep.links, [{ line: 2, href: 'a.md' }]);
});

test('nesting is counted across blocks of raw HTML, and inside one line of text', () => {
  const blocks = render(`Awal.\n\n${'<div>\n\n'.repeat(101)}Akhir.\n`);
  assert.deepEqual(blocks.tooDeep, { line: 2 });
  assert.equal(render(`Awal.\n\n${'<div>\n\n'.repeat(99)}Akhir.\n`).tooDeep, undefined);
  assert.deepEqual(render(`Awal.\n\nTeks ${'<b>'.repeat(101)}.\n`).tooDeep, { line: 2 });
  assert.equal(render(`Teks ${'<b>x</b>'.repeat(1000)}.\n`).tooDeep, undefined);
  assert.equal(render(`${'<br>'.repeat(1000)}\n\n${'<p>a'.repeat(1000)}\n`).tooDeep, undefined);
});

test("Markdown nested without end stays within markdown-it's own limit, whatever raw HTML follows", () => {
  const quotes = render(`${'>'.repeat(10_000)} isi\n`);
  assert.equal(quotes.html.split('<blockquote>').length - 1, 100);
  assert.equal(render(`${'>'.repeat(10_000)} isi <b>x</b>\n`).tooDeep, undefined);
});

test('dropped raw HTML is reported on the line of its own tag, not the first line of its block', () => {
  const body = [
    'Paragraf pembuka.',
    '',
    '<div class="kotak">',
    '<p>Aman.</p>',
    '<script>alert(1)</script>',
    '<p onclick="x()">Klik</p>',
    '</div>',
    '',
    'Teks <span>biasa</span> lalu',
    'baris kedua <iframe src="https://jahat.example/"></iframe>.',
  ].join('\n');
  assert.deepEqual(
    render(body).dropped.map(({ line, what }) => [line, what.kind, what.tag]),
    [
      [4, 'element', 'script'],
      [5, 'attribute', 'p'],
      [9, 'url', 'iframe'],
    ],
  );
});
