import assert from 'node:assert/strict';
import { test } from 'node:test';
import { searchPage, searchRecord } from '../../src/render/search.js';
import { searchText } from '../../src/render/search-text.js';
import { partMonths, partSignature, searchParts, type PartMember } from '../../src/render/search-parts.js';
import type { Site } from '../../src/site/assemble.js';
import { parseTimestamp } from '../../src/time.js';

/** Epoch milliseconds of a WIB timestamp. */
function wib(text: string): number {
  const t = parseTimestamp(text);
  assert.ok(t.ok, text);
  return t.instant;
}

/** Dates newest first, as the site's published articles come: `count` stories on each WIB day given. */
function datesOf(days: [day: string, count: number][]): number[] {
  return days
    .flatMap(([day, count]) =>
      Array.from({ length: count }, (_, k) => wib(`${day} ${String(k % 24).padStart(2, '0')}:00:00`)),
    )
    .sort((a, b) => b - a);
}

test('an article becomes the record Pagefind indexes: headline and body text, category, WIB date, year and month filters, its time to sort by', () => {
  const article = {
    title: 'Banjir Rob di Jakarta Utara',
    url: '/2025/04/02/banjir-rob/',
    date: wib('2025-04-02 00:30:00'),
  };
  assert.deepEqual(searchRecord(article, 'Metropolitan', 'Air laut naik.\nWarga mengungsi.', 'id-ID'), {
    url: '/2025/04/02/banjir-rob/',
    content: 'Banjir Rob di Jakarta Utara.\nAir laut naik.\nWarga mengungsi.',
    language: 'id',
    meta: {
      title: 'Banjir Rob di Jakarta Utara',
      kategori: 'Metropolitan',
      tanggal: 'Rabu, 2 April 2025 00:30:00 WIB',
    },
    filters: { kategori: ['Metropolitan'], tahun: ['2025'], bulan: ['2025-04'] },
    // Results are shown newest first: the UTC time sorts as text, where WIB's wall clock would not across the offsets of old years.
    sort: { tanggal: '2025-04-01T17:30:00.000Z' },
  });
});

test("a body's text is what a reader reads: Markdown's marks and raw HTML's tags gone, blocks on lines of their own", () => {
  const markdown = [
    '## Bayang-bayang *sejarah* 1945',
    '',
    'Harga **naik** &amp; ~~turun~~: lihat [laporan BPS](https://bps.go.id/a_(b) "judul") dan [arsip][1].',
    'Baris `kode` ini dan\\* bintang, <https://warta.example/x>, nama_berkas, _miring_.',
    '',
    '![Foto banjir](/images/banjir.jpg)',
    '',
    '> Kutipan **tokoh**',
    '',
    '- satu',
    '* dua',
    '1. tiga',
    '',
    '| Kota | Harga |',
    '|---|:---:|',
    '| Medan | Rp&nbsp;10.000 |',
    '',
    '```js',
    'const x = 1;',
    '```',
    '',
    '***',
    '',
    '<div class="kotak">Isi <b>tebal</b><br>baru</div>',
    '<script>alert("x")</script><!-- catatan -->',
    '<iframe src="https://www.youtube.com/embed/x"></iframe>',
    '',
    '[1]: https://warta.example/arsip',
    'Judul Setext',
    '============',
  ].join('\r\n');
  // Pagefind runs spaces and line breaks together.
  assert.equal(
    searchText(markdown)
      .replace(/\s*\n\s*/g, '\n')
      .replace(/[ \u00a0]+/g, ' '),
    [
      'Bayang-bayang sejarah 1945',
      'Harga naik & turun: lihat laporan BPS dan arsip.',
      'Baris kode ini dan* bintang, https://warta.example/x, nama_berkas, miring.',
      'Kutipan tokoh',
      'satu',
      'dua',
      'tiga',
      'Kota Harga',
      'Medan Rp 10.000',
      'const x = 1;',
      'Isi tebal',
      'baru',
      'Judul Setext',
    ].join('\n'),
  );
  assert.equal(searchText(''), '');
});

test('parts are whole months of one year, filled oldest first up to the part size', () => {
  const dates = datesOf([
    ['2024-11-05', 3],
    ['2024-12-01', 2],
    ['2025-01-10', 2],
    ['2025-02-10', 2],
    ['2025-03-10', 2],
  ]);
  const parts = searchParts(dates, 4);
  assert.deepEqual(
    parts.map((p) => [p.key, p.first, p.count]),
    [
      ['2024-11', 8, 3],
      ['2024-12', 6, 2],
      ['2025-01_2025-02', 2, 4],
      ['2025-03', 0, 2],
    ],
  );
  // Every article is in exactly one part, and a part's articles are its dates' months.
  assert.equal(
    parts.reduce((n, p) => n + p.count, 0),
    dates.length,
  );
});

test("the search page's script gets the parts newest first, each with the WIB months it holds", () => {
  const keys = ['2024-11', '2025-01_2025-02', '2025-03-01_2025-03-02', '2025-03-03.1'];
  assert.deepEqual(keys.map(partMonths), [
    { from: '2024-11', to: '2024-11' },
    { from: '2025-01', to: '2025-02' },
    { from: '2025-03', to: '2025-03' },
    { from: '2025-03', to: '2025-03' },
  ]);
  const site = { categories: [], archive: { periods: [] } } as unknown as Site;
  const index = JSON.parse(searchPage(site, keys, true).index) as { bundle: string; parts: { key: string }[] };
  assert.equal(index.bundle, '/pagefind/');
  assert.deepEqual(
    index.parts.map((p) => p.key),
    [...keys].reverse(),
  );
});

test('a month of more stories than a part holds is cut by days, a day of more in pieces; a new story changes only the newest part', () => {
  const days: [string, number][] = [
    ['2025-03-01', 2],
    ['2025-03-02', 2],
    ['2025-03-03', 7],
    ['2025-03-04', 1],
    ['2025-04-01', 1],
  ];
  const parts = searchParts(datesOf(days), 4);
  assert.deepEqual(
    parts.map((p) => [p.key, p.count]),
    [
      ['2025-03-01_2025-03-02', 4],
      ['2025-03-03.1', 4],
      ['2025-03-03.2', 3],
      ['2025-03-04', 1],
      ['2025-04', 1],
    ],
  );
  // Ranges are consecutive and cover the articles, newest first.
  const sorted = [...parts].sort((a, b) => a.first - b.first);
  sorted.forEach((p, k) => assert.equal(p.first, k === 0 ? 0 : sorted[k - 1]!.first + sorted[k - 1]!.count));
  const more = searchParts(datesOf([...days.slice(0, 4), ['2025-04-01', 2]]), 4);
  assert.deepEqual(
    more.map((p) => p.key),
    parts.map((p) => p.key),
  );
  assert.deepEqual(
    more.slice(0, -1).map((p) => p.count),
    parts.slice(0, -1).map((p) => p.count),
  );
});

test("a part's signature changes with any article's file, path or category name, and with their order or the engine", () => {
  const members: PartMember[] = [
    { path: '2025/04/a.md', source: 'digest-a', category: 'Nasional' },
    { path: '2025/04/b.md', source: 'digest-b', category: 'Ekonomi' },
  ];
  const sig = partSignature('pagefind 1.6.0', '2025-04', members);
  assert.equal(
    sig,
    partSignature(
      'pagefind 1.6.0',
      '2025-04',
      members.map((m) => ({ ...m })),
    ),
  );
  const changed = [
    partSignature('pagefind 1.6.0', '2025-04', [members[0]!, { ...members[1]!, source: 'digest-b2' }]),
    partSignature('pagefind 1.6.0', '2025-04', [members[0]!, { ...members[1]!, category: 'Ekonomi & Bisnis' }]),
    partSignature('pagefind 1.6.0', '2025-04', [members[0]!, { ...members[1]!, path: '2025/04/c.md' }]),
    partSignature('pagefind 1.6.0', '2025-04', [members[1]!, members[0]!]),
    partSignature('pagefind 1.6.0', '2025-04', [members[0]!]),
    partSignature('pagefind 1.7.0', '2025-04', members),
    partSignature('pagefind 1.6.0', '2025-03_2025-04', members),
  ];
  assert.equal(new Set([sig, ...changed]).size, changed.length + 1);
});
