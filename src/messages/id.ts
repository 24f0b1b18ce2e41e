// Pesan dalam Bahasa Indonesia: bahasa bawaan warta, bahasa redaksi dan editornya.

import type { MessageParam, MessageParams, SvgReason } from '../errors.js';
import { MONTHS, WEEKDAYS, YEARS } from '../time.js';
import { claimsIn, type MessageTable, type ReportCounts } from './table.js';

const EXAMPLES = '"2025-04-02 15:22:12", "2025-04-02T15:22:12+07:00" atau "Rabu, 2 April 2025 15:22:12 WIB"';
const SITE_PATH = 'alamat di dalam situs (seperti "/images/foto.jpg") atau URL http(s)';
const MAX_NAME = 'melebihi 255 byte yang boleh dipakai nama berkas atau folder';

const KINDS: Record<string, string> = {
  list: 'daftar',
  mapping: 'pasangan kolom',
  text: 'teks',
  number: 'angka',
  boolean: 'nilai benar/salah',
};
const EXPECTED_TYPE: Record<string, string> = {
  text: 'teks',
  texts: 'teks, atau daftar teks, yang tidak kosong',
  boolean: 'true atau false',
  'page-type': '"article" atau "page"',
};
const CONFIG_EXPECTED: Record<string, string> = {
  text: 'teks yang tidak kosong',
  url: 'URL http(s)',
  string: 'teks',
  count: 'bilangan bulat positif',
  hosts: 'daftar nama host',
  categories: 'daftar objek {"slug", "name"}',
  category: '{"slug": huruf-kecil-ascii-dengan-tanda-hubung, "name": teks tidak kosong}',
  fields: 'daftar nama kolom',
  links: 'daftar objek {"name", "url"}, dengan url berupa alamat di situs yang diawali / atau URL http(s)',
  raster: 'alamat di dalam situs ("/images/logo.png") atau URL http(s) gambar raster (bukan SVG)',
  'feed-content': '"summary" atau "full"',
  colour: 'warna heksadesimal seperti "#a3121a"',
  boolean: 'true atau false',
};

/** `/a/ dan /b/` dari nilai yang dipisah baris baru (tidak ada alamat yang memuatnya). */
function and(list: MessageParam, wrap = (s: string) => s): string {
  return String(list ?? '')
    .split('\n')
    .map(wrap)
    .join(' dan ');
}

function link(p: MessageParams): string {
  switch (p.why) {
    case 'draft':
      return ': berita itu masih draf';
    case 'invalid':
      return ': berkas itu mengandung kesalahan';
    case 'held':
      return `: berita itu ditahan sampai ${p.until}`;
    case 'no-page':
      return `: tautan menuju ${p.path}, dan tidak ada halaman atau berkas situs di sana`;
    case 'no-file':
      return `: tidak ada berkas berita ${p.path} di folder konten`;
    default:
      return '';
  }
}

/** Yang mengklaim sebuah berkas keluaran, disebut namanya. */
function claimants(value: MessageParam): string[] {
  return claimsIn(value).map((c) => id.claims[c.kind](c));
}

function collision(p: MessageParams): string {
  if (p.kind === 'file-folder')
    return `/${p.path} sekaligus berkas dan folder: ${claimants(p.writers).join(', ')} menulis berkasnya, ${claimants(p.needers).join(', ')} memerlukan foldernya`;
  if (p.kind === 'case') {
    const labels = claimants(p.labels);
    const uses = String(p.folders)
      .split('\n')
      .map((f, i) => `${labels[i]} menulis ke /${f}/`);
    return `${and(p.folders, (f) => `/${f}/`)} hanya berbeda huruf besar-kecil, satu folder di macOS dan Windows: ${uses.join(', ')}`;
  }
  const paths = String(p.paths).split('\n');
  const what = paths.length === 1 ? paths[0] : `${paths.join(' dan ')}, satu berkas di macOS dan Windows`;
  return `${p.count} sumber akan menulis ${what}: ${claimants(p.by).join(', ')}`;
}

function dropped(p: MessageParams): string {
  if (p.kind === 'element') return `elemen <${p.tag}>`;
  if (p.kind === 'attribute') return `atribut ${p.attr} pada <${p.tag}>`;
  return `${p.attr}="${p.value}" pada <${p.tag}>`;
}

const UNREADABLE: Record<string, string> = {
  permission: 'izin ditolak',
  folder: 'itu sebuah folder',
  gone: 'berkasnya dihapus selama build',
  special: 'bukan berkas biasa, melainkan named pipe, soket, atau perangkat',
};

/** Mengapa berkas atau folder tidak bisa dibaca. */
function unreadable(p: MessageParams): string {
  return UNREADABLE[String(p.why)] ?? String(p.detail);
}

/** Masalah pada satu entri `corrections` atau pada kolom `withdrawn`. */
function notice(p: MessageParams): string {
  const where = p.item === undefined ? '' : `ralat ke-${p.item}: `;
  switch (p.problem) {
    case 'list':
      return `seharusnya daftar ralat, masing-masing dengan "at" (tanggal dan jam WIB) dan "text", tertulis ${p.value}`;
    case 'shape':
      return `${where}tulis "at" (tanggal dan jam WIB) dan "${p.key}" (teks), masing-masing di barisnya sendiri dan menjorok ke dalam; tertulis ${p.value}`;
    case 'keys':
      return `${where}hanya boleh ada "at" dan "${p.key}", tertulis ${p.value}`;
    case 'at-missing':
      return `${where}"at" tidak ada: isi dengan tanggal dan jam WIB seperti "2025-04-03 09:15"`;
    case 'at-time':
      return `${where}"at": seharusnya ${id.time[p.reason as keyof MessageTable['time']](p)}, tertulis ${p.value}`;
    case 'text':
      return `${where}"${p.key}": seharusnya teks yang tidak kosong, tertulis ${p.value}`;
    default:
      return `${where}"at": waktunya tidak boleh lebih awal dari tanggal berita, tertulis ${p.value}`;
  }
}

const PLACES: Record<string, string> = {
  working: 'folder kerja',
  content: 'folder konten',
  templates: 'folder template',
  static: 'folder statis',
  home: 'folder rumah (home)',
  config: 'folder berkas konfigurasi',
};

/** Mengapa sebuah folder keluaran ditolak. */
function refused(p: MessageParams): string {
  const place = PLACES[String(p.place)];
  const refusals: Record<string, string> = {
    root: 'adalah akar sistem berkas',
    is: `adalah ${place}`,
    holds: `memuat ${place} (${p.folder})`,
    inside: `ada di dalam ${place} (${p.folder})`,
    link: 'adalah tautan simbolik (berikan folder yang ditunjuknya sebagai --out)',
    file: 'adalah berkas, bukan folder',
    mount: 'adalah akar sistem berkas (titik kait)',
    git: 'memuat repositori (.git)',
    foreign: `berisi berkas tetapi tidak ada ${p.marker}, jadi bukan warta yang membuatnya (jika memang warta, hapus atau kosongkan sendiri)`,
  };
  return `${refusals[String(p.refusal)]}: warta mengganti seluruh folder keluarannya setiap build; pilih --out lain`;
}

function summaryTail(c: ReportCounts): string {
  const at = c.nextDue ? `${c.nextDue.long} = ${c.nextDue.iso}` : '';
  const held = c.heldBack ? `, ${c.heldBack} ditahan (berikutnya terbit ${at})` : at && `, situs berubah lagi ${at}`;
  return `${held}${c.drafts ? `, ${c.drafts} draf` : ''}`;
}

/** Tabel Bahasa Indonesia. */
export const id: MessageTable = {
  problems: {
    'too-large': (p) => `berkas terlalu besar: paling banyak ${p.max} byte, berkas ini ${p.size} byte`,
    encoding: (p) =>
      p.byte === undefined
        ? 'berkas disimpan sebagai UTF-16: simpan ulang sebagai UTF-8'
        : `berkas bukan teks UTF-8 yang sah (ada urutan byte yang salah di dekat byte ${p.byte}): simpan ulang sebagai UTF-8`,
    binary: () => 'berkas ini bukan teks (ada byte NUL): simpan berita sebagai teks UTF-8',
    'file-name': () =>
      'nama berkas tidak boleh memuat garis miring terbalik atau karakter kontrol: ganti nama berkasnya',
    'symlink-broken': () => 'tautan simbolik ini tidak menunjuk ke apa pun',
    'symlink-outside': (p) =>
      `tautan simbolik ini menunjuk ke luar folder ${p.folder === 'static' ? 'statis' : 'konten'}: salin berkasnya ke dalam`,
    'symlink-folder': () => 'tautan simbolik ke folder tidak diikuti: pindahkan foldernya ke dalam',
    'file-unreadable': (p) => `${p.of === 'article' ? 'berita' : 'berkas'} ini tidak bisa dibaca: ${unreadable(p)}`,
    'folder-unreadable': (p) => `folder ini tidak bisa dibaca (${unreadable(p)}): tidak ada isinya yang diterbitkan`,
    'file-special': () => 'bukan berkas biasa, melainkan named pipe, soket, atau perangkat: tidak diterbitkan',
    'file-backup': () =>
      'berkas cadangan atau sementara dari editor tidak diterbitkan, karena bisa memuat teks yang bukan untuk pembaca (hapus, atau simpan di luar folder konten)',
    'file-hidden': () => 'berkas tersembunyi tidak diterbitkan',
    'file-markdown': () =>
      'hanya berkas .md yang menjadi berita: berkas ini tidak diterbitkan (ganti akhirannya menjadi .md untuk menerbitkannya)',
    'file-html': () =>
      'berkas HTML di folder konten tidak diterbitkan, karena akan melewati aturan HTML mentah (tulis sebagai berita, atau taruh halaman milik situs di folder statis)',
    'file-type': (p) =>
      `${p.ext ? `berkas .${p.ext}` : 'berkas tanpa akhiran'} tidak diterbitkan: hanya gambar, audio, video, PDF, dokumen kantor, fon, .txt, .csv, dan .json yang diterbitkan (taruh berkas milik situs di folder statis)`,
    'svg-script': (p) =>
      `SVG yang bisa menjalankan skrip di situs tidak diterbitkan (ditemukan: ${id.svg[p.risk as SvgReason](p)}): hapus, atau ekspor ulang gambarnya sebagai SVG biasa atau PNG`,
    'front-matter-blank': () =>
      'terlalu banyak baris kosong berturut-turut di kepala berkas (paling banyak sekitar 250): hapus baris-baris kosong itu',
    correction: notice,
    withdrawal: notice,
    'html-too-deep': (p) =>
      `HTML mentah bersarang lebih dari ${p.max} tingkat: semua HTML mentah berita ini ditampilkan sebagai teks; kurangi sarangnya`,
    changed: () => 'berkas berubah selama build: jalankan build lagi',
    'front-matter-missing': () =>
      'kepala berkas tidak ada: awali berkas dengan baris "---", lalu kolom-kolomnya, lalu baris "---" lagi',
    'front-matter-unclosed': () =>
      'baris "---" penutup kepala berkas tidak ada: tambahkan "---" setelah kolom terakhir',
    'front-matter-shape': () => 'kepala berkas harus berisi kolom ("title: ...", satu per baris)',
    'front-matter-size': (p) =>
      `kepala berkas memuat lebih dari ${p.max} nilai (alias YAML yang berulang dihitung setiap kali)`,
    'duplicate-key': (p) => `kolom${p.key === undefined ? '' : ` ${p.key}`} ditulis dua kali: hapus salah satunya`,
    yaml: (p) => `kepala berkas tidak bisa dibaca (YAML: ${p.reason})`,
    'yaml-colon': (p) =>
      `titik dua diikuti spasi di dalam isi kolom dianggap akhir nama kolom: apit isinya dengan tanda kutip ganda, seperti: ${p.fixed}`,
    'yaml-tab': () => 'baris ini dijorokkan dengan Tab: gunakan spasi',
    'yaml-quote': (p) =>
      `tanda kutip ${p.quote} yang dibuka di baris ini tidak ditutup: akhiri isinya dengan ${p.quote}, atau tulis tanpa tanda kutip`,
    'yaml-bracket': (p) =>
      `${p.open === '[' ? 'daftar' : 'pasangan kolom'} yang dibuka dengan ${p.open} di baris ini tidak ditutup: akhiri dengan ${p.close}, dan pisahkan isinya dengan koma`,
    'field-misspelt': (p) => `nama kolom tidak dikenal: maksud Anda "${p.meant}"?`,
    'field-unknown': () =>
      'kolom tidak dikenal, diabaikan: cantumkan di "extraFields" pada konfigurasi situs jika template memakainya',
    missing: () => 'kolom wajib ini tidak ada',
    empty: (p) =>
      p.what === 'list' ? 'isi paling sedikit satu nama; daftarnya kosong' : 'isi kolom ini; sekarang kosong',
    type: (p) =>
      `seharusnya ${EXPECTED_TYPE[String(p.expected)]}, tertulis ${p.kind === undefined ? p.value : `${KINDS[String(p.kind)] ?? p.kind} ${p.value}`}`,
    time: (p) => `seharusnya ${id.time[p.reason as keyof MessageTable['time']](p)}, tertulis ${p.value}`,
    slug: (p) => {
      if (p.of === 'category')
        return `nama kategori harus memuat paling sedikit satu huruf atau angka, tertulis ${p.value}`;
      if (p.of === 'derived')
        return `slug tidak bisa dibuat dari nama berkas atau judul ${p.value}: tambahkan kolom "slug"`;
      return `slug hanya boleh huruf kecil ASCII, angka, dan tanda hubung tunggal (seperti "wang-yi-di-moskow"), tertulis ${p.value}`;
    },
    'name-too-long': (p) => {
      const long = `panjangnya ${p.bytes} byte, ${MAX_NAME}`;
      if (p.of === 'category') return `nama kategori terlalu panjang: potongan URL-nya ${p.value} ${long}`;
      if (p.of === 'file name' || p.of === 'title')
        return `slug dari ${p.of === 'title' ? 'judul' : 'nama berkas'}, ${p.value}, ${long}: tambahkan kolom "slug" yang lebih pendek`;
      if (p.of === 'aliases') return `alamat terlalu panjang, setiap bagian paling banyak 255 byte: ${p.value}`;
      return `slug terlalu panjang: ${p.value} ${long}`;
    },
    image: (p) => `seharusnya ${SITE_PATH}, tertulis ${p.value}`,
    alias: (p) =>
      `seharusnya alamat URL mutlak seperti "/lama/berita/" atau "/lama/berita.html" tanpa "..", query, atau fragmen, tertulis ${p.values}`,
    'alias-hidden': (p) =>
      `tidak ada bagian alamat yang boleh diawali "." (berkas tersembunyi seperti /.htaccess milik server web), tertulis ${p.values}`,
    'url-collision': collision,
    'link-broken': (p) => `tautan ke ${p.href} tidak menuju ke mana pun${link(p)}`,
    'html-dropped': (p) => `HTML dibuang karena tidak aman: ${dropped(p)}`,
    'image-missing': (p) =>
      `gambar ${p.path} tidak ada di situs (letakkan berkasnya di bawah content/, misalnya content/images/, atau di folder static)`,
    'image-unreadable': () =>
      'berkas ini tidak bisa dibaca sebagai gambar (JPEG, PNG, WebP, GIF, atau AVIF): simpan ulang dari aplikasi foto',
    template: (p) => `template: ${p.detail}`,
    'search-index': (p) =>
      `indeks pencarian tidak bisa dibuat oleh Pagefind: ${p.detail} (tulis "search": false di konfigurasi situs untuk membangun tanpa pencarian)`,
    'config-read': (p) => `berkas konfigurasi tidak bisa dibaca (${p.detail})`,
    'config-json': (p) => `berkas konfigurasi bukan JSON yang sah (${p.detail})`,
    'config-shape': () => 'berkas konfigurasi harus berupa objek JSON',
    'config-field': (p) => `seharusnya ${CONFIG_EXPECTED[String(p.expected)]}, tertulis ${p.value}`,
    'config-unknown': () => 'pengaturan tidak dikenal',
    'output-refused': (p) => (p.refusal === undefined ? 'nama folder keluaran kosong' : refused(p)),
    'output-permission': (p) =>
      p.folder === undefined
        ? `tidak bisa diubah: ${p.change} ditolak (${p.errno}); folder ini, isinya, atau folder di atasnya mungkin milik pengguna lain atau ada di disk baca-saja: perbaiki izinnya atau pilih --out lain`
        : `tidak bisa diubah: pengguna ini tidak boleh menulis ${p.folder} (mungkin milik pengguna lain); perbaiki izinnya atau pilih --out lain`,
    'output-locked': (p) =>
      `${p.pid === undefined ? `warta lain sedang mengunci ${p.out}/, atau berkas ini tidak bisa diganti` : `warta lain (proses ${p.pid}, sejak ${p.since}) sedang menulis ${p.out}/`}: tunggu sampai selesai atau hentikan; jika tidak ada warta yang berjalan, hapus berkas ini`,
    'dev-build': (p) => `build berhenti: ${p.detail}`,
  },
  time: {
    text: () => `tanggal ditulis sebagai teks, seperti ${EXAMPLES}`,
    'with-time': () => 'tanggal beserta jamnya, seperti "2025-04-02 15:22:12"',
    'with-offset': () =>
      'selisih UTC setelah jam yang diawali "T", seperti "2025-04-02T15:22:12+07:00" (atau spasi untuk WIB: "2025-04-02 15:22:12")',
    padded: () => 'tanggal dan jam dengan angka nol di depan, seperti "2025-04-02 15:22:12"',
    timestamp: () => `tanggal dan jam WIB seperti ${EXAMPLES}`,
    'offset-range': () => 'selisih UTC antara -14:00 dan +14:00, seperti "+07:00"',
    'month-name': () => `nama bulan dalam bahasa Indonesia (${MONTHS.join(', ')})`,
    'weekday-name': () => `nama hari dalam bahasa Indonesia (${WEEKDAYS.join(', ')})`,
    'year-range': () => `tanggal antara tahun ${YEARS.first} dan ${YEARS.last} (WIB)`,
    'month-range': () => 'tanggal yang ada di kalender (bulan 01–12)',
    'day-range': (p) => `tanggal yang ada di kalender (${p.month} hanya punya ${p.days} hari)`,
    'time-range': () => 'jam yang ada (jam 00–23, menit dan detik 00–59)',
    weekday: (p) => `hari yang cocok dengan ${p.date} ("${p.weekday}")`,
  },
  claims: {
    article: (c) => `${c.file} (${c.url})`,
    alias: (c) => `${c.file} (alias ${c.url})`,
    category: (c) => `kategori "${c.name}" (${c.url})`,
    indeks: () => 'halaman Indeks',
    period: (c) => `arsip ${c.name} (${c.url})`,
    topic: (c) => `topik "${c.name}" (${c.url})`,
    author: (c) => `penulis "${c.name}" (${c.url})`,
    list: (c) => `daftar ${c.url}`,
    static: (c) => `berkas statis ${c.file}`,
    reserved: (c) => `${c.url} milik warta`,
  },
  svg: {
    declarations: () => 'deklarasi entitas atau atribut sendiri (<!ENTITY, <!ATTLIST)',
    doctype: () => 'deklarasi sendiri di dalam DOCTYPE',
    element: (p) => `elemen <${p.found}>`,
    instruction: (p) => `instruksi pemrosesan (<?${p.found}>)`,
    handler: (p) => `atribut penangan peristiwa (${p.found})`,
    'script-url': (p) => `URL skrip di ${p.found}`,
    'animated-handler': (p) => `animasi penangan peristiwa (${p.found})`,
    use: (p) => `<use> yang memakai berkas lain (${p.found})`,
    xhtml: () => 'elemen HTML (namespace XHTML)',
    unreadable: () => 'isi yang tidak bisa dibaca',
    'wide-encoding': () => 'teks UTF-16 atau UTF-32, yang tidak diperiksa',
  },
  warning: 'peringatan: ',
  report: {
    check: (c) => {
      const found = c.errors + c.warnings ? `${c.errors} kesalahan dan ${c.warnings} peringatan` : 'tidak ada masalah';
      return `warta: pemeriksaan menemukan ${found}; ${c.published} berita siap terbit${summaryTail(c)}; tidak ada yang ditulis`;
    },
    buildFailed: (c, kept) =>
      `warta: build gagal dengan ${c.errors} kesalahan${c.warnings ? `, ${c.warnings} peringatan` : ''}${kept ? `; ${kept}/ dibiarkan seperti semula` : ''}`,
    built: (c, w, seconds) => {
      const i = w.incremental;
      const changes = i
        ? `${i.written} dari ${w.files} berkas berubah${i.removed ? `, ${i.removed} dihapus` : ''} di ${w.out}/ (${i.parsed} berita dibaca, ${i.rendered} berkas dibuat)`
        : `${w.files} berkas ditulis ke ${w.out}/`;
      const images = w.images ? `, ${w.images} gambar diolah` : '';
      return `warta: ${c.published} berita terbit${summaryTail(c)}, ${changes}${images} dalam ${seconds} detik${c.warnings ? `, ${c.warnings} peringatan` : ''}`;
    },
  },
};
