// Pesan dalam Bahasa Indonesia: bahasa bawaan warta, bahasa redaksi dan editornya.

import type { MessageParams } from '../errors.js';
import { MONTHS, WEEKDAYS, YEARS } from '../time.js';
import type { MessageTable, ReportCounts } from './index.js';

const EXAMPLES = '"2025-04-02 15:22:12", "2025-04-02T15:22:12+07:00" atau "Rabu, 2 April 2025 15:22:12 WIB"';
const SITE_PATH = 'alamat di dalam situs (seperti "/images/foto.jpg") atau URL http(s)';
const MAX_NAME = 'melebihi 255 byte yang boleh dipakai nama berkas atau folder';

const KINDS: Record<string, string> = { list: 'daftar', mapping: 'pasangan kolom', text: 'teks', number: 'angka', boolean: 'nilai benar/salah' };
const EXPECTED_TYPE: Record<string, string> = { text: 'teks', texts: 'teks, atau daftar teks, yang tidak kosong', boolean: 'true atau false' };
const CONFIG_EXPECTED: Record<string, string> = {
  text: 'teks yang tidak kosong',
  url: 'URL http(s)',
  string: 'teks',
  count: 'bilangan bulat positif',
  hosts: 'daftar nama host',
  categories: 'daftar objek {"slug", "name"}',
  category: '{"slug": huruf-kecil-ascii-dengan-tanda-hubung, "name": teks tidak kosong}',
  fields: 'daftar nama kolom',
};

/** `/a/ dan /b/` dari nilai yang dipisah baris baru (tidak ada alamat yang memuatnya). */
function and(list: string | number | undefined, wrap = (s: string) => s): string {
  return String(list ?? '').split('\n').map(wrap).join(' dan ');
}

function link(p: MessageParams): string {
  switch (p.why) {
    case 'draft': return ': berita itu masih draf';
    case 'invalid': return ': berkas itu mengandung kesalahan';
    case 'held': return `: berita itu ditahan sampai ${p.until}`;
    case 'no-page': return `: tautan menuju ${p.path}, dan tidak ada halaman atau berkas situs di sana`;
    case 'no-file': return `: tidak ada berkas berita ${p.path} di folder konten`;
    default: return '';
  }
}

function collision(p: MessageParams): string {
  if (p.kind === 'file-folder') return `/${p.path} sekaligus berkas dan folder: ${p.writers} menulis berkasnya, ${p.needers} memerlukan foldernya`;
  if (p.kind === 'case') {
    const labels = String(p.labels).split('\n');
    const uses = String(p.folders).split('\n').map((f, i) => `${labels[i]} menulis ke /${f}/`);
    return `${and(p.folders, (f) => `/${f}/`)} hanya berbeda huruf besar-kecil, satu folder di macOS dan Windows: ${uses.join(', ')}`;
  }
  const paths = String(p.paths).split('\n');
  const what = paths.length === 1 ? paths[0] : `${paths.join(' dan ')}, satu berkas di macOS dan Windows`;
  return `${p.count} sumber akan menulis ${what}: ${p.by}`;
}

function dropped(p: MessageParams): string {
  if (p.kind === 'element') return `elemen <${p.tag}>`;
  if (p.kind === 'attribute') return `atribut ${p.attr} pada <${p.tag}>`;
  return `${p.attr}="${p.value}" pada <${p.tag}>`;
}

function summaryTail(c: ReportCounts): string {
  const held = c.heldBack ? `, ${c.heldBack} ditahan (berikutnya terbit ${c.nextDue?.long} = ${c.nextDue?.iso})` : '';
  return `${held}${c.drafts ? `, ${c.drafts} draf` : ''}`;
}

/** Tabel Bahasa Indonesia. */
export const id: MessageTable = {
  problems: {
    'too-large': (p) => `berkas terlalu besar: paling banyak ${p.max} byte, berkas ini ${p.size} byte`,
    encoding: (p) => (p.byte === undefined ? 'berkas disimpan sebagai UTF-16: simpan ulang sebagai UTF-8' : `berkas bukan teks UTF-8 yang sah (ada urutan byte yang salah di dekat byte ${p.byte}): simpan ulang sebagai UTF-8`),
    binary: () => 'berkas ini bukan teks (ada byte NUL): simpan berita sebagai teks UTF-8',
    'file-name': () => 'nama berkas tidak boleh memuat garis miring terbalik atau karakter kontrol: ganti nama berkasnya',
    'symlink-broken': () => 'tautan simbolik ini tidak menunjuk ke apa pun',
    'symlink-outside': () => 'tautan simbolik ini menunjuk ke luar folder konten: salin berkasnya ke dalam',
    'symlink-folder': () => 'tautan simbolik ke folder tidak diikuti: pindahkan foldernya ke dalam',
    changed: () => 'berkas berubah selama build: jalankan build lagi',
    'front-matter-missing': () => 'kepala berkas tidak ada: awali berkas dengan baris "---", lalu kolom-kolomnya, lalu baris "---" lagi',
    'front-matter-unclosed': () => 'baris "---" penutup kepala berkas tidak ada: tambahkan "---" setelah kolom terakhir',
    'front-matter-shape': () => 'kepala berkas harus berisi kolom ("title: ...", satu per baris)',
    'front-matter-size': (p) => `kepala berkas memuat lebih dari ${p.max} nilai (alias YAML yang berulang dihitung setiap kali)`,
    'duplicate-key': (p) => `kolom ${p.key} ditulis dua kali: hapus salah satunya`,
    yaml: (p) => `kepala berkas tidak bisa dibaca (YAML: ${p.reason})`,
    'yaml-colon': (p) => `titik dua diikuti spasi di dalam isi kolom dianggap akhir nama kolom: apit isinya dengan tanda kutip ganda, seperti: ${p.fixed}`,
    'yaml-tab': () => 'baris ini dijorokkan dengan Tab: gunakan spasi',
    'yaml-quote': (p) => `tanda kutip ${p.quote} yang dibuka di baris ini tidak ditutup: akhiri isinya dengan ${p.quote}, atau tulis tanpa tanda kutip`,
    'yaml-bracket': (p) => `${p.open === '[' ? 'daftar' : 'pasangan kolom'} yang dibuka dengan ${p.open} di baris ini tidak ditutup: akhiri dengan ${p.close}, dan pisahkan isinya dengan koma`,
    'field-misspelt': (p) => `nama kolom tidak dikenal: maksud Anda "${p.meant}"?`,
    'field-unknown': () => 'kolom tidak dikenal, diabaikan: cantumkan di "extraFields" pada konfigurasi situs jika template memakainya',
    missing: () => 'kolom wajib ini tidak ada',
    empty: (p) => (p.what === 'list' ? 'isi paling sedikit satu nama; daftarnya kosong' : 'isi kolom ini; sekarang kosong'),
    type: (p) => `seharusnya ${EXPECTED_TYPE[p.expected!]}, tertulis ${p.kind === undefined ? p.value : `${KINDS[p.kind] ?? p.kind} ${p.value}`}`,
    time: (p) => `seharusnya ${id.time[p.reason as keyof MessageTable['time']](p)}, tertulis ${p.value}`,
    slug: (p) => {
      if (p.of === 'category') return `nama kategori harus memuat paling sedikit satu huruf atau angka, tertulis ${p.value}`;
      if (p.of === 'derived') return `slug tidak bisa dibuat dari nama berkas atau judul ${p.value}: tambahkan kolom "slug"`;
      return `slug hanya boleh huruf kecil ASCII, angka, dan tanda hubung tunggal (seperti "wang-yi-di-moskow"), tertulis ${p.value}`;
    },
    'name-too-long': (p) => {
      const long = `panjangnya ${p.bytes} byte, ${MAX_NAME}`;
      if (p.of === 'category') return `nama kategori terlalu panjang: potongan URL-nya ${p.value} ${long}`;
      if (p.of === 'file name' || p.of === 'title') return `slug dari ${p.of === 'title' ? 'judul' : 'nama berkas'}, ${p.value}, ${long}: tambahkan kolom "slug" yang lebih pendek`;
      if (p.of === 'aliases') return `alamat terlalu panjang, setiap bagian paling banyak 255 byte: ${p.value}`;
      return `slug terlalu panjang: ${p.value} ${long}`;
    },
    image: (p) => `seharusnya ${SITE_PATH}, tertulis ${p.value}`,
    alias: (p) => `seharusnya alamat URL mutlak seperti "/lama/berita/" atau "/lama/berita.html" tanpa "..", query, atau fragmen, tertulis ${p.values}`,
    'alias-hidden': (p) => `tidak ada bagian alamat yang boleh diawali "." (berkas tersembunyi seperti /.htaccess milik server web), tertulis ${p.values}`,
    'url-collision': collision,
    'link-broken': (p) => `tautan ke ${p.href} tidak menuju ke mana pun${link(p)}`,
    'html-dropped': (p) => `HTML dibuang karena tidak aman: ${dropped(p)}`,
    template: (p) => `template: ${p.detail}`,
    'config-read': (p) => `berkas konfigurasi tidak bisa dibaca (${p.detail})`,
    'config-json': (p) => `berkas konfigurasi bukan JSON yang sah (${p.detail})`,
    'config-shape': () => 'berkas konfigurasi harus berupa objek JSON',
    'config-field': (p) => `seharusnya ${CONFIG_EXPECTED[p.expected!]}, tertulis ${p.value}`,
    'config-unknown': () => 'pengaturan tidak dikenal',
    'output-refused': (p) => (p.detail === undefined ? 'nama folder keluaran kosong' : `${p.detail}: warta mengganti seluruh folder keluarannya setiap build; pilih --out lain`),
    'output-permission': (p) => (p.folder === undefined
      ? `tidak bisa diubah: ${p.change} ditolak (${p.errno}); folder ini, isinya, atau folder di atasnya mungkin milik pengguna lain atau ada di disk baca-saja: perbaiki izinnya atau pilih --out lain`
      : `tidak bisa diubah: pengguna ini tidak boleh menulis ${p.folder} (mungkin milik pengguna lain); perbaiki izinnya atau pilih --out lain`),
    'output-locked': (p) => `${p.pid === undefined ? `warta lain sedang mengunci ${p.out}/, atau berkas ini tidak bisa diganti` : `warta lain (proses ${p.pid}, sejak ${p.since}) sedang menulis ${p.out}/`}: tunggu sampai selesai atau hentikan; jika tidak ada warta yang berjalan, hapus berkas ini`,
    'dev-build': (p) => `build berhenti: ${p.detail}`,
  },
  time: {
    text: () => `tanggal ditulis sebagai teks, seperti ${EXAMPLES}`,
    'with-time': () => 'tanggal beserta jamnya, seperti "2025-04-02 15:22:12"',
    'with-offset': () => 'selisih UTC setelah jam yang diawali "T", seperti "2025-04-02T15:22:12+07:00" (atau spasi untuk WIB: "2025-04-02 15:22:12")',
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
  report: {
    check: (c) => {
      const found = c.errors + c.warnings ? `${c.errors} kesalahan dan ${c.warnings} peringatan` : 'tidak ada masalah';
      return `warta: pemeriksaan menemukan ${found}; ${c.published} berita siap terbit${summaryTail(c)}; tidak ada yang ditulis`;
    },
    buildFailed: (c, kept) => `warta: build gagal dengan ${c.errors} kesalahan${c.warnings ? `, ${c.warnings} peringatan` : ''}${kept ? `; ${kept}/ dibiarkan seperti semula` : ''}`,
    built: (c, w, seconds) => {
      const i = w.incremental;
      const changes = i
        ? `${i.written} dari ${w.files} berkas berubah${i.removed ? `, ${i.removed} dihapus` : ''} di ${w.out}/ (${i.parsed} berita dibaca, ${i.rendered} berkas dibuat)`
        : `${w.files} berkas ditulis ke ${w.out}/`;
      return `warta: ${c.published} berita terbit${summaryTail(c)}, ${changes} dalam ${seconds} detik${c.warnings ? `, ${c.warnings} peringatan` : ''}`;
    },
  },
};
