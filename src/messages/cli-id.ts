// Teks baris perintah dan `warta dev` sendiri dalam Bahasa Indonesia, bahasa bawaan warta.

import { id } from './id.js';
import type { CliTexts, DevTexts, MessageTable } from './table.js';

const HELP = `warta — pembuat situs statis untuk arsip berita

Pemakaian:
  warta build [opsi]        build arsip ke folder keluaran
  warta dev [opsi]          build ke .warta-dev/, sajikan di http://127.0.0.1:8080/, dan build ulang
                            setiap kali konten, template, atau konfigurasi disimpan; halaman yang
                            terbuka memuat ulang sendiri dan menampilkan kesalahan di atas halaman;
                            Ctrl-C menghentikannya
  warta check [opsi]        periksa seluruh arsip (berita, template, tautan antarberita) seperti
                            build, tanpa menulis apa pun
  warta init [FOLDER] [--title T] [--url URL]
                            tulis repositori situs baru ke FOLDER (bawaan: folder ini), yang harus
                            baru atau kosong: package.json, warta.config.json, dua contoh berita,
                            templates/, .gitignore, dan contoh deploy untuk GitHub Pages dan
                            GitLab Pages
  warta new JUDUL [--category K] [--byline P] [--at WAKTU] [--content FOLDER]
                            mulai draf berita: menulis content/YYYY/MM/<slug>.md (tanggal WIB saat
                            ini atau --at; slug dari judul) dan mencetak alamat berkasnya; tidak
                            pernah menimpa berkas (keluar dengan kode 1)
  warta --help | --version

Opsi:
  --content FOLDER   arsip berita Markdown (bawaan: content)
  --out FOLDER       folder keluaran (bawaan: dist; untuk dev: .warta-dev), diganti seluruhnya
                     setiap build: harus belum ada, kosong, atau buatan warta (berisi .warta-output)
  --templates FOLDER template milik situs, yang menggantikan tema bawaan (bawaan: templates, jika ada)
  --static FOLDER    berkas yang diterbitkan apa adanya di akar situs, mis. CNAME (bawaan: static, jika ada)
  --config BERKAS    konfigurasi situs (bawaan: warta.config.json, jika ada)
  --base-url URL     alamat situs yang diterbitkan, mis. https://berita.example, untuk feed, sitemap,
                     dan tautan kanonis (bawaan: "baseUrl" di konfigurasi; build memerlukan salah
                     satunya; dev: milik konfigurasi, atau alamatnya sendiri; check: milik
                     konfigurasi, jika ada)
  --now WAKTU        jam build, mis. "2025-04-02 15:22:12" (WIB); bawaan: waktu saat ini
  --future           terbitkan juga berita yang bertanggal setelah jam build
  --clean            build: abaikan cache build (.warta-cache/ di samping keluaran) dan build semuanya
  --jobs N           jumlah thread untuk mengurai dan membuat halaman (bawaan: jumlah inti mesin)
  --port N           dev: port di 127.0.0.1 (bawaan: 8080, atau port bebas berikutnya; 0: port
                     bebas mana pun)
  --quiet            build, check: tanpa tampilan kemajuan dan baris ringkasan (kecuali gagal);
                     dev: hanya URL dan kesalahan
  --format FORMAT    check: cetak masalah ke stdout sebagai "text" (satu baris per masalah, seperti
                     build), "json" (larik {severity, file, line, column, field, code, message};
                     nilai yang tidak ada bernilai null; schemas/check-output.schema.json), atau
                     "github" (anotasi GitHub Actions) (bawaan: text)
  --lang BAHASA      semua perintah: pesan dalam "id" (Bahasa Indonesia) atau "en" (Inggris)
                     (bawaan: "en" jika "language" di konfigurasi bahasa Inggris, selain itu "id")

Kode keluar: 0 berhasil; 1 kesalahan konten atau template, atau build lain sedang menulis folder
keluaran (keluaran dibiarkan seperti semula); 2 kesalahan pemakaian atau konfigurasi, atau folder
keluaran yang ditolak warta (init: juga folder yang tidak kosong).
warta check: 0 tanpa kesalahan (peringatan boleh); 1 ada kesalahan; 2 kesalahan pemakaian atau
konfigurasi.
warta dev berjalan sampai Ctrl-C (lalu 0); 2 jika ada kesalahan pemakaian, folder keluaran ditolak,
atau tidak ada port bebas. Kesalahan konten, template, dan konfigurasi selama berjalan tidak
menghentikannya: kesalahan ditampilkan di terminal dan di halaman.
`;

/** Teks baris perintah dalam Bahasa Indonesia. */
export const cliId: CliTexts = {
  usage: {
    'unknown-option': (p) => `opsi tidak dikenal: ${p.option}`,
    'missing-value': (p) =>
      `${p.option} memerlukan nilai, mis. ${p.option} NILAI (nilai yang diawali "-": ${p.option}=-NILAI)`,
    'no-value': (p) => `${p.option} tidak menerima nilai`,
    arguments: (p) => `argumen tidak bisa dibaca: ${p.detail}`,
    'only-for': (p) => `${p.option} hanya untuk "warta ${p.command}"`,
    'unknown-command': (p) => `perintah tidak dikenal: "${p.command}"`,
    'no-command': () => 'perintahnya tidak ada (build, dev, check, init, atau new)',
    'unexpected-argument': (p) => `argumen tidak terduga: "${p.value}"`,
    'title-unquoted': (p) => `argumen tidak terduga: "${p.value}" (apit judulnya dengan tanda kutip)`,
    'content-missing': (p) => `folder konten "${p.folder}" tidak ada`,
    'static-missing': (p) => `folder statis "${p.folder}" tidak ada`,
    'static-content': (p) =>
      `folder statis "${p.static}" dan folder konten "${p.content}" harus terpisah, tidak boleh yang satu di dalam yang lain`,
    'out-in-static': (p) => `folder keluaran "${p.out}" ada di dalam folder statis "${p.static}": pilih --out lain`,
    'check-out': () => '--out: "warta check" tidak menulis apa pun',
    format: (p) => `--format: seharusnya "text", "json", atau "github", tertulis ${p.value}`,
    'base-url-missing': (p) =>
      `alamat situs belum ada: isi "baseUrl" di ${p.config} (mis. "https://berita.example") atau berikan --base-url`,
    url: (p) => `${p.option}: seharusnya URL http(s) lengkap, mis. "https://berita.example", tertulis ${p.value}`,
    port: (p) => `--port: seharusnya nomor port dari 0 sampai 65535, tertulis ${p.value}`,
    clock: (p) => `${p.option}: seharusnya ${id.time[p.reason as keyof MessageTable['time']](p)}, tertulis ${p.value}`,
    jobs: (p) => `--jobs: seharusnya jumlah thread berupa bilangan bulat, tertulis ${p.value}`,
    lang: (p) => `--lang: seharusnya "id" atau "en", tertulis ${p.value}`,
    'site-title': () => '--title: isi dengan nama situs',
    'init-not-empty': (p) =>
      `folder "${p.folder}" tidak kosong (berisi ${p.held}): warta init hanya menulis ke folder baru atau kosong`,
    'init-not-folder': (p) => `"${p.folder}" adalah berkas, bukan folder`,
    'new-title': () => 'judulnya belum ada: warta new "Judul artikel"',
    'new-slug': (p) => `slug tidak bisa dibuat dari judul ${p.title}: judul perlu memuat huruf atau angka`,
    'port-in-use': (p) =>
      `tidak bisa membuka ${p.host}:${p.port} (port ${p.first}–${p.port} semuanya terpakai; pilih satu dengan --port)`,
    listen: (p) => `tidak bisa membuka ${p.host}:${p.port} (${p.detail})`,
  },
  seeHelp: 'Jalankan "warta --help" untuk petunjuk pemakaian.',
  help: HELP,
  newExists: (path) => `warta: ${path} sudah ada; tidak ada yang ditulis`,
  initDone: (dir, files, hasBaseUrl) => {
    const cd = dir === '.' ? '' : `  cd ${dir}\n`;
    const address = hasBaseUrl ? '' : ' (isi dulu "baseUrl" di warta.config.json dengan alamat situs)';
    return `warta: situs baru berisi ${files.length} berkas ditulis ke ${dir === '.' ? 'folder ini' : `${dir}/`}:\n${files.map((f) => `  ${f}\n`).join('')}Berikutnya:\n${cd}  npm install\n  npm run dev       pratinjau situs, diperbarui setiap kali disimpan\n  npm run build     build situs ke dist/${address}\n`;
  },
  stopping: 'warta: berhenti',
  stages: {
    read: 'membaca',
    parse: 'mengurai',
    model: 'menyusun situs',
    related: 'berita terkait',
    render: 'membuat halaman',
    search: 'indeks pencarian',
    write: 'menulis',
  },
  progress: (stage, done, total, rate) => `${stage}: ${done}/${total} (${rate}/detik)`,
  started: (stage, total) => `${stage}: ${total} akan dikerjakan`,
};

/** Teks `warta dev` dalam Bahasa Indonesia. */
export const devId: DevTexts = {
  serving: (out, url, watched) =>
    `warta dev: menyajikan ${out}/ di ${url} (memantau ${watched.join(', ')}; Ctrl-C untuk berhenti)`,
  built: (b, c) => {
    const notes = [`${c.published} berita terbit`];
    if (c.heldBack) notes.push(`${c.heldBack} ditahan`);
    if (c.drafts) notes.push(`${c.drafts} draf`);
    if (c.warnings) notes.push(`${c.warnings} peringatan`);
    const took = b.first
      ? `build selesai dalam ${b.ms} ms`
      : `build ulang selesai dalam ${b.ms} ms (dari perubahan berkas sampai berkas ditulis)`;
    return `warta: ${took}; ${notes.join(', ')}`;
  },
  failed: (b, errors, out) => {
    const serving = b.first ? `menyajikan isi ${out}/ yang sudah ada` : 'halaman terakhir yang baik tetap disajikan';
    return `warta: ${b.first ? 'build' : 'build ulang'} gagal dengan ${errors} kesalahan setelah ${b.ms} ms; ${serving} (perbaiki lalu simpan untuk mencoba lagi)`;
  },
  serveFailed: (url, detail) => `warta: gagal menyajikan ${url}: ${detail}`,
  watchFailed: (detail) => `warta: pemantauan berkas gagal: ${detail}`,
  forbidden: (url) => `Ditolak: buka ${url}`,
  methodNotAllowed: 'Metode tidak diizinkan',
  badRequest: 'Permintaan tidak sah',
  moved: (location) => `Pindah ke ${location}`,
  rebuilding: 'Situs sedang di-build ulang; coba lagi',
  tooManyListeners: (max) => `${max} halaman sudah menunggu muat ulang: tutup sebagian, lalu muat ulang halaman ini`,
  internalError: 'Kesalahan internal',
  notFound: {
    lang: 'id',
    title: 'Tidak ditemukan',
    text: 'warta dev tidak punya halaman di sini (dan situs belum punya 404.html).',
  },
  overlay: {
    title: (errors) => `warta dev: build ulang terakhir gagal dengan ${errors} kesalahan`,
    more: (n) => `… dan ${n} lagi (lihat terminal).`,
    footer:
      'Halaman terakhir yang baik tetap disajikan. Perbaiki berkasnya lalu simpan: halaman ini memuat ulang sendiri.',
    hide: 'Tutup',
    hideTitle: 'Sembunyikan sampai build berikutnya',
  },
  liveReloadOff:
    'warta dev: muat ulang otomatis mati untuk halaman ini (terlalu banyak halaman yang menunggu); muat ulang sendiri',
};
