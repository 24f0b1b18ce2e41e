import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cut, plainText, summarise } from '../../src/content/summary.js';

test('the summary is the first paragraph as plain text, skipping headings and images', () => {
  const body =
    '## Subjudul\n\n![foto](/a.jpg)\n\nMenteri **Wang Yi** bertemu [Lavrov](https://x.example) di `Moskow`.\n\nParagraf kedua.';
  assert.equal(summarise(body), 'Menteri Wang Yi bertemu Lavrov di Moskow.');
});

test('long text is cut at a word boundary near 160 characters', () => {
  const words = Array.from({ length: 60 }, (_, i) => `kata${i}`).join(' ');
  const summary = summarise(words);
  assert.ok(summary.length <= 161, `${summary.length}`);
  assert.ok(summary.endsWith('…'));
  assert.ok(words.startsWith(summary.slice(0, -1)));
  assert.ok(!summary.slice(0, -1).endsWith(' '));
});

test('text without spaces is cut at ~160 characters without splitting a character', () => {
  const text = '日本のプロサッカーリーグ'.repeat(20) + '😀'.repeat(100);
  const summary = cut(text, 160);
  assert.equal([...summary.slice(0, -1)].length <= 160, true);
  assert.ok(!/[\uD800-\uDBFF]$/.test(summary.slice(0, -1)), 'no lone surrogate');
  assert.ok(text.startsWith(summary.slice(0, -1)));
});

test('plain text: links, images, tags, emphasis, escapes and entities as they have always come out', () => {
  const cases: [string, string][] = [
    [
      'Lihat ![foto Presiden](/a.jpg "judul") dan [tautan](https://x.id/a_b) serta [teks tanpa tujuan] atau ![gambar]',
      'Lihat foto Presiden dan tautan serta [teks tanpa tujuan] atau ![gambar]',
    ],
    ['[a [b] c](x) [[dobel]](y) ![](kosong) [x](y', '[a [b] c](x) [[dobel]](y) [x](y'],
    ['Teks <b>tebal</b> <a href="x">tautan</a> 3 < 5 dan 7 > 2 <tanpa tutup', 'Teks tebal tautan 3 2 <tanpa tutup'],
    [
      '**tebal** __juga__ *miring* _miring_ ~~coret~~ `kode` ***tiga*** * bukan * _ bukan _',
      'tebal juga miring miring coret kode *tiga* * bukan * _ bukan _',
    ],
    [
      'snake_case_word dan 2*3*4 dan a**b**c serta **tidak tertutup dan _lain',
      'snakecaseword dan 234 dan abc serta **tidak tertutup dan _lain',
    ],
    ['`satu` `` dua `` ~tilde~ ~~a~~b~~ **a **b** c**', 'satu ` dua ` ~tilde~ ab~~ a **b c**'],
    [
      'Escape \\*bukan miring\\* \\[x\\] \\_y\\_ \\\\ \\# \\! &nbsp;spasi&nbsp;&amp;',
      'Escape \\bukan miring\\ [x] \\y\\ \\ # ! spasi &amp;',
    ],
    ['  banyak   spasi\n\tdan\u00a0baris\u2003baru  ', 'banyak spasi dan baris baru'],
    ['*a *a *a* a* _x _y_ z_ `a `b` c`', 'a *a *a a* x _y z_ a `b c`'],
    ['**\n**a**\n** *\u00a0a* *a\u00a0*', '* *a* * * a* *a *'],
  ];
  for (const [markdown, text] of cases) assert.equal(plainText(markdown), text, markdown);
});
