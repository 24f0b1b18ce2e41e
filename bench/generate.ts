import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Deterministic synthetic news archive for benchmarks and relevance checks. Text is
 * pseudo-Indonesian: real function words and affixed real roots plus generated words, drawn
 * with Zipf frequencies so common words are common across the archive as in real news. About
 * 30% of articles belong to ongoing stories (3–12 articles over weeks) that keep mentioning the
 * same few people, places or organisations and topic words; other articles pick their own.
 */

/** What to generate. */
export interface GenerateOptions { articles: number; seed?: number; clusters?: boolean }

/** Front matter facts of a generated article, so callers need not parse them back. */
export interface GeneratedMeta { title: string; tags: string[]; categorySlug: string; date: number; url: string }

/** One generated article file. */
export interface GeneratedArticle {
  /** Path under the content folder, e.g. `2023/05/some-slug-12345.md`. */
  path: string;
  /** Full file text with front matter. */
  text: string;
  /** Story id when the article belongs to an ongoing story. */
  story?: number;
  /** Facts from the front matter. */
  meta: GeneratedMeta;
}

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
/** Zipf (s = 1) rank in [0, n) by inverting the continuous 1/x law: O(1), no tables. */
/** A list in Zipf (s = 1) rank order, with the inverse of the continuous 1/x law tabulated. */
interface Ranked<T> { items: readonly T[]; ranks: Uint16Array }
function ranked<T>(items: readonly T[]): Ranked<T> {
  const ranks = new Uint16Array(65536);
  const span = Math.log(items.length + 1);
  for (let j = 0; j < ranks.length; j++) ranks[j] = Math.min(items.length - 1, Math.floor(Math.exp(((j + 0.5) / 65536) * span)) - 1);
  return { items, ranks };
}
const rankAt = <T>(list: Ranked<T>, u: number): T => list.items[list.ranks[(u * 65536) | 0]!]!;
const zipfPick = <T>(rng: Rng, list: Ranked<T>): T => rankAt(list, rng());
const cap = (s: string): string => s[0]!.toUpperCase() + s.slice(1);

const FUNCTION = ranked(words(`yang dan di ke dari untuk dengan pada dalam ini itu adalah akan juga tidak telah sudah oleh
sebagai bahwa para bagi karena atau namun tetapi serta masih lebih sangat hanya bisa dapat harus belum agar saat
ketika setelah sebelum hingga antara tersebut secara seperti banyak baru lain kembali mereka kami kita ia tahun hari`));
const ROOTS = words(`bangun bayar beli jual kirim tangkap periksa tahan ajak atur awas bahas bantu batal buka cari catat
cegah dorong duga gelar gugat hadap hapus hitung impor ekspor jaga jamin kaji kawal kelola kembang kuasa lapor lawan layan
lindung minta nilai olah pakai pantau pasang pecat pegang pilih pimpin potong rampas rekam rilis rusak salur sangkal sebar
selidik serang serah sidang simpan sita susun tampung tanam tanggap tawar tekan tempuh temu terbit terima tindak tinjau tolak
tuduh tuntut tunda ubah ukur urus usul usut bela bina bongkar cabut capai cetak dakwa dukung edar gali gerak hibah incar
isi izin jabat jerat kecam keluh latih lepas lunas luncur muat operasi padam pangkas peras pindah rawat rebut runding sadap
sambut sewa sokong suap sumbang tambang tawan tembak timbun tumbuh undang uji`);
const NOUNS = words(`pemerintah presiden menteri gubernur bupati warga masyarakat petani nelayan buruh pengusaha polisi
jaksa hakim terdakwa tersangka saksi korban pasien dokter guru siswa mahasiswa anggaran harga beras minyak listrik jembatan
bandara pelabuhan kereta banjir gempa longsor kebakaran kekeringan hujan cuaca sekolah kampus pasar toko pabrik hutan sawah
kebun laut pulau desa kampung kecamatan provinsi negara dunia ekonomi inflasi investasi saham rupiah dolar pajak subsidi
utang kredit produksi pertumbuhan pemilu partai calon suara kursi koalisi kampanye debat survei regulasi aturan kebijakan
program proyek bantuan vaksin virus penyakit kesehatan pendidikan aplikasi data internet ponsel digital film musik konser
album lagu penyanyi aktor pertandingan pelatih pemain klub liga turnamen medali atlet juara stadion penelitian ilmuwan
satelit planet energi iklim emisi karbon sampah lingkungan narkoba korupsi penipuan pencurian kecelakaan penerbangan kapal
mobil motor demonstrasi gaji upah pangan pupuk stok`);
const FIRST = words(`Budi Siti Agus Dewi Ahmad Rina Joko Sri Andi Nur Hendra Lestari Bambang Wati Rudi Yuni Eko Fitri Hadi
Ratna Irfan Maya Dedi Putri Arif Indah Bayu Sari Teguh Wulan Fajar Ayu Rizky Intan Yusuf Dian Hasan Nita Gilang Ningsih`);
const LAST = words(`Santoso Wijaya Saputra Hidayat Kusuma Pratama Nugroho Setiawan Gunawan Siregar Nasution Simanjuntak
Lubis Harahap Tanjung Sitompul Wibowo Purnomo Susanto Hakim Rahman Syahputra Halim Suryadi Hartono Permana Kurniawan
Firmansyah Ramadhan Maulana Sinaga Pane Manurung Tambunan Panjaitan Pangaribuan Sembiring Ginting Tarigan Sitepu Wenas
Rumondor Lapian Pattiasina Latuconsina Mahuze Wanggai Rumbiak Baso Ma'ruf`);
const PLACES = words(`Jakarta Surabaya Bandung Medan Semarang Makassar Palembang Denpasar Yogyakarta Malang Solo Bogor
Depok Bekasi Tangerang Batam Pekanbaru Padang Jambi Bengkulu Lampung Pontianak Banjarmasin Samarinda Balikpapan Manado
Gorontalo Palu Kendari Ambon Ternate Jayapura Sorong Merauke Kupang Mataram Aceh Lhokseumawe Sabang Nias Sibolga
Bukittinggi Dumai Tanjungpinang Pangkalpinang Serang Cilegon Cirebon Tasikmalaya Garut Sukabumi Karawang Purwakarta Tegal
Pekalongan Cilacap Banyumas Magelang Klaten Kudus Jepara Rembang Tuban Gresik Sidoarjo Mojokerto Kediri Blitar Madiun
Jember Banyuwangi Probolinggo Pasuruan Bangkalan Sumenep Singaraja Gianyar Bima Sumbawa Ende Maumere Atambua Tarakan
Nunukan Bontang Ketapang Singkawang Sampit Luwuk Toli-Toli Bitung Tomohon Manokwari Timika Wamena Nabire Biak Tual Tidore`);
const ORGS = `KPK,DPR,Polri,TNI,Kejaksaan Agung,Mahkamah Agung,Mahkamah Konstitusi,KPU,Bawaslu,BPK,BPS,Bank Indonesia,OJK,LPS,
BMKG,BNPB,Basarnas,BPOM,BKKBN,BRIN,Bappenas,Pertamina,PLN,Telkom,Garuda Indonesia,KAI,Pelindo,Bulog,Krakatau Steel,Inalum,
Antam,PGN,Jasa Marga,Waskita Karya,Wijaya Karya,Hutama Karya,Bank Mandiri,BRI,BNI,BTN,PSSI,KONI,PBSI,Persija,Persib,Arema,
Persebaya,PSM,NU,Muhammadiyah,MUI,Walhi,ICW,YLBHI,Komnas HAM,Ombudsman,LPSK,Kemenkeu,Kemendag,Kemenkes,Kemendikbud,
Kemenhub,Kemenag,Kemlu,Kemenhan,Kementan,KKP,Kominfo,Kemenpora,Kemensos,PDIP,Golkar,Gerindra,PKB,NasDem,PKS,Demokrat,
PAN,PPP`.split(/\s*,\s*/);
const CATEGORIES: [name: string, share: number][] = [
  ['Nasional', 25], ['Politik', 14], ['Ekonomi', 13], ['Metropolitan', 10], ['Hukum', 9], ['Daerah', 8],
  ['Internasional', 7], ['Olahraga', 6], ['Teknologi', 3], ['Hiburan', 2.5], ['Gaya Hidup', 1.5], ['Sains', 1],
];
const REPORTERS = words(`Wira Sari Dimas Anggraini Rahmat Kartika Yoga Melati Ilham Puspita Galih Citra Reza Anisa
Fikri Larasati Danu Safitri Hendro Oktaviani Bagus Novita Arya Rosita Tommy Handayani Yudha Susilawati Irwan Damayanti`);
const SOURCES = ['Antara', 'Antara', 'Antara', 'Reuters', 'AFP', 'AP', 'Xinhua', 'Tim Warta'];
const QUOTE_VERBS = ['kata', 'ujar', 'tutur', 'jelas', 'ungkap'];

interface Entity { name: string; short: string; person: boolean }

/** Affixed forms of a root by the meN-/peN- sound rules, so the vocabulary looks and inflects like Indonesian. */
function affixed(root: string): string[] {
  const c = root[0]!;
  const [nasal, rest] =
    'aiueo'.includes(c) || 'gh'.includes(c) ? ['ng', root] : c === 'k' ? ['ng', root.slice(1)]
      : 'bfv'.includes(c) ? ['m', root] : c === 'p' ? ['m', root.slice(1)]
        : 'cdjz'.includes(c) ? ['n', root] : c === 't' ? ['n', root.slice(1)]
          : c === 's' ? ['ny', root.slice(1)] : ['', root];
  return [`me${nasal}${rest}`, `di${root}`, `pe${nasal}${rest}an`, `${root}an`, `me${nasal}${rest}kan`, `di${root}kan`];
}

/** The fixed vocabulary: content words by Zipf rank, verbs, and entities by popularity. */
function buildVocabulary() {
  const rng = mulberry32(0x5eed);
  const [onsets, vowels, codas] = [words('b c d g h j k l m n p r s t w y ng ny'), words('a i u e o a a'), words('n ng r s t k h l m')];
  const syll = () => pick(rng, onsets) + pick(rng, vowels);
  const made = new Set<string>();
  while (made.size < 2200) made.add(syll() + syll() + (rng() < 0.5 ? syll() : '') + (rng() < 0.5 ? pick(rng, codas) : ''));
  const verbs = ROOTS.flatMap((r) => affixed(r).filter((_, i) => i === 0 || i === 1 || i === 4 || i === 5));
  const content = [...NOUNS, ...ROOTS.flatMap(affixed), ...ROOTS, ...made];
  for (let i = content.length - 1; i > NOUNS.length; i--) {
    const j = NOUNS.length + Math.floor(rng() * (i - NOUNS.length + 1));
    [content[i], content[j]] = [content[j]!, content[i]!];
  }
  const people: Entity[] = [];
  for (let i = 0; people.length < 320; i++) {
    const last = LAST[(i * 7 + Math.floor(i / FIRST.length)) % LAST.length]!;
    people.push({ name: `${FIRST[i % FIRST.length]} ${last}`, short: last, person: true });
  }
  const others = [...PLACES, ...ORGS].map((name): Entity => ({ name, short: name, person: false }));
  const entities: Entity[] = [];
  for (let i = 0; i < Math.max(people.length, others.length); i++) {
    if (i < others.length) entities.push(others[i]!);
    if (i < people.length) entities.push(people[i]!);
  }
  const places = others.filter((e) => PLACES.includes(e.name));
  return { content: ranked([...new Set(content)]), verbs, entities: ranked(entities), places: ranked(places) };
}

const VOCAB = buildVocabulary();
const START = Date.UTC(2019, 0, 1); // wall-clock WIB, as if it were UTC
const SPAN = Date.UTC(2026, 0, 1) - START - 1000;
const WIB = 7 * 3600 * 1000;

/** Text pieces stored as ASCII bytes: piece i is `bytes[ends[i-1] .. ends[i])` and has `words[i]` words. */
interface Pool { bytes: Uint8Array; ends: Int32Array; words: Uint8Array }

/** Packs pieces of ASCII text into a pool. */
function pool(pieces: readonly string[]): Pool {
  const ends = new Int32Array(pieces.length);
  const words = new Uint8Array(pieces.length);
  let end = 0;
  pieces.forEach((p, i) => ((end += p.length), (ends[i] = end), (words[i] = p.split(' ').length)));
  return { bytes: Buffer.from(pieces.join(''), 'latin1'), ends, words };
}

/**
 * Runs of 4–12 filler words (function words, verbs, content words), made once. Bodies are
 * assembled from runs rather than single words so 100,000 articles take seconds; with 32,768
 * runs two articles share about one run, so word statistics stay close to independent draws.
 */
const FILLER = (() => {
  const rng = mulberry32(0xf111e4);
  const runs: string[] = [];
  for (let i = 0; i < 32768; i++) {
    const run: string[] = [];
    for (let k = 4 + Math.floor(rng() * 9); k > 0; k--) {
      const u = rng();
      run.push(u < 0.45 ? rankAt(FUNCTION, u / 0.45) : u < 0.51 ? pick(rng, VOCAB.verbs) : rankAt(VOCAB.content, (u - 0.51) / 0.49));
    }
    runs.push(run.join(' '));
  }
  return pool(runs);
})();

/**
 * Article text assembled as ASCII bytes in one reused buffer that also holds the filler runs
 * and the current topic's words, so every piece is one `copyWithin` (native memmove): far
 * cheaper than joining strings.
 */
class Writer {
  private static readonly TOPIC = FILLER.bytes.length;
  private static readonly OUT = Writer.TOPIC + (1 << 12);
  readonly buf = Buffer.alloc(Writer.OUT + (1 << 17));
  pos = Writer.OUT;
  words = 0;
  constructor() {
    this.buf.set(FILLER.bytes, 0);
  }
  /** Starts an article about `t`. */
  start(t: Topic): void {
    this.buf.set(t.pool.bytes, Writer.TOPIC);
    this.pos = Writer.OUT;
  }
  /** Appends piece `i` of `p`, which is FILLER or the current topic's pool. */
  piece(p: Pool, i: number): void {
    const base = p === FILLER ? 0 : Writer.TOPIC;
    const from = i === 0 ? 0 : p.ends[i - 1]!;
    const to = p.ends[i]!;
    this.buf.copyWithin(this.pos, base + from, base + to);
    this.pos += to - from;
  }
  /** Appends ASCII text. */
  ascii(s: string): void {
    if (s.length > 16) this.pos += this.buf.write(s, this.pos, 'latin1');
    else for (let j = 0; j < s.length; j++) this.buf[this.pos++] = s.charCodeAt(j);
  }
  /** Upper-cases the letter at `at`. */
  capitalise(at: number): void {
    const c = this.buf[at]!;
    if (c >= 97 && c <= 122) this.buf[at] = c - 32;
  }
  /** Everything written since `from` (by default the article so far), as a string. */
  text(from = Writer.OUT): string {
    return this.buf.toString('latin1', from, this.pos);
  }
}

/** The topic of one article: the story it belongs to, or its own. */
interface Topic {
  category: number; entities: Entity[]; topics: string[]; story?: number;
  /** Full and short name of each entity, then the topic words. */
  pool: Pool;
  /** Short name of the first person named, who gets quoted. */
  speaker?: string;
}

/** A topic with its pool of topic words. */
function topic(category: number, entities: Entity[], topics: string[], story?: number): Topic {
  const p = pool([...entities.flatMap((e) => [e.name, e.short]), ...topics]);
  const speaker = entities.find((e) => e.person)?.short;
  return { category, entities, topics, pool: p, ...(speaker ? { speaker } : {}), ...(story === undefined ? {} : { story }) };
}

/** A new topic: story topics pick specific (less popular) entities, one-off articles popular ones. */
function newTopic(rng: Rng, story?: number): Topic {
  const e = VOCAB.entities.items;
  const n = 2 + Math.floor(rng() * 3);
  const entities: Entity[] = [];
  while (entities.length < n) {
    const x = story === undefined ? zipfPick(rng, VOCAB.entities) : e[20 + Math.floor(rng() * (e.length - 20))]!;
    if (!entities.includes(x)) entities.push(x);
  }
  const topics = [0, 1].map(() => VOCAB.content.items[150 + Math.floor(rng() * 2500)]!);
  return topic(pickCategory(rng), entities, topics, story);
}

/** A category index by its share of the archive. */
function pickCategory(rng: Rng): number {
  let r = rng() * 100;
  for (let i = 0; i < CATEGORIES.length; i++) if ((r -= CATEGORIES[i]![1]) < 0) return i;
  return 0;
}

/** Plans stories: which later articles continue a story started at `i`. */
class StoryPlanner {
  private readonly reserved = new Map<number, Topic>();
  private next = 0;
  constructor(private readonly rng: Rng, private readonly total: number) {}

  /** The topic of article `i`, starting a story there now and then. */
  topicAt(i: number): Topic {
    const planned = this.reserved.get(i);
    if (planned) {
      this.reserved.delete(i);
      const t = planned;
      return t.entities.length <= 2 || this.rng() < 0.5 ? t // not every follow-up names every party
        : topic(t.category, t.entities.filter((_, k) => k < 2 || this.rng() < 0.6), t.topics, t.story);
    }
    if (this.rng() >= 0.06) return newTopic(this.rng);
    const perDay = this.total / (SPAN / 86400000);
    const window = Math.max(12, Math.round((7 + this.rng() * 35) * perDay));
    const planned2: number[] = [];
    for (let k = 2 + Math.floor(this.rng() * 10); k > 0; k--) {
      let j = i + 1 + Math.floor(this.rng() * window);
      while (this.reserved.has(j) || planned2.includes(j)) j++;
      if (j < this.total) planned2.push(j);
    }
    const t = newTopic(this.rng, planned2.length ? this.next++ : undefined);
    for (const j of planned2) this.reserved.set(j, t);
    return t;
  }
}

/** Writes one article, front matter and Markdown body, and returns it. */
function writeArticle(rng: Rng, w: Writer, i: number, n: number, t: Topic): GeneratedArticle {
  const wall = START + Math.floor(((i + rng()) * SPAN) / n / 1000) * 1000;
  const d = new Date(wall).toISOString();
  const [yyyy, mm, dd] = [d.slice(0, 4), d.slice(5, 7), d.slice(8, 10)];
  const title = headline(rng, t);
  const slug = `${title.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().split(' ').slice(0, 7).join('-')}-${i + 1}`;
  const [category] = CATEGORIES[t.category]!;
  const tags = rng() < 0.6 ? pickTags(rng, t) : undefined;
  const fm = ['---', `title: ${JSON.stringify(title)}`, byline(rng), `category: ${category}`, `date: ${d.slice(0, 10)} ${d.slice(11, 19)}`];
  if (rng() < 0.5) fm.push(`source: ${pick(rng, SOURCES)}`);
  if (tags) fm.push(`tags: [${tags.map((x) => JSON.stringify(x)).join(', ')}]`);
  if (rng() < 0.25) fm.push(`summary: ${JSON.stringify(phrase(rng, t, w, 12))}`);
  if (rng() < 0.4) fm.push(`image: /images/${yyyy}/${mm}/${slug}.jpg`, ...(rng() < 0.7 ? [`caption: ${JSON.stringify(phrase(rng, t, w, 8))}`] : []));
  fm.push('---', '');
  w.start(t);
  w.ascii(fm.join('\n'));
  body(rng, t, w, `/images/${yyyy}/${mm}/foto-`);
  const url = `/${yyyy}/${mm}/${dd}/${slug}/`;
  const meta = { title, tags: tags ?? [], categorySlug: category.toLowerCase().replace(/ /g, '-'), date: wall - WIB, url };
  return { path: `${yyyy}/${mm}/${slug}.md`, text: w.text(), ...(t.story === undefined ? {} : { story: t.story }), meta };
}

/** A headline naming the story's parties and topic. */
function headline(rng: Rng, t: Topic): string {
  const e = pick(rng, t.entities);
  const parts = [e.name, pick(rng, VOCAB.verbs), pick(rng, t.topics), zipfPick(rng, VOCAB.content)];
  if (rng() < 0.5) parts.push(pick(rng, ['di', 'dari', 'untuk', 'dengan']), pick(rng, t.entities.filter((x) => x !== e)).name);
  if (rng() < 0.4) parts.push(pick(rng, t.topics));
  return rng() < 0.3 ? `${cap(parts[2]!)}: ${parts.slice(0, 2).join(' ')} ${parts.slice(3).join(' ')}` : parts.join(' ');
}

/** One or two reporters. */
function byline(rng: Rng): string {
  if (rng() < 0.85) return `byline: ${pick(rng, REPORTERS)} ${pick(rng, LAST)}`;
  return `byline:\n  - ${pick(rng, REPORTERS)} ${pick(rng, LAST)}\n  - ${pick(rng, REPORTERS)}`;
}

/** 0–5 tags: the article's parties as editors would tag them, now and then in the wrong case. */
function pickTags(rng: Rng, t: Topic): string[] {
  const n = Math.min(t.entities.length + 1, Math.floor(rng() * 6));
  const tags: string[] = [];
  for (const e of [...t.entities, zipfPick(rng, VOCAB.entities)]) {
    if (tags.length < n && !tags.includes(e.name) && rng() < 0.8) tags.push(rng() < 0.03 ? e.name.toLowerCase() : e.name);
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
    const topical = u < 0.25; // one word in 25: each name or topic word about 4-8 times per article
    const v = topical ? u / 0.25 : (u - 0.25) / 0.75;
    const p = topical ? t.pool : FILLER;
    const i = !topical ? Math.floor(v * FILLER.words.length) : v < 0.6 ? Math.floor((v / 0.6) * names) : names + Math.floor(((v - 0.6) / 0.4) * t.topics.length);
    words += p.words[i]!;
    if (w.pos > first) w.buf[w.pos++] = 32;
    const last = mark !== 0 && words >= len;
    if (last) w.ascii(mark === 1 ? '[' : '**');
    w.piece(p, i);
    if (last) w.ascii(mark === 1 ? `](https://warta.id/tag/${t.topics[0]})` : '**');
  }
  w.capitalise(mark === 1 && words <= 1 ? first + 1 : first);
  w.words += words;
}

/** One sentence of about `len` words as a string (resets the writer). */
function phrase(rng: Rng, t: Topic, w: Writer, len: number): string {
  w.start(t);
  const from = w.pos;
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
function body(rng: Rng, t: Topic, w: Writer, photo: string): void {
  const target = 350 + Math.floor(rng() * 551);
  const place = t.entities.find((e) => !e.person) ?? zipfPick(rng, VOCAB.places);
  w.words = 0;
  w.ascii(`**${place.name.toUpperCase()}** - `);
  paragraph(rng, t, w);
  let afterText = true;
  while (w.words < target) {
    w.ascii('\n\n');
    const r = rng();
    const len = 3 + Math.floor(rng() * 4);
    if (r < 0.1 && afterText) w.ascii('## '), sentence(rng, t, len, w);
    else if (r < 0.14) for (let k = 0; k < 4; k++) w.ascii(k ? '\n- ' : '- '), sentence(rng, t, len, w);
    else if (r < 0.16) w.ascii('!['), sentence(rng, t, len, w), w.ascii(`](${photo}${Math.floor(rng() * 1e6)}.jpg)`);
    else paragraph(rng, t, w);
    afterText = r >= 0.1;
  }
  w.ascii('\n');
}

/** Generates the archive in date order, byte-identical for the same options. */
export function* generateArchive(options: GenerateOptions): Generator<GeneratedArticle> {
  const rng = mulberry32(options.seed ?? 1);
  const planner = new StoryPlanner(rng, options.articles);
  const writer = new Writer();
  for (let i = 0; i < options.articles; i++) {
    const topic = options.clusters === false ? newTopic(rng) : planner.topicAt(i);
    yield writeArticle(rng, writer, i, options.articles, topic);
  }
}

/** Writes the archive under `dir` (e.g. `dir/2023/05/slug.md`); returns how many files. */
export async function writeArchive(dir: string, options: GenerateOptions): Promise<number> {
  const made = new Set<string>();
  let pending: Promise<void>[] = [];
  let count = 0;
  for (const a of generateArchive(options)) {
    const file = join(dir, a.path);
    const folder = dirname(file);
    if (!made.has(folder)) made.add(folder), await mkdir(folder, { recursive: true });
    pending.push(writeFile(file, a.text));
    if (pending.length >= 64) await Promise.all(pending), (pending = []);
    count++;
  }
  await Promise.all(pending);
  return count;
}
