// The words, text pools and topics the archive generator (generate.ts) writes with.

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

export type Rng = () => number;
export const words = (s: string): string[] => s.trim().split(/\s+/);
export const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
export const cap = (s: string): string => s[0]!.toUpperCase() + s.slice(1);

/** A list in Zipf (s = 1) rank order, with the inverse of the continuous 1/x law tabulated: O(1) draws. */
export interface Ranked<T> {
  items: readonly T[];
  ranks: Uint16Array;
}
export const ranked = <T>(items: readonly T[]): Ranked<T> => ({
  items,
  ranks: Uint16Array.from({ length: 65536 }, (_, j) =>
    Math.min(items.length - 1, Math.floor((items.length + 1) ** ((j + 0.5) / 65536)) - 1),
  ),
});
export const rankAt = <T>(list: Ranked<T>, u: number): T => list.items[list.ranks[(u * 65536) | 0]!]!;
export const zipfPick = <T>(rng: Rng, list: Ranked<T>): T => rankAt(list, rng());

export const FUNCTION = ranked(
  words(`yang dan di ke dari untuk dengan pada dalam ini itu adalah akan juga tidak telah sudah
oleh sebagai bahwa para bagi karena atau namun tetapi serta masih lebih sangat hanya bisa dapat harus belum agar saat
ketika setelah sebelum hingga antara tersebut secara seperti banyak baru lain kembali mereka kami kita ia tahun hari`),
);
export const ROOTS =
  words(`bangun bayar beli jual kirim tangkap periksa tahan ajak atur awas bahas bantu batal buka cari
catat cegah dorong duga gelar gugat hadap hapus hitung impor ekspor jaga jamin kaji kawal kelola kembang kuasa lapor
lawan layan lindung minta nilai olah pakai pantau pasang pecat pegang pilih pimpin potong rampas rekam rilis rusak
salur sangkal sebar selidik serang serah sidang simpan sita susun tampung tanam tanggap tawar tekan tempuh temu terbit
terima tindak tinjau tolak tuduh tuntut tunda ubah ukur urus usul usut bela bina bongkar cabut capai cetak dakwa
dukung edar gali gerak hibah incar isi izin jabat jerat kecam keluh latih lepas lunas luncur muat operasi padam
pangkas peras pindah rawat rebut runding sadap sambut sewa sokong suap sumbang tambang tawan tembak timbun tumbuh
undang uji`);
export const NOUNS = words(`pemerintah presiden menteri gubernur bupati warga masyarakat petani nelayan buruh pengusaha
polisi jaksa hakim terdakwa tersangka saksi korban pasien dokter guru siswa mahasiswa anggaran harga beras minyak
listrik jembatan bandara pelabuhan kereta banjir gempa longsor kebakaran kekeringan hujan cuaca sekolah kampus pasar
toko pabrik hutan sawah kebun laut pulau desa kampung kecamatan provinsi negara dunia ekonomi inflasi investasi saham
rupiah dolar pajak subsidi utang kredit produksi pertumbuhan pemilu partai calon suara kursi koalisi kampanye debat
survei regulasi aturan kebijakan program proyek bantuan vaksin virus penyakit kesehatan pendidikan aplikasi data
internet ponsel digital film musik konser album lagu penyanyi aktor pertandingan pelatih pemain klub liga turnamen
medali atlet juara stadion penelitian ilmuwan satelit planet energi iklim emisi karbon sampah lingkungan narkoba
korupsi penipuan pencurian kecelakaan penerbangan kapal mobil motor demonstrasi gaji upah pangan pupuk stok`);
export const FIRST =
  words(`Budi Siti Agus Dewi Ahmad Rina Joko Sri Andi Nur Hendra Lestari Bambang Wati Rudi Yuni Eko Fitri
Hadi Ratna Irfan Maya Dedi Putri Arif Indah Bayu Sari Teguh Wulan Fajar Ayu Rizky Intan Yusuf Dian Hasan Nita Gilang
Ningsih`);
export const LAST = words(`Santoso Wijaya Saputra Hidayat Kusuma Pratama Nugroho Setiawan Gunawan Siregar Nasution
Simanjuntak Lubis Harahap Tanjung Sitompul Wibowo Purnomo Susanto Hakim Rahman Syahputra Halim Suryadi Hartono Permana
Kurniawan Firmansyah Ramadhan Maulana Sinaga Pane Manurung Tambunan Panjaitan Pangaribuan Sembiring Ginting Tarigan
Sitepu Wenas Rumondor Lapian Pattiasina Latuconsina Mahuze Wanggai Rumbiak Baso Ma'ruf`);
export const PLACES =
  words(`Jakarta Surabaya Bandung Medan Semarang Makassar Palembang Denpasar Yogyakarta Malang Solo Bogor
Depok Bekasi Tangerang Batam Pekanbaru Padang Jambi Bengkulu Lampung Pontianak Banjarmasin Samarinda Balikpapan Manado
Gorontalo Palu Kendari Ambon Ternate Jayapura Sorong Merauke Kupang Mataram Aceh Lhokseumawe Sabang Nias Sibolga
Bukittinggi Dumai Tanjungpinang Pangkalpinang Serang Cilegon Cirebon Tasikmalaya Garut Sukabumi Karawang Purwakarta
Tegal Pekalongan Cilacap Banyumas Magelang Klaten Kudus Jepara Rembang Tuban Gresik Sidoarjo Mojokerto Kediri Blitar
Madiun Jember Banyuwangi Probolinggo Pasuruan Bangkalan Sumenep Singaraja Gianyar Bima Sumbawa Ende Maumere Atambua
Tarakan Nunukan Bontang Ketapang Singkawang Sampit Luwuk Toli-Toli Bitung Tomohon Manokwari Timika Wamena Nabire Biak
Tual Tidore`);
export const ORGS =
  `KPK,DPR,Polri,TNI,Kejaksaan Agung,Mahkamah Agung,Mahkamah Konstitusi,KPU,Bawaslu,BPK,BPS,Bank Indonesia,
OJK,LPS,BMKG,BNPB,Basarnas,BPOM,BKKBN,BRIN,Bappenas,Pertamina,PLN,Telkom,Garuda Indonesia,KAI,Pelindo,Bulog,
Krakatau Steel,Inalum,Antam,PGN,Jasa Marga,Waskita Karya,Wijaya Karya,Hutama Karya,Bank Mandiri,BRI,BNI,BTN,PSSI,KONI,
PBSI,Persija,Persib,Arema,Persebaya,PSM,NU,Muhammadiyah,MUI,Walhi,ICW,YLBHI,Komnas HAM,Ombudsman,LPSK,Kemenkeu,
Kemendag,Kemenkes,Kemendikbud,Kemenhub,Kemenag,Kemlu,Kemenhan,Kementan,KKP,Kominfo,Kemenpora,Kemensos,PDIP,Golkar,
Gerindra,PKB,NasDem,PKS,Demokrat,PAN,PPP`.split(/,\s*/);
export const REPORTERS =
  words(`Wira Sari Dimas Anggraini Rahmat Kartika Yoga Melati Ilham Puspita Galih Citra Reza Anisa
Fikri Larasati Danu Safitri Hendro Oktaviani Bagus Novita Arya Rosita Tommy Handayani Yudha Susilawati Irwan Damayanti`);
export const CATEGORIES: [name: string, share: number][] = [
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
export const SOURCES = ['Antara', 'Antara', 'Antara', 'Reuters', 'AFP', 'AP', 'Xinhua', 'Tim Warta'];
export const QUOTE_VERBS = ['kata', 'ujar', 'tutur', 'jelas', 'ungkap'];

/** A person, place or organisation; `notable` ones (a few hundred) are what editors tag. */
export interface Entity {
  name: string;
  short: string;
  person: boolean;
  notable: boolean;
}

/** Affixed forms of a root by the meN-/peN- sound rules, so the vocabulary inflects like Indonesian. */
export function affixed(root: string): string[] {
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
export function buildVocabulary() {
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

export const VOCAB = buildVocabulary();

/** Text pieces stored as ASCII bytes: piece i is `bytes[ends[i-1] .. ends[i])` and has `words[i]` words. */
export interface Pool {
  bytes: Uint8Array;
  ends: Int32Array;
  words: Uint8Array;
}

/** Packs pieces of ASCII text into a pool. */
export function pool(pieces: readonly string[]): Pool {
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
export const FILLER = (() => {
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
export class Writer {
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
export interface Topic {
  category: number;
  entities: Entity[];
  topics: string[];
  story?: number;
  pool: Pool;
  speaker?: string;
}

/** A topic, with a pool of its names (full and short, per entity) then its topic words. */
export function topic(category: number, entities: Entity[], topics: string[], story?: number): Topic {
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
export function newTopic(rng: Rng, story?: number): Topic {
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
