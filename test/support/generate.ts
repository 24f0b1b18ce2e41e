import { mkdir, writeFile } from 'node:fs/promises';
import sharp from 'sharp';
import { dirname, join } from 'node:path';
import {
  mulberry32,
  type Rng,
  pick,
  cap,
  zipfPick,
  LAST,
  REPORTERS,
  CATEGORIES,
  SOURCES,
  QUOTE_VERBS,
  VOCAB,
  FILLER,
  Writer,
  type Topic,
  topic,
  newTopic,
} from './generate-text.js';

export { mulberry32 } from './generate-text.js';

/**
 * Deterministic synthetic news archive for benchmarks and relevance checks. Text is
 * pseudo-Indonesian: real function words, real roots with their affixed forms and generated
 * words, drawn with Zipf frequencies so common words are common across the archive, as in real
 * news. About 30% of articles belong to ongoing stories (3–12 articles over weeks) that keep
 * naming the same few people, places or organisations and topic words; other articles name
 * their own, notable (Zipf) or little-known, so names also recur across unrelated articles.
 */

/** What to generate. */
export interface GenerateOptions {
  articles: number;
  seed?: number;
  clusters?: boolean;
  /** `news` (the default): 350–900-word news stories; `long`: 20–40 KB bodies with tables, fenced code and bare URLs, as release notes and reports run. */
  profile?: Profile;
}

/** The kinds of archive the generator makes (see `GenerateOptions`). */
export const PROFILES = ['news', 'long'] as const;
export type Profile = (typeof PROFILES)[number];

/** Front matter facts of a generated article, so callers need not parse them back. */
export interface GeneratedMeta {
  title: string;
  tags: string[];
  categorySlug: string;
  date: number;
  url: string;
}

/** One generated file: `path` under the content folder (`2023/05/slug-12345.md`), full `text`, `story` id if in one. */
export interface GeneratedArticle {
  path: string;
  text: string;
  story?: number;
  meta: GeneratedMeta;
  /** Its lead photo, a file of the archive to make (`photoBytes`), when it has one. */
  photo?: { path: string; seed: number };
}

/** One article in this many has a photo of its own under the archive (the others' photos are on another site). */
export const LOCAL_PHOTO_EVERY = 500;
/** Where other photos are: addresses on another site, which a build neither reads nor checks. */
const PHOTO_SITE = 'https://foto.warta.example';

const START = Date.UTC(2019, 0, 1); // wall-clock WIB, as if it were UTC
const SPAN = Date.UTC(2026, 0, 1) - START - 1000;
const WIB = 7 * 3600 * 1000;

/** Plans stories: when one starts at article i, which later articles (within weeks) continue it. */
class StoryPlanner {
  private readonly reserved = new Map<number, Topic>();
  private next = 0;
  constructor(
    private readonly rng: Rng,
    private readonly total: number,
  ) {}

  /** The topic of article `i`, starting a story there now and then. */
  topicAt(i: number): Topic {
    const t = this.reserved.get(i);
    if (t) {
      this.reserved.delete(i);
      if (t.entities.length <= 2 || this.rng() < 0.5) return t; // not every follow-up names every party
      return topic(
        t.category,
        t.entities.filter((_, k) => k < 2 || this.rng() < 0.6),
        t.topics,
        t.story,
      );
    }
    if (this.rng() >= 0.06) return newTopic(this.rng);
    const window = Math.max(12, Math.round((7 + this.rng() * 35) * (this.total / (SPAN / 86400000))));
    const later: number[] = [];
    for (let k = 2 + Math.floor(this.rng() * 10); k > 0; k--) {
      let j = i + 1 + Math.floor(this.rng() * window);
      while (this.reserved.has(j) || later.includes(j)) j++;
      if (j < this.total) later.push(j);
    }
    const story = newTopic(this.rng, later.length ? this.next++ : undefined);
    for (const j of later) this.reserved.set(j, story);
    return story;
  }
}

/** Writes one article, front matter and Markdown body, and returns it. */
function writeArticle(rng: Rng, w: Writer, i: number, n: number, t: Topic, profile: Profile): GeneratedArticle {
  const wall = START + Math.floor(((i + rng()) * SPAN) / n / 1000) * 1000;
  const d = new Date(wall).toISOString();
  const [yyyy, mm, dd] = [d.slice(0, 4), d.slice(5, 7), d.slice(8, 10)];
  const title = headline(rng, t);
  const slug = `${title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .slice(0, 7)
    .join('-')}-${i + 1}`;
  const [category] = CATEGORIES[t.category]!;
  const tags = rng() < 0.6 ? pickTags(rng, t) : undefined;
  const byline =
    rng() < 0.85
      ? ` ${pick(rng, REPORTERS)} ${pick(rng, LAST)}`
      : `\n  - ${pick(rng, REPORTERS)} ${pick(rng, LAST)}\n  - ${pick(rng, REPORTERS)}`;
  const fm = [
    '---',
    `title: ${JSON.stringify(title)}`,
    `byline:${byline}`,
    `category: ${category}`,
    `date: ${d.slice(0, 10)} ${d.slice(11, 19)}`,
  ];
  if (rng() < 0.5) fm.push(`source: ${pick(rng, SOURCES)}`);
  if (tags) fm.push(`tags: [${tags.map((x) => JSON.stringify(x)).join(', ')}]`);
  if (rng() < 0.25) fm.push(`summary: ${JSON.stringify(phrase(rng, t, w, 12))}`);
  // A photo of the archive's own is decided by place, so the random sequence (and every other article) stays as it was.
  const photo = i % LOCAL_PHOTO_EVERY === 0 ? { path: `images/${yyyy}/${mm}/${slug}.jpg`, seed: i } : undefined;
  if (rng() < 0.4)
    fm.push(
      `image: ${photo ? `/${photo.path}` : `${PHOTO_SITE}/${yyyy}/${mm}/${slug}.jpg`}`,
      ...(rng() < 0.7 ? [`caption: ${JSON.stringify(phrase(rng, t, w, 8))}`] : []),
    );
  else if (photo) fm.push(`image: /${photo.path}`);
  w.start(t);
  w.ascii(fm.join('\n') + '\n---\n');
  // The body shows the archive's own photo again (its images are made smaller once), or photos elsewhere.
  if (profile === 'long') longBody(rng, t, w);
  else body(rng, t, w, (n) => (photo ? `/${photo.path}` : `${PHOTO_SITE}/${yyyy}/${mm}/foto-${n}.jpg`));
  const meta = {
    title,
    tags: tags ?? [],
    categorySlug: category.toLowerCase().replace(/ /g, '-'),
    date: wall - WIB,
    url: `/${yyyy}/${mm}/${dd}/${slug}/`,
  };
  return {
    path: `${yyyy}/${mm}/${slug}.md`,
    text: w.text(),
    ...(t.story === undefined ? {} : { story: t.story }),
    meta,
    ...(photo && { photo }),
  };
}

/** A headline naming the story's parties and topic. */
function headline(rng: Rng, t: Topic): string {
  const e = pick(rng, t.entities);
  const parts = [e.name, pick(rng, VOCAB.verbs), pick(rng, t.topics), zipfPick(rng, VOCAB.content)];
  if (rng() < 0.5)
    parts.push(
      pick(rng, ['di', 'dari', 'untuk', 'dengan']),
      pick(
        rng,
        t.entities.filter((x) => x !== e),
      ).name,
    );
  if (rng() < 0.4) parts.push(pick(rng, t.topics));
  return rng() < 0.3
    ? `${cap(parts[2]!)}: ${parts.slice(0, 2).join(' ')} ${parts.slice(3).join(' ')}`
    : parts.join(' ');
}

/** 0–5 tags: the article's notable parties (little-known ones now and then), sometimes in the wrong case. */
function pickTags(rng: Rng, t: Topic): string[] {
  const n = Math.min(t.entities.length + 1, Math.floor(rng() * 6));
  const tags: string[] = [];
  for (const e of [...t.entities, zipfPick(rng, VOCAB.notable)]) {
    if (tags.length < n && !tags.includes(e.name) && rng() < (e.notable ? 0.8 : 0.3))
      tags.push(rng() < 0.03 ? e.name.toLowerCase() : e.name);
  }
  return tags;
}

/**
 * Writes a sentence of at least `len` words: filler runs with the topic's names and words
 * between them. `mark` wraps the last run in a link (1) or emphasis (2).
 */
function sentence(rng: Rng, t: Topic, len: number, w: Writer, mark = 0): void {
  const first = w.pos;
  const names = t.entities.length * 2;
  let words = 0;
  while (words < len) {
    const u = rng();
    const topical = u < 0.25; // one piece in four, one word in 25: each name or topic word a few times per article
    const v = topical ? u / 0.25 : (u - 0.25) / 0.75;
    const p = topical ? t.pool : FILLER;
    const i = !topical
      ? Math.floor(v * FILLER.words.length)
      : v < 0.6
        ? Math.floor((v / 0.6) * names)
        : names + Math.floor(((v - 0.6) / 0.4) * t.topics.length);
    words += p.words[i]!;
    if (w.pos > first) w.buf[w.pos++] = 32;
    const last = mark !== 0 && words >= len;
    if (last) w.ascii(mark === 1 ? '[' : '**');
    w.piece(p, i);
    if (last) w.ascii(mark === 1 ? `](https://warta.id/tag/${t.topics[0]})` : '**');
  }
  const at = w.buf[first] === 91 ? first + 1 : first; // after a link's `[`
  if (w.buf[at]! >= 97 && w.buf[at]! <= 122) w.buf[at]! -= 32;
  w.words += words;
}

/** One sentence of about `len` words as a string (resets the writer). */
function phrase(rng: Rng, t: Topic, w: Writer, len: number): string {
  const from = w.start(t);
  sentence(rng, t, len, w);
  return w.text(from);
}

/** A paragraph of 2–4 sentences, some quoted, with the odd link or emphasis. */
function paragraph(rng: Rng, t: Topic, w: Writer): void {
  for (let k = 2 + Math.floor(rng() * 3); k > 0; k--) {
    const r = rng();
    const quote = t.speaker !== undefined && r > 0.85;
    if (quote) w.buf[w.pos++] = 34;
    sentence(rng, t, 8 + Math.floor(rng() * 13), w, r < 0.05 ? 1 : r < 0.1 ? 2 : 0);
    w.ascii(quote ? `," ${QUOTE_VERBS[Math.floor(((r - 0.85) / 0.15) * QUOTE_VERBS.length)]} ${t.speaker}.` : '.');
    if (k > 1) w.buf[w.pos++] = 32;
  }
}

/** A body of 350–900 words: dateline, paragraphs, headings, the odd list and image. */
function body(rng: Rng, t: Topic, w: Writer, photo: (n: number) => string): void {
  const target = 350 + Math.floor(rng() * 551);
  const place = t.entities.find((e) => !e.person) ?? zipfPick(rng, VOCAB.places);
  w.words = 0;
  w.ascii(`**${place.name.toUpperCase()}** - `);
  paragraph(rng, t, w);
  for (let afterText = true; w.words < target;) {
    w.ascii('\n\n');
    const r = rng();
    const len = 3 + Math.floor(rng() * 4);
    if (r < 0.1 && afterText) (w.ascii('## '), sentence(rng, t, len, w));
    else if (r < 0.14) for (let k = 0; k < 4; k++) (w.ascii(k ? '\n- ' : '- '), sentence(rng, t, len, w));
    else if (r < 0.16) (w.ascii('!['), sentence(rng, t, len, w), w.ascii(`](${photo(Math.floor(rng() * 1e6))})`));
    else paragraph(rng, t, w);
    afterText = r >= 0.1;
  }
  w.ascii('\n');
}

/** A long body of 20–40 KB: sections of paragraphs (some ending in a bare URL), pipe tables, fenced code and lists of links. */
function longBody(rng: Rng, t: Topic, w: Writer): void {
  const start = w.pos;
  const target = 20_000 + Math.floor(rng() * 20_001);
  paragraph(rng, t, w);
  while (w.pos - start < target) {
    w.ascii('\n\n');
    const r = rng();
    if (r < 0.1) (w.ascii('## '), sentence(rng, t, 3 + Math.floor(rng() * 4), w));
    else if (r < 0.2) table(rng, t, w);
    else if (r < 0.3) code(rng, t, w);
    else if (r < 0.42)
      for (let k = 3 + Math.floor(rng() * 4); k > 0; k--)
        (w.ascii('- '),
          sentence(rng, t, 3 + Math.floor(rng() * 5), w),
          w.ascii(`: ${bareUrl(rng, t)}${k > 1 ? '\n' : ''}`));
    else {
      paragraph(rng, t, w);
      if (rng() < 0.4) w.ascii(` Rincian di ${bareUrl(rng, t)}`);
    }
  }
  w.ascii('\n');
}

/** A pipe table of 3–5 columns and 3–10 rows of words and figures. */
function table(rng: Rng, t: Topic, w: Writer): void {
  const columns = 3 + Math.floor(rng() * 3);
  const cell = () => (rng() < 0.4 ? String(Math.floor(rng() * 100_000) / 100) : zipfPick(rng, VOCAB.content));
  w.ascii(`| ${Array.from({ length: columns }, () => cap(pick(rng, t.topics))).join(' | ')} |\n`);
  w.ascii(`|${' --- |'.repeat(columns)}`);
  for (let k = 3 + Math.floor(rng() * 8); k > 0; k--)
    w.ascii(`\n| ${Array.from({ length: columns }, cell).join(' | ')} |`);
}

/** A fenced code block of 4–14 lines: commands and settings. */
function code(rng: Rng, t: Topic, w: Writer): void {
  const lang = pick(rng, ['sh', 'yaml', 'ts']);
  w.ascii(`\`\`\`${lang}`);
  for (let k = 4 + Math.floor(rng() * 11); k > 0; k--) {
    const word = zipfPick(rng, VOCAB.content);
    const n = Math.floor(rng() * 1000);
    w.ascii(
      lang === 'sh'
        ? `\nwarta build --jobs ${1 + (n % 8)} --out dist/${word} # ${pick(rng, t.topics)}`
        : lang === 'yaml'
          ? `\n${word}: ${n < 500 ? n : JSON.stringify(pick(rng, t.topics))}`
          : `\nconst ${word}${n} = await fetchData("${bareUrl(rng, t)}", { limit: ${n} });`,
    );
  }
  w.ascii('\n```');
}

/** A bare URL, which the Markdown renderer turns into a link. */
function bareUrl(rng: Rng, t: Topic): string {
  const host = pick(rng, ['github.com/warta-id/warta', 'docs.warta.id', 'www.example.org']);
  return `https://${host}/${pick(rng, t.topics)}/${Math.floor(rng() * 100_000)}`;
}

/** Generates the archive in date order, byte-identical for the same options. */
export function* generateArchive(options: GenerateOptions): Generator<GeneratedArticle> {
  const rng = mulberry32(options.seed ?? 1);
  const planner = new StoryPlanner(rng, options.articles);
  const writer = new Writer();
  for (let i = 0; i < options.articles; i++) {
    yield writeArticle(
      rng,
      writer,
      i,
      options.articles,
      options.clusters === false ? newTopic(rng) : planner.topicAt(i),
      options.profile ?? 'news',
    );
  }
}

/** Writes the archive under `dir` (e.g. `dir/2023/05/slug.md`); returns how many files. */
export async function writeArchive(dir: string, options: GenerateOptions): Promise<number> {
  const made = new Set<string>();
  let pending: Promise<void>[] = [];
  let count = 0;
  for (const a of generateArchive(options)) {
    const file = join(dir, a.path);
    if (!made.has(dirname(file))) (made.add(dirname(file)), await mkdir(dirname(file), { recursive: true }));
    pending.push(writeFile(file, a.text));
    if (a.photo) {
      const photo = join(dir, a.photo.path);
      await mkdir(dirname(photo), { recursive: true });
      pending.push(photoBytes(a.photo.seed).then((bytes) => writeFile(photo, bytes)));
    }
    if (pending.length >= 64) (await Promise.all(pending), (pending = []));
    count++;
  }
  await Promise.all(pending);
  return count;
}

/** A photo-like JPEG of 1,000 × 667 pixels (light, sky and ground, a little noise), different for each seed. */
export async function photoBytes(seed: number): Promise<Buffer> {
  const [width, height] = [1000, 667];
  const rng = mulberry32(seed + 1);
  const [r, g, b] = [rng() * 200, rng() * 200, rng() * 200];
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0, k = 0; y < height; y++)
    for (let x = 0; x < width; x++, k += 3) {
      const shade = y < height / 2 ? y / height : 1 - y / height;
      const noise = rng() * 24;
      raw[k] = r + 55 * shade + noise;
      raw[k + 1] = g + 55 * (x / width) + noise;
      raw[k + 2] = b + noise;
    }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 70 })
    .toBuffer();
}
