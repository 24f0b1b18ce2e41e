import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import yaml from 'js-yaml';
import { listFiles, ROOT } from '../support/fixtures.js';

/**
 * The package as a site installs it: `npm pack`, the tarball installed in a fresh project,
 * `npx warta init`, then the new site installed, built and served, as its README says. Slow
 * (three npm runs; the dependencies come from npm's cache when it holds them), never skipped.
 */

const run = promisify(execFile);
const NPM = ['--no-audit', '--no-fund', '--prefer-offline'];
const MINUTES = 60_000;

/** The environment of a user's shell: none of the variables that `npm test` sets for its script. */
const env = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^npm_(package_|lifecycle_|config_local_prefix$|command$)/i.test(key)),
);

async function npm(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('npm', args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

let scratch: string;
let tarball: string;
let packed: string[];
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'warta-package-'));
  // The scripts are skipped: prepack would empty lib/src while other tests run from it. The
  // suite compiled lib/ already.
  const [report] = JSON.parse(await npm(ROOT, 'pack', '--ignore-scripts', '--json', '--pack-destination', scratch)) as {
    filename: string;
    files: { path: string }[];
  }[];
  tarball = report!.filename;
  packed = report!.files.map((f) => f.path);
});
after(() => rm(scratch, { recursive: true, force: true }));

test('the tarball holds what runs and no tests, benchmarks or source maps', () => {
  for (const file of [
    'LICENSE',
    'README.md',
    'CHANGELOG.md',
    'package.json',
    'bin/warta.js',
    'lib/src/cli.js',
    'schemas/warta.config.schema.json',
    'templates/base.njk',
    'scaffold/gitignore',
    'node_modules/chokidar/package.json',
  ]) {
    assert.ok(packed.includes(file), file);
  }
  assert.deepEqual(
    packed.filter((f) => /^(lib\/)?(test|bench)\/|\.map$|\.ts$/.test(f) && !f.startsWith('node_modules/')),
    [],
  );
});

test(
  'from the tarball: warta init, npm install, npm run build, npx warta new and npx warta dev in the new site',
  { timeout: 15 * MINUTES },
  async () => {
    const project = join(scratch, 'proyek');
    await mkdir(project);
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'proyek', private: true }));
    await npm(project, 'install', ...NPM, join('..', tarball));
    await run('npx', ['--no', 'warta', 'init', 'kabar', '--title', 'Kabar Uji', '--url', 'https://kabar.example'], {
      cwd: project,
      env,
    });
    const site = join(project, 'kabar');
    assert.equal(
      JSON.parse(await readFile(join(site, 'package.json'), 'utf8')).dependencies.warta,
      `file:vendor/${tarball}`,
    );
    assert.ok(existsSync(join(site, 'vendor', tarball)), 'the tarball is copied into the site');

    await npm(site, 'install', ...NPM);
    await npm(site, 'run', 'build');
    const pages = await listFiles(join(site, 'dist'));
    for (const page of [
      'index.html',
      '2025/01/06/redaksi-meluncurkan-situs-baru/index.html',
      '2025/01/07/cara-menulis-artikel/index.html',
    ])
      assert.ok(pages.includes(page), page);
    assert.match(
      await readFile(join(site, 'dist', 'feed.xml'), 'utf8'),
      /<link>https:\/\/kabar\.example\/2025\/01\/07\/cara-menulis-artikel\/<\/link>/,
    );

    // One line per installed copy (a deduplicated one is listed once).
    const copies = (await npm(site, 'ls', '--omit=dev', '--all', '--parseable'))
      .split('\n')
      .filter((path) => /[\\/]node_modules[\\/]chokidar$/.test(path));
    assert.equal(copies.length, 1, `one chokidar: ${copies.join(', ')}`);

    const workflow = yaml.load(await readFile(join(site, '.github', 'workflows', 'deploy.yml'), 'utf8')) as {
      jobs: Record<string, { steps: { uses?: string; with?: { path?: string } }[] }>;
    };
    const cache = Object.values(workflow.jobs)
      .flatMap((j) => j.steps)
      .find((s) => s.uses?.startsWith('actions/cache@'));
    assert.match(cache?.with?.path ?? '', /\.warta-cache/);
    assert.match(cache?.with?.path ?? '', /\.dist\.spare/);

    // An editor starts an article: a draft, which the dev server below builds but does not publish.
    const made = (
      await run(
        'npx',
        [
          '--no',
          'warta',
          'new',
          'Banjir Rob di Pesisir Utara',
          '--category',
          'Nasional',
          '--byline',
          'Redaksi',
          '--at',
          '2025-01-08 09:00:00',
        ],
        { cwd: site, env },
      )
    ).stdout.trim();
    assert.equal(made, join('content', '2025', '01', 'banjir-rob-di-pesisir-utara.md'));
    assert.match(await readFile(join(site, made), 'utf8'), /^draft: true$/m);

    await serveOnce(site);
  },
);

/** `npx warta dev --port 0`: waits for its address, fetches the home page, stops it with Ctrl-C. */
async function serveOnce(site: string): Promise<void> {
  // A group of its own, so that Ctrl-C reaches npx and warta alike, as in a terminal.
  const child = spawn('npx', ['--no', 'warta', 'dev', '--port', '0'], {
    cwd: site,
    env,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  // The pipe closes when every process writing it has exited: npx, and warta after it stopped.
  const closed = new Promise<void>((done) => child.stderr.on('end', done));
  try {
    const url = await new Promise<string>((done, fail) => {
      child.stderr.on('data', () => {
        const found = /menyajikan .* di (http:\/\/127\.0\.0\.1:\d+\/)/.exec(err);
        if (found) done(found[1]!);
      });
      child.on('exit', (code) => fail(new Error(`warta dev exited (${code}) before serving:\n${err}`)));
    });
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Kabar Uji/);
  } finally {
    process.kill(-child.pid!, 'SIGINT');
  }
  await closed;
  // npx itself dies of the signal, as it does in a terminal; warta stops cleanly.
  assert.match(err, /^warta: berhenti$/m, err);
}
