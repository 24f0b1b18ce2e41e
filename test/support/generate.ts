import { mkdir, writeFile } from 'node:fs/promises';
import sharp from 'sharp';
import { dirname, join } from 'node:path';

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

/** Seeded PRNG (mulberry32): uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed | 0; // int32 state stays a small integer: no heap number per call
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const words = (s: string): string[] => s.trim().split(/\s+/);
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const cap = (s: string): string => s[0]!.toUpperCase() + s.slice(1);

/** A list in Zipf (s = 1) rank order, with the inverse of the continuous 1/x law tabulated: O(1) draws. */
interface Ranked<T> {
  items: readonly T[];
  ranks: Uint16Array;
}
const ranked = <T>(items: readonly T[]): Ranked<T> => ({
  items,
  ranks: Uint16Array.from({ length: 65536 }, (_, j) =>
    Math.min(items.length - 1, Math.floor((items.length + 1) ** ((j + 0.5) / 65536)) - 1),
  ),
});
const rankAt = <T>(list: Ranked<T>, u: number): T => list.items[list.ranks[(u * 65536) | 0]!]!;
const zipfPick = <T>(rng: Rng, list: Ranked<T>): T => rankAt(list, rng());

const FUNCTION = ranked(
  words(`yang dan di ke dari untuk dengan pada dalam ini itu adalah akan juga tidak telah sudah
oleh sebagai bahwa para bagi karena atau namun tetapi serta masih lebih sangat hanya bisa dapat harus belum agar saat
ketika setelah sebelum hingga antara tersebut secara seperti banyak baru lain kembali mereka kami kita ia tahun hari`),
);
const ROOTS = words(`bangun bayar beli jual kirim tangkap periksa tahan ajak atur awas bahas bantu batal buka cari
catat cegah dorong duga gelar gugat hadap hapus hitung impor ekspor jaga jamin kaji kawal kelola kembang kuasa lapor
lawan layan lindung minta nilai olah pakai pantau pasang pecat pegang pilih pimpin potong rampas rekam rilis rusak
salur sangkal sebar selidik serang serah sidang simpan sita susun tampung tanam tanggap tawar tekan tempuh temu terbit
terima tindak tinjau tolak tuduh tuntut tunda ubah ukur urus usul usut bela bina bongkar cabut capai cetak dakwa
dukung edar gali gerak hibah incar isi izin jabat jerat kecam keluh latih lepas lunas luncur muat operasi padam
pangkas peras pindah rawat rebut runding sadap sambut sewa sokong suap sumbang tambang tawan tembak timbun tumbuh
undang uji`);
const NOUNS = words(`pemerintah presiden menteri gubernur bupati warga masyarakat petani nelayan buruh pengusaha
polisi jaksa hakim terdakwa tersangka saksi korban pasien dokter guru siswa mahasiswa anggaran harga beras minyak
listrik jembatan bandara pelabuhan kereta banjir gempa longsor kebakaran kekeringan hujan cuaca sekolah kampus pasar
toko pabrik hutan sawah kebun laut pulau desa kampung kecamatan provinsi negara dunia ekonomi inflasi investasi saham
rupiah dolar pajak subsidi utang kredit produksi pertumbuhan pemilu partai calon suara kursi koalisi kampanye debat
survei regulasi aturan kebijakan program proyek bantuan vaksin virus penyakit kesehatan pendidikan aplikasi data
internet ponsel digital film musik konser album lagu penyanyi aktor pertandingan pelatih pemain klub liga turnamen
medali atlet juara stadion penelitian ilmuwan satelit planet energi iklim emisi karbon sampah lingkungan narkoba
korupsi penipuan pencurian kecelakaan penerbangan kapal mobil motor demonstrasi gaji upah pangan pupuk stok`);
const FIRST = words(`Budi Siti Agus Dewi Ahmad Rina Joko Sri Andi Nur Hendra Lestari Bambang Wati Rudi Yuni Eko Fitri
Hadi Ratna Irfan Maya Dedi Putri Arif Indah Bayu Sari Teguh Wulan Fajar Ayu Rizky Intan Yusuf Dian Hasan Nita Gilang
Ningsih`);
const LAST = words(`Santoso Wijaya Saputra Hidayat Kusuma Pratama Nugroho Setiawan Gunawan Siregar Nasution
Simanjuntak Lubis Harahap Tanjung Sitompul Wibowo Purnomo Susanto Hakim Rahman Syahputra Halim Suryadi Hartono Permana
Kurniawan Firmansyah Ramadhan Maulana Sinaga Pane Manurung Tambunan Panjaitan Pangaribuan Sembiring Ginting Tarigan
Sitepu Wenas Rumondor Lapian Pattiasina Latuconsina Mahuze Wanggai Rumbiak Baso Ma'ruf`);
const PLACES = words(`Jakarta Surabaya Bandung Medan Semarang Makassar Palembang Denpasar Yogyakarta Malang Solo Bogor
Depok Bekasi Tangerang Batam Pekanbaru Padang Jambi Bengkulu Lampung Pontianak Banjarmasin Samarinda Balikpapan Manado
Gorontalo Palu Kendari Ambon Ternate Jayapura Sorong Merauke Kupang Mataram Aceh Lhokseumawe Sabang Nias Sibolga
Bukittinggi Dumai Tanjungpinang Pangkalpinang Serang Cilegon Cirebon Tasikmalaya Garut Sukabumi Karawang Purwakarta
Tegal Pekalongan Cilacap Banyumas Magelang Klaten Kudus Jepara Rembang Tuban Gresik Sidoarjo Mojokerto Kediri Blitar
Madiun Jember Banyuwangi Probolinggo Pasuruan Bangkalan Sumenep Singaraja Gianyar Bima Sumbawa Ende Maumere Atambua
Tarakan Nunukan Bontang Ketapang Singkawang Sampit Luwuk Toli-Toli Bitung Tomohon Manokwari Timika Wamena Nabire Biak
Tual Tidore`);
const ORGS = `KPK,DPR,Polri,TNI,Kejaksaan Agung,Mahkamah Agung,Mahkamah Konstitusi,KPU,Bawaslu,BPK,BPS,Bank Indonesia,
OJK,LPS,BMKG,BNPB,Basarnas,BPOM,BKKBN,BRIN,Bappenas,Pertamina,PLN,Telkom,Garuda Indonesia,KAI,Pelindo,Bulog,
Krakatau Steel,Inalum,Antam,PGN,Jasa Marga,Waskita Karya,Wijaya Karya,Hutama Karya,Bank Mandiri,BRI,BNI,BTN,PSSI,KONI,
PBSI,Persija,Persib,Arema,Persebaya,PSM,NU,Muhammadiyah,MUI,Walhi,ICW,YLBHI,Komnas HAM,Ombudsman,LPSK,Kemenkeu,
Kemendag,Kemenkes,Kemendikbud,Kemenhub,Kemenag,Kemlu,Kemenhan,Kementan,KKP,Kominfo,Kemenpora,Kemensos,PDIP,Golkar,
Gerindra,PKB,NasDem,PKS,Demokrat,PAN,PPP`.split(/,\s*/);
const REPORTERS = words(`Wira Sari Dimas Anggraini Rahmat Kartika Yoga Melati Ilham Puspita Galih Citra Reza Anisa
Fikri Larasati Danu Safitri Hendro Oktaviani Bagus Novita Arya Rosita Tommy Handayani Yudha Susilawati Irwan Damayanti`);
const CATEGORIES: [name: string, share: number][] = [
  ['Nasional', 25],
  ['Politik', 14],
  ['Ekonomi', 13],
  ['Metropolitan', 10],
  ['Hukum', 9],
  ['Daerah', 8],
  ['Internasional', 7],
  ['Olahraga', 6],
  ['Teknologi', 3],
  ['Hiburan', 2.5],
  ['Gaya Hidup', 1.5],
  ['Sains', 1],
];
const SOURCES = ['Antara', 'Antara', 'Antara', 'Reuters', 'AFP', 'AP', 'Xinhua', 'Tim Warta'];
const QUOTE_VERBS = ['kata', 'ujar', 'tutur', 'jelas', 'ungkap'];

/** A person, place or organisation; `notable` ones (a few hundred) are what editors tag. */
interface Entity {
  name: string;
  short: string;
  person: boolean;
  notable: boolean;
}

/** Affixed forms of a root by the meN-/peN- sound rules, so the vocabulary inflects like Indonesian. */
function affixed(root: string): string[] {
  const c = root[0]!;
  const [nasal, rest] = 'aiueogh'.includes(c)
    ? ['ng', root]
    : c === 'k'
      ? ['ng', root.slice(1)]
      : 'bfv'.includes(c)
        ? ['m', root]
        : c === 'p'
          ? ['m', root.slice(1)]
          : 'cdjz'.includes(c)
            ? ['n', root]
            : c === 't'
              ? ['n', root.slice(1)]
              : c === 's'
                ? ['ny', root.slice(1)]
                : ['', root];
  return [`me${nasal}${rest}`, `di${root}`, `pe${nasal}${rest}an`, `${root}an`, `me${nasal}${rest}kan`, `di${root}kan`];
}

/** The fixed vocabulary: content words by Zipf rank, verbs, notable entities by popularity, little-known ones. */
function buildVocabulary() {
  const rng = mulberry32(0x5eed);
  const [onsets, vowels, codas] = [
    words('b c d g h j k l m n p r s t w y ng ny'),
    words('a i u e o a a'),
    words('n ng r s t k h l m'),
  ];
  const syll = () => pick(rng, onsets) + pick(rng, vowels);
  const made = new Set<string>();
  while (made.size < 2200)
    made.add(syll() + syll() + (rng() < 0.5 ? syll() : '') + (rng() < 0.5 ? pick(rng, codas) : ''));
  const content = [...NOUNS, ...ROOTS.flatMap(affixed), ...ROOTS, ...made];
  for (let i = content.length - 1; i > NOUNS.length; i--) {
    const j = NOUNS.length + Math.floor(rng() * (i - NOUNS.length + 1));
    [content[i], content[j]] = [content[j]!, content[i]!];
  }
  const people = Array.from({ length: 320 }, (_, i): Entity => {
    const last = LAST[(i * 7 + Math.floor(i / FIRST.length)) % LAST.length]!;
    return { name: `${FIRST[i % FIRST.length]} ${last}`, short: last, person: true, notable: true };
  });
  const others = [...PLACES, ...ORGS].map((name): Entity => ({ name, short: name, person: false, notable: true }));
  const notable = people.flatMap((p, i) => (i < others.length ? [others[i]!, p] : [p]));
  const local = [
    ...new Set(
      Array.from({ length: 4400 }, () => cap(syll() + syll() + (rng() < 0.6 ? syll() : '') + pick(rng, codas))),
    ),
  ];
  const tail = local.slice(0, 4000).map((w, i): Entity => {
    const name =
      i % 4 < 2
        ? `${FIRST[i % FIRST.length]} ${w}`
        : i % 4 === 2
          ? `Desa ${w}`
          : `PT ${w} ${pick(rng, ['Jaya', 'Abadi', 'Makmur'])}`;
    return { name, short: w, person: i % 4 < 2, notable: false };
  });
  const verbs = ROOTS.flatMap((r) => affixed(r).filter((_, i) => i === 0 || i === 1 || i === 4 || i === 5));
  return {
    content: ranked([...new Set(content)]),
    verbs,
    notable: ranked(notable),
    places: ranked(others.slice(0, PLACES.length)),
    tail,
  };
}

const VOCAB = buildVocabulary();
const START = Date.UTC(2019, 0, 1); // wall-clock WIB, as if it were UTC
const SPAN = Date.UTC(2026, 0, 1) - START - 1000;
const WIB = 7 * 3600 * 1000;

/** Text pieces stored as ASCII bytes: piece i is `bytes[ends[i-1] .. ends[i])` and has `words[i]` words. */
interface Pool {
  bytes: Uint8Array;
  ends: Int32Array;
  words: Uint8Array;
}

/** Packs pieces of ASCII text into a pool. */
function pool(pieces: readonly string[]): Pool {
  const ends = new Int32Array(pieces.length);
  const counts = new Uint8Array(pieces.length);
  let end = 0;
  pieces.forEach((p, i) => ((end += p.length), (ends[i] = end), (counts[i] = p.split(' ').length)));
  return { bytes: Buffer.from(pieces.join(''), 'latin1'), ends, words: counts };
}

/**
 * Runs of 4–12 filler words (function words, verbs, content words), made once. Bodies are
 * assembled from runs rather than single words so 100,000 articles take seconds; with 32,768
 * runs two articles rarely share one, so word statistics stay close to independent draws.
 */
const FILLER = (() => {
  const rng = mulberry32(0xf111e4);
  return pool(
    Array.from({ length: 32768 }, () =>
      Array.from({ length: 4 + Math.floor(rng() * 9) }, () => {
        const u = rng();
        return u < 0.45
          ? rankAt(FUNCTION, u / 0.45)
          : u < 0.51
            ? pick(rng, VOCAB.verbs)
            : rankAt(VOCAB.content, (u - 0.51) / 0.49);
      }).join(' '),
    ),
  );
})();

/**
 * Article text assembled as ASCII bytes in one reused buffer that also holds the filler runs
 * and the current topic's words, so every piece is one `copyWithin` (a native memmove).
 */
class Writer {
  private static readonly TOPIC = FILLER.bytes.length;
  private static readonly OUT = Writer.TOPIC + (1 << 12);
  readonly buf = Buffer.concat([FILLER.bytes, Buffer.alloc((1 << 12) + (1 << 17))]);
  pos = Writer.OUT;
  words = 0;
  /** Starts a text about `t`. */
  start(t: Topic): number {
    this.buf.set(t.pool.bytes, Writer.TOPIC);
    return (this.pos = Writer.OUT);
  }
  /** Appends piece `i` of `p`, which is FILLER or the current topic's pool. */
  piece(p: Pool, i: number): void {
    const base = p === FILLER ? 0 : Writer.TOPIC;
    const from = i === 0 ? 0 : p.ends[i - 1]!;
    this.buf.copyWithin(this.pos, base + from, base + p.ends[i]!);
    this.pos += p.ends[i]! - from;
  }
  /** Appends ASCII text. */
  ascii(s: string): void {
    if (s.length > 16) this.pos += this.buf.write(s, this.pos, 'latin1');
    else for (let j = 0; j < s.length; j++) this.buf[this.pos++] = s.charCodeAt(j);
  }
  /** The text since `from`, as a string. */
  text(from = Writer.OUT): string {
    return this.buf.toString('latin1', from, this.pos);
  }
}

/** What one article is about: its story's or its own parties and topic words. */
interface Topic {
  category: number;
  entities: Entity[];
  topics: string[];
  story?: number;
  pool: Pool;
  speaker?: string;
}

/** A topic, with a pool of its names (full and short, per entity) then its topic words. */
function topic(category: number, entities: Entity[], topics: string[], story?: number): Topic {
  const speaker = entities.find((e) => e.person)?.short;
  const t: Topic = {
    category,
    entities,
    topics,
    pool: pool([...entities.flatMap((e) => [e.name, e.short]), ...topics]),
  };
  return Object.assign(t, speaker ? { speaker } : {}, story === undefined ? {} : { story });
}

/** A new topic naming 2–4 parties: stories lean on little-known ones, one-off articles on notable ones. */
function newTopic(rng: Rng, story?: number): Topic {
  const notable = VOCAB.notable.items;
  const entities: Entity[] = [];
  for (let n = 2 + Math.floor(rng() * 3); entities.length < n;) {
    const r = rng();
    const x =
      r < (story === undefined ? 0.4 : 0.7)
        ? pick(rng, VOCAB.tail)
        : story === undefined
          ? zipfPick(rng, VOCAB.notable)
          : notable[20 + Math.floor(rng() * (notable.length - 20))]!;
    if (!entities.includes(x)) entities.push(x);
  }
  const topics = [0, 1].map(() => VOCAB.content.items[150 + Math.floor(rng() * 2500)]!);
  let r = rng() * 100;
  const category = Math.max(
    0,
    CATEGORIES.findIndex(([, share]) => (r -= share) < 0),
  );
  return topic(category, entities, topics, story);
}

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
