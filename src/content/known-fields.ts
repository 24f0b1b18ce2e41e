// Which front matter fields the contract knows, and what a near miss of one was meant to be:
// `Draft: true` kept as an extra would publish a draft, so a near miss is an error, never an extra.

/** Every field of the article contract, required and optional, in the contract's order. */
export const KNOWN_FIELDS = [
  'title',
  'byline',
  'category',
  'date',
  'source',
  'slug',
  'tags',
  'summary',
  'image',
  'caption',
  'updated',
  'draft',
  'aliases',
  'credit',
  'corrections',
  'withdrawn',
  'type',
] as const;

/** A field of the article contract. */
export type KnownField = (typeof KNOWN_FIELDS)[number];

const KNOWN = new Set<string>(KNOWN_FIELDS);

/** Indonesian names editors reach for, and the field each means. */
const SYNONYMS: Record<string, KnownField> = {
  judul: 'title',
  penulis: 'byline',
  wartawan: 'byline',
  kategori: 'category',
  rubrik: 'category',
  tanggal: 'date',
  waktu: 'date',
  sumber: 'source',
  label: 'tags',
  ringkasan: 'summary',
  gambar: 'image',
  foto: 'image',
  keterangan: 'caption',
  diperbarui: 'updated',
  draf: 'draft',
  ralat: 'corrections',
  dicabut: 'withdrawn',
  jenis: 'type',
  tipe: 'type',
};

/** What a front matter key is: a known field, a listed extra, a near miss of a known field, or unknown. */
export type FieldName = { kind: 'known' | 'extra' | 'unknown' } | { kind: 'misspelt'; meant: KnownField };

/** Classifies a top-level front matter key against the contract and the site's `extraFields`. */
export function classifyField(key: string, extraFields: readonly string[]): FieldName {
  if (KNOWN.has(key)) return { kind: 'known' };
  const plain = normalise(key);
  // Another case or spelling of a known field is never an extra, even when listed.
  if (KNOWN.has(plain)) return { kind: 'misspelt', meant: plain as KnownField };
  if (extraFields.includes(key)) return { kind: 'extra' };
  const near = SYNONYMS[plain] ?? nearest(plain);
  return near ? { kind: 'misspelt', meant: near } : { kind: 'unknown' };
}

/** Lower case, with spaces, `-` and `_` dropped: `Tanggal_Terbit` and `tanggal-terbit` are one name. */
function normalise(key: string): string {
  return key.toLowerCase().replace(/[\s_-]+/g, '');
}

/**
 * The known field (or Indonesian name of one) within an edit distance of 2, or of 1 for names
 * of four letters or fewer (`name` is two edits from `date` but means something else).
 */
function nearest(plain: string): KnownField | undefined {
  let best: { field: KnownField; distance: number } | undefined;
  const candidates: [string, KnownField][] = [
    ...KNOWN_FIELDS.map((f): [string, KnownField] => [f, f]),
    ...Object.entries(SYNONYMS),
  ];
  for (const [name, field] of candidates) {
    const limit = Math.min(name.length, plain.length) <= 4 ? 1 : 2;
    const distance = editDistance(plain, name, limit);
    if (distance <= limit && (!best || distance < best.distance)) best = { field, distance };
  }
  return best?.field;
}

/** Levenshtein distance, or `limit + 1` as soon as it is known to exceed `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    if (Math.min(...row) > limit) return limit + 1;
    previous = row;
  }
  return previous[b.length]!;
}
