import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractTerms, MAX_TERMS, packTerms, unpackTerms } from '../../src/content/terms.js';
import { stopWords } from '../../src/content/stopwords.js';

const weights = (title: string, body: string) => new Map(unpackTerms(extractTerms(title, body, [])));

test('drops Indonesian and English stop words, numbers and 1–2 letter words', () => {
  const terms = weights(
    '',
    'Yang dan di ke dari untuk dengan pada dalam ini itu adalah akan juga tidak. The of and is 2024 5.000 ia RI banjir.',
  );
  assert.deepEqual([...terms.keys()], ['banjir']);
});

test('the stop list covers the newsroom words named in the brief', () => {
  for (const w of ['yang', 'dan', 'mengatakan', 'para', 'tahun', 'hari', 'kata', 'bahwa', 'sebagai', 'the', 'and'])
    assert.ok(stopWords.has(w), w);
});

test('headline words weigh three times as much as body words', () => {
  const terms = weights('Harga beras naik', 'harga cabai turun, beras langka.');
  assert.equal(terms.get('harga'), 4);
  assert.equal(terms.get('beras'), 4);
  assert.equal(terms.get('naik'), 3);
  assert.equal(terms.get('cabai'), 1);
});

test('capitalised words inside a sentence count 1.5, at a sentence start 1', () => {
  const terms = weights('', 'Warga desa menemui Bupati Sleman kemarin. Sleman diguyur hujan.\n\nBanjir melanda.');
  assert.equal(terms.get('bupati'), 1.5);
  assert.equal(terms.get('sleman'), 2.5);
  assert.equal(terms.get('warga'), 1);
  assert.equal(terms.get('banjir'), 1);
});

test('a full stop inside a number does not start a sentence', () => {
  assert.equal(weights('', 'Harga naik Rp 5.000 Pertamina menjelaskan').get('pertamina'), 1.5);
});

test('Markdown and HTML syntax is not counted: link targets, code, tags, URLs, entities', () => {
  const body =
    'Lihat [laporan](https://contoh.id/rahasia-dokumen) dan `kodeprogram` <span class="merah">teks</span> https://situs.id/jalur &nbsp; akhir\n\n```\nfenced block\n```\n\n[ref]: https://ref.id/tautan';
  assert.deepEqual([...weights('', body).keys()].sort(), ['akhir', 'laporan', 'lihat', 'teks']);
});

test('keeps hyphenated and apostrophe words whole and lower-cases them', () => {
  const terms = weights('', "Anak-anak bertemu Ma'ruf Amin di COVID-19 posko.");
  assert.ok(terms.has('anak-anak'));
  assert.ok(terms.has("ma'ruf"));
  assert.ok(terms.has('covid-19'));
});

test('keeps the 32 strongest, strongest first, ties by term, weights rounded', () => {
  const words = Array.from(
    { length: 40 },
    (_, i) => `kata${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`,
  );
  const body = words.map((w, i) => (i < 5 ? `${w} ${w}` : w)).join(' ');
  const terms = unpackTerms(extractTerms('', body, []));
  assert.equal(terms.length, MAX_TERMS);
  assert.deepEqual(
    terms.slice(0, 5).map(([, w]) => w),
    [2, 2, 2, 2, 2],
  );
  const rest = terms.slice(5).map(([t]) => t);
  assert.deepEqual(rest, [...rest].sort());
  for (const [, w] of terms) assert.equal(w, Math.round(w * 1000) / 1000);
});

test('is deterministic and ignores tags', () => {
  const body = 'Gubernur Jawa Barat meninjau banjir di Bekasi. Banjir merendam ratusan rumah warga Bekasi.';
  const a = extractTerms('Banjir Bekasi', body, ['Bekasi']);
  assert.deepEqual(a, extractTerms('Banjir Bekasi', body, []));
  assert.deepEqual(unpackTerms(a).slice(0, 4), [
    ['bekasi', 6],
    ['banjir', 5],
    ['barat', 1.5],
    ['jawa', 1.5],
  ]);
});

test('copes with empty and syntax-only texts', () => {
  assert.deepEqual(unpackTerms(extractTerms('', '', [])), []);
  assert.deepEqual(unpackTerms(extractTerms('', '## \n\n- \n\n```\nx\n```', [])), []);
});

test('packed terms unpack to the same words and weights', () => {
  const list: [string, number][] = [
    ['banjir', 5],
    ["ma'ruf", 1.5],
    ['covid-19', 1],
  ];
  assert.deepEqual(unpackTerms(packTerms(list)), list);
  assert.deepEqual(unpackTerms(packTerms([])), []);
});

test('syntax around words is skipped as it always was: unclosed tags and links, digits, entities, fences, definitions', () => {
  const cases: [string, [string, number][]][] = [
    [
      'Harga naik < Rp 5.000 di <b>Pasar Minggu</b> kata Gubernur Jakarta.',
      [
        ['gubernur', 1.5],
        ['jakarta', 1.5],
        ['pasar', 1.5],
        ['harga', 1],
        ['naik', 1],
      ],
    ],
    [
      'Lihat [laporan](https://contoh.id/a dan ](tanpa tutup Menteri Keuangan berbicara) lanjut Sri Mulyani',
      [
        ['mulyani', 1.5],
        ['sri', 1.5],
        ['laporan', 1],
        ['lihat', 1],
      ],
    ],
    [
      'Kode 12345 67890abc 2024 5G COVID-19 tahun 2025. Presiden Prabowo hadir.',
      [
        ['covid-19', 1.5],
        ['prabowo', 1.5],
        ['67890abc', 1],
        ['hadir', 1],
        ['kode', 1],
        ['presiden', 1],
      ],
    ],
    [
      '<a <b> Presiden Joko Widodo </a> tiba\nBaris <tag tanpa tutup\nWarga Bekasi > senang',
      [
        ['bekasi', 1.5],
        ['joko', 1.5],
        ['presiden', 1.5],
        ['widodo', 1.5],
        ['baris', 1],
        ['senang', 1],
        ['tag', 1],
        ['tutup', 1],
        ['warga', 1],
      ],
    ],
    [
      '&amp; &#123; &nbsp Jakarta &bukan entitas Bandung; `kode Surabaya` ```\nblok Medan\n``` Semarang',
      [
        ['bandung', 1.5],
        ['jakarta', 1.5],
        ['semarang', 1.5],
        ['entitas', 1],
        ['nbsp', 1],
      ],
    ],
    [
      '   [ref]: https://x.id Makassar\n[ref2] bukan definisi Palembang ~~~\nfence Denpasar',
      [
        ['palembang', 1.5],
        ['definisi', 1],
        ['ref2', 1],
      ],
    ],
    [
      'Warga http://a.id/b_c www.situs.id/x Yogyakarta https://x Malang ftp://y Kupang',
      [
        ['kupang', 1.5],
        ['malang', 1.5],
        ['yogyakarta', 1.5],
        ['ftp', 1],
        ['warga', 1],
      ],
    ],
    [
      'Kemarin. 2024 Jokowi datang; 2024 Gibran pergi',
      [
        ['gibran', 1.5],
        ['jokowi', 1],
        ['pergi', 1],
      ],
    ],
  ];
  for (const [body, terms] of cases) assert.deepEqual(unpackTerms(extractTerms('', body, [])), terms, body);
});
