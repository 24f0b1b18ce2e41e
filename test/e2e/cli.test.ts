import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { cli } from '../support/cli.js';
import { fixturePath, listFiles } from '../support/fixtures.js';

/** Every file of a folder with its bytes. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = await listFiles(dir);
  return new Map(
    await Promise.all(files.map(async (f) => [f, (await readFile(join(dir, f))).toString('base64')] as const)),
  );
}

let site: string;
before(async () => {
  site = await mkdtemp(join(tmpdir(), 'warta-cli-'));
  await cp(fixturePath('basic-site'), site, { recursive: true });
});
after(() => rm(site, { recursive: true, force: true }));

test('warta build writes the site and prints a one-line summary', async () => {
  const { code, err } = await cli(site, 'build', '--now', '2026-01-01 00:00:00', '--quiet');
  assert.equal(code, 0, err);
  const files = await listFiles(join(site, 'dist'));
  assert.ok(files.includes('2025/04/02/wang-yi-lavrov-moskow/index.html'));
  assert.ok(files.includes('index.html'));
  const loud = await cli(site, 'build', '--now', '2026-01-01 00:00:00', '--jobs', '1', '--clean');
  assert.match(
    loud.err,
    /warta: 10 berita terbit, 1 ditahan \(berikutnya terbit Senin, 1 Juni 2026 09:00:00 WIB = 2026-06-01T09:00:00\+07:00\), 1 draf, \d+ berkas ditulis ke dist\/ dalam [\d.]+ detik/,
  );
  const again = await cli(site, 'build', '--now', '2026-01-01 00:00:00', '--lang', 'en');
  assert.match(
    again.err,
    /^warta: 10 articles published, 1 held back \(next due .*\), 1 draft, 0 of \d+ files changed in dist\/ \(0 articles parsed, 0 files rendered\) in [\d.]+ s/m,
  );
});

test('a failed build leaves the previous output byte for byte in place, and says so', async () => {
  await cli(site, 'build', '--now', '2026-01-01 00:00:00', '--quiet');
  const before = await snapshot(join(site, 'dist'));
  await writeFile(join(site, 'content', 'rusak.md'), '---\ntitle: Rusak\ndate: kemarin\n---\n');
  try {
    const { code, err } = await cli(site, 'build', '--now', '2026-01-01 00:00:00', '--quiet');
    assert.equal(code, 1);
    assert.match(err, /^content\/rusak\.md:3 date: seharusnya tanggal dan jam WIB/m);
    assert.match(err, /content\/rusak\.md byline: kolom wajib ini tidak ada/);
    assert.match(err, /build gagal dengan 3 kesalahan; dist\/ dibiarkan seperti semula/);
    assert.deepEqual(await snapshot(join(site, 'dist')), before);
    assert.deepEqual(
      (await listFiles(site)).filter((f) => f.includes('staging')),
      [],
    );
  } finally {
    await rm(join(site, 'content', 'rusak.md'));
  }
});

test('a build while another build writes the same output fails at once and changes nothing', async () => {
  await cli(site, 'build', '--now', '2026-01-01 00:00:00', '--quiet');
  const before = await snapshot(join(site, 'dist'));
  // A running process named in the lock beside the output: another build, as far as warta can tell.
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  await once(other, 'spawn');
  await writeFile(join(site, '.dist.lock'), JSON.stringify({ pid: other.pid, host: hostname(), since: Date.now() }));
  try {
    const { code, err } = await cli(site, 'build', '--now', '2026-01-01 00:00:00', '--quiet', '--lang', 'en');
    assert.equal(code, 1);
    assert.match(
      err,
      new RegExp(
        `^\\.dist\\.lock another warta \\(process ${other.pid}, since .+ WIB\\) is writing dist/: wait for it to finish or stop it; if no warta is running, delete this file$`,
        'm',
      ),
    );
    assert.deepEqual(await snapshot(join(site, 'dist')), before);
  } finally {
    other.kill();
    await once(other, 'exit');
  }
  // Its process gone, the lock is stale: the next build takes it over and gives it back.
  assert.equal((await cli(site, 'build', '--now', '2026-01-01 00:00:00', '--quiet')).code, 0);
  assert.equal(existsSync(join(site, '.dist.lock')), false);
});

test('--future publishes embargoed articles; --now decides what is held back', async () => {
  const { code } = await cli(site, 'build', '--now', '2026-01-01 00:00:00', '--future', '--quiet');
  assert.equal(code, 0);
  assert.ok((await listFiles(join(site, 'dist'))).includes('2026/06/01/embargo/index.html'));
});

test('usage and config errors exit 2', async () => {
  assert.equal((await cli(site, 'terbitkan')).code, 2);
  assert.equal((await cli(site, 'build', '--now', 'kemarin')).code, 2);
  assert.equal((await cli(site, 'build', '--jobs', 'dua')).code, 2);
  await writeFile(join(site, 'bad.json'), '{"pageSize": 0}');
  const bad = await cli(site, 'build', '--config', 'bad.json', '--lang', 'en');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /bad\.json pageSize: expected a positive whole number, got 0/);
});

test('usage errors are in Bahasa Indonesia, or English with --lang en or an English config', async () => {
  const id = await cli(site, 'terbitkan', '--now', 'kemarin');
  assert.equal(id.code, 2);
  assert.equal(
    id.err,
    'warta: perintah tidak dikenal: "terbitkan"\nJalankan "warta --help" untuk petunjuk pemakaian.\n',
  );
  const en = await cli(site, 'terbitkan', '--lang', 'en');
  assert.equal(en.err, 'warta: unknown command "terbitkan"\nRun "warta --help" for usage.\n');
  const cases: [string[], string, string][] = [
    [['build', '--jobs', 'dua'], '--jobs: seharusnya jumlah thread', '--jobs: expected a whole number'],
    [['build', '--tidak-ada'], 'opsi tidak dikenal: --tidak-ada', 'unknown option --tidak-ada'],
    [['build', '--out'], '--out memerlukan nilai', '--out needs a value'],
    [['build', '--quiet=ya'], '--quiet tidak menerima nilai', '--quiet takes no value'],
    [['check', '--port', '1'], '--port hanya untuk "warta dev"', '--port is for "warta dev" only'],
    [['build', '--lang', 'jv'], '--lang: seharusnya "id" atau "en", tertulis "jv"', '--lang: expected "id" or "en"'],
  ];
  for (const [args, indonesian, english] of cases) {
    const r = await cli(site, ...args);
    assert.equal(r.code, 2, args.join(' '));
    assert.ok(r.err.startsWith(`warta: ${indonesian}`), r.err);
    await writeFile(join(site, 'inggris.json'), JSON.stringify({ language: 'en', baseUrl: 'https://warta.example' }));
    const configured = await cli(site, ...args, '--config', 'inggris.json');
    assert.ok(configured.err.startsWith(`warta: ${english}`), configured.err);
  }
});

test('--help in each language, and --version', async () => {
  assert.match((await cli(site, '--help')).out, /^Pemakaian:\n {2}warta build \[opsi\]/m);
  assert.match((await cli(site, '--help', '--lang', 'en')).out, /^Usage:\n {2}warta build \[options\]/m);
  assert.match((await cli(site, '--version')).out, /^\d+\.\d+\.\d+\n$/);
});
