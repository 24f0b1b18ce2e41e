import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  classifyEdit,
  listingDigest,
  MOST_EDITED,
  type EditKind,
  type ListingSketch,
  type PreviousSketch,
} from '../../src/build/classify.js';
import { ContentListing, type ContentFile } from '../../src/content/read.js';
import { error, warning } from '../../src/errors.js';

/** The quick path's one classifier of changes, on in-memory listings: each row a change and what it calls for. */

const paths = Array.from({ length: 40 }, (_, i) => `2025/04/berita-${String(i).padStart(2, '0')}.md`);
const stamps = paths.map((_, i) => `100:${i}`);
const photo: ContentFile = {
  path: 'foto/banjir.jpg',
  file: 'content/foto/banjir.jpg',
  abs: '/situs/content/foto/banjir.jpg',
  stamp: '5:1',
};
const clock = { now: 1000, future: false };

const previous: PreviousSketch = {
  sources: { paths: paths.join('\0'), stamps: stamps.join('\0') },
  summary: {
    clock: { future: false, newest: 900, nextDue: 2000 },
    statics: listingDigest(new ContentListing([], [photo], [], [])),
  },
};

/** The listing of the last build with some changes. */
function listing(
  change: {
    paths?: string[];
    stamps?: Record<number, string>;
    statics?: ContentFile[];
    siteFiles?: ContentFile[];
    problem?: boolean;
    warning?: boolean;
  } = {},
): ListingSketch {
  const s = stamps.map((stamp, i) => change.stamps?.[i] ?? stamp);
  const problems = [
    ...(change.problem ? [error({ code: 'file-name', file: 'content/a\\b.md' })] : []),
    ...(change.warning ? [warning({ code: 'file-backup', file: 'content/a.md~' })] : []),
  ];
  return {
    articles: { paths: (change.paths ?? paths).join('\0'), stamps: s.join('\0') },
    copied: listingDigest(new ContentListing([], change.statics ?? [photo], change.siteFiles ?? [], problems)),
  };
}

const many = Object.fromEntries(Array.from({ length: MOST_EDITED + 1 }, (_, i) => [i, 'new']));
const rows: [string, ListingSketch, typeof clock, EditKind][] = [
  ['nothing changed', listing(), clock, { kind: 'edit', places: [] }],
  ['one file saved', listing({ stamps: { 7: '101:7' } }), clock, { kind: 'edit', places: [7] }],
  [
    'the first and the last file saved',
    listing({ stamps: { 0: 'x', 39: 'y' } }),
    clock,
    { kind: 'edit', places: [0, 39] },
  ],
  [
    'as many files as the quick path takes',
    listing({ stamps: Object.fromEntries(Object.entries(many).slice(1)) }),
    clock,
    { kind: 'edit', places: Array.from({ length: MOST_EDITED }, (_, i) => i + 1) },
  ],
  ['one file more than that', listing({ stamps: many }), clock, { kind: 'full', why: 'many' }],
  [
    'a file added',
    listing({ paths: [...paths.slice(0, 39), '2025/04/berita-99.md'] }),
    clock,
    { kind: 'full', why: 'files' },
  ],
  [
    'a file renamed',
    listing({ paths: paths.map((p, i) => (i === 3 ? '2025/04/berita-03-baru.md' : p)) }),
    clock,
    { kind: 'full', why: 'files' },
  ],
  ['a static file touched', listing({ statics: [{ ...photo, stamp: '5:2' }] }), clock, { kind: 'full', why: 'copied' }],
  [
    'a static file added',
    listing({ statics: [photo, { ...photo, path: 'foto/b.jpg' }] }),
    clock,
    { kind: 'full', why: 'copied' },
  ],
  [
    'a file of the static folder added',
    listing({ siteFiles: [{ ...photo, path: 'CNAME' }] }),
    clock,
    { kind: 'full', why: 'copied' },
  ],
  ['a problem in the listing', listing({ problem: true }), clock, { kind: 'full', why: 'copied' }],
  ['a new warning in the listing (a backup file)', listing({ warning: true }), clock, { kind: 'full', why: 'copied' }],
  ['the clock past the next embargo', listing(), { now: 2000, future: false }, { kind: 'full', why: 'clock' }],
  ['the clock before the newest article', listing(), { now: 899, future: false }, { kind: 'full', why: 'clock' }],
  ['future articles published now', listing(), { now: 1000, future: true }, { kind: 'full', why: 'clock' }],
];

for (const [name, now, at, expected] of rows) {
  test(`classifyEdit: ${name}`, () => assert.deepEqual(classifyEdit(now, previous, at), expected));
}
