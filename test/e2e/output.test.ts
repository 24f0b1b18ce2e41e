import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, test } from 'node:test';
import { main } from '../../src/cli.js';
import { heldToPermissions } from '../support/unprivileged.js';
import { fixturePath, ROOT } from '../support/fixtures.js';

/**
 * warta replaces or deletes only a folder it made: `--out` naming the archive, the project,
 * the home folder, the templates, a repository, a root, a file or someone's folder is refused
 * with exit 2 and nothing touched, by `build`, `build --clean` and `dev` alike.
 */

const NOW = ['--now', '2026-01-01 00:00:00'];
const COMMANDS = [['build'], ['build', '--clean'], ['dev', '--port', '0']];

let root: string;
let home: string;
const savedHome = process.env.HOME;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'warta-output-'));
  home = join(root, 'home');
  await mkdir(home);
  await writeFile(join(home, 'catatan.txt'), 'jangan dihapus\n');
  process.env.HOME = home;
});
after(async () => {
  process.env.HOME = savedHome;
  await rm(root, { recursive: true, force: true });
});

let sites = 0;
/** A fresh site (the basic fixture, with a repository and templates), three folders deep in the test's folder. */
async function makeSite(): Promise<string> {
  const site = join(root, `s${++sites}`, 'redaksi', 'situs');
  await cp(fixturePath('basic-site'), site, { recursive: true });
  await rm(join(site, 'expected'), { recursive: true });
  await mkdir(join(site, '.git'));
  await writeFile(join(site, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  await mkdir(join(site, 'templates'));
  await writeFile(join(site, 'templates', 'catatan.txt'), 'tema sendiri\n');
  return site;
}

/**
 * Runs the CLI in a folder. `warta dev` that starts serving (its output was not refused) is
 * stopped as by Ctrl-C as soon as it waits for one, so the test fails rather than hangs.
 */
async function run(cwd: string, args: string[]): Promise<{ code: number; err: string }> {
  const out = new PassThrough().resume();
  const err = new PassThrough();
  let text = '';
  err.on('data', (d) => (text += d));
  const stop = (event: string | symbol) => event === 'SIGINT' && setImmediate(() => process.emit('SIGINT'));
  process.on('newListener', stop);
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const code = await main(args, out as unknown as NodeJS.WriteStream, err as unknown as NodeJS.WriteStream);
    return { code, err: text };
  } finally {
    process.chdir(previous);
    process.off('newListener', stop);
  }
}

/** Every entry under a folder (dot files too): its kind, and a file's digest or a link's target. */
function tree(folder: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      const [abs, path] = [join(dir, name), rel ? `${rel}/${name}` : name];
      const stat = lstatSync(abs);
      if (stat.isSymbolicLink()) found.set(path, `link ${readlinkSync(abs)}`);
      else if (stat.isDirectory()) (found.set(path, 'folder'), walk(abs, path));
      else found.set(path, createHash('sha256').update(readFileSync(abs)).digest('hex'));
    }
  };
  walk(folder, '');
  return found;
}

interface Case {
  what: string;
  /** The arguments naming the folders (and the site, when the case needs more than the fixture). */
  args: (site: string) => string[] | Promise<string[]>;
  message: RegExp;
}

const CASES: Case[] = [
  {
    what: 'the content folder',
    args: () => ['--out', 'content'],
    message:
      /^content is the content folder: warta replaces its output folder whole on every build; choose another --out$/m,
  },
  { what: 'the working folder', args: () => ['--out', '.'], message: /^\. is the working folder/m },
  { what: 'the working folder, absolute', args: (site) => ['--out', site], message: /is the working folder/ },
  { what: 'the parent of the working folder', args: () => ['--out', '..'], message: /^\.\. holds the working folder/m },
  {
    what: 'a folder holding a repository',
    args: async (site) => (await mkdir(join(site, 'halaman', '.git'), { recursive: true }), ['--out', 'halaman']),
    message: /^halaman holds a repository \(\.git\)/m,
  },
  { what: 'the home folder', args: () => ['--out', home], message: /is the home folder/ },
  { what: 'the templates folder', args: () => ['--out', 'templates'], message: /^templates is the templates folder/m },
  {
    what: 'the folder holding the content',
    args: async (site) => (
      await cp(join(site, 'content'), join(site, 'web', 'content'), { recursive: true }),
      ['--content', 'web/content', '--out', 'web']
    ),
    message: /^web holds the content folder \(web\/content\)/m,
  },
  {
    what: 'a folder inside the content',
    args: () => ['--out', 'content/pratinjau'],
    message: /^content\/pratinjau is inside the content folder/m,
  },
  {
    what: 'a hidden folder inside the content',
    args: () => ['--out', 'content/.pratinjau'],
    message: /is inside the content folder/,
  },
  {
    what: 'a link to the content folder',
    args: async (site) => (await symlink(join(site, 'content'), join(site, 'tautan')), ['--out', 'tautan']),
    message: /^tautan is the content folder/m,
  },
  {
    what: 'a link to a folder',
    args: async (site) => (
      await mkdir(join(site, 'situs-web')),
      await symlink(join(site, 'situs-web'), join(site, 'terbit')),
      ['--out', 'terbit']
    ),
    message: /^terbit is a symbolic link \(give the folder it names as --out\)/m,
  },
  { what: 'a file system root', args: () => ['--out', '/'], message: /^\/ is the root of a file system/m },
  { what: 'an empty name', args: () => ['--out', ''], message: /^--out: expected a folder, got ""$/m },
  {
    what: 'an existing file',
    args: async (site) => (await writeFile(join(site, 'dist'), 'arsip lama\n'), ['--out', 'dist']),
    message: /^dist is a file, not a folder/m,
  },
  {
    what: 'a folder warta did not build',
    args: async (site) => (
      await mkdir(join(site, 'publik')),
      await writeFile(join(site, 'publik', 'index.html'), '<p>tangan</p>\n'),
      ['--out', 'publik']
    ),
    message: /^publik holds files but no \.warta-output, so warta did not build it/m,
  },
];

for (const command of COMMANDS) {
  for (const c of CASES) {
    test(`warta ${command.join(' ')} refuses ${c.what} as its output, and touches nothing`, async () => {
      const site = await makeSite();
      const args = await c.args(site);
      const before = { site: tree(join(root, `s${sites}`)), home: tree(home), root: readdirSync('/').sort() };
      const { code, err } = await run(site, [...command, ...NOW, '--quiet', '--lang', 'en', ...args]);
      assert.equal(code, 2, err);
      assert.match(err, c.message);
      assert.doesNotMatch(err, /\n\s+at /, 'no stack trace');
      assert.deepEqual(tree(join(root, `s${sites}`)), before.site);
      assert.deepEqual(tree(home), before.home);
      assert.deepEqual(readdirSync('/').sort(), before.root);
    });
  }
}

test('an absent, empty or marked folder is built into; the marker is in the output', async () => {
  const site = await makeSite();
  await mkdir(join(site, 'kosong'));
  for (const out of ['dist', 'kosong']) {
    for (const args of [[], ['--clean'], []]) {
      const { code, err } = await run(site, ['build', ...NOW, '--quiet', '--out', out, ...args]);
      assert.equal(code, 0, err);
      assert.match(await readFile(join(site, out, '.warta-output'), 'utf8'), /built by warta/);
      assert.ok(existsSync(join(site, out, 'index.html')));
    }
  }
});

test('names beside the output that warta does not own survive every build', async () => {
  const site = await makeSite();
  const mine = {
    '.dist.notes': 'catatan redaksi\n',
    '.dist.old-catatan': 'bukan milik warta\n',
    '.dist.staging-1x': 'juga bukan\n',
    '.distribusi': 'lain\n',
  };
  for (const [name, text] of Object.entries(mine)) await writeFile(join(site, name), text);
  for (const args of [[], ['--clean'], [], ['--jobs', '1']]) {
    const { code, err } = await run(site, ['build', ...NOW, '--quiet', ...args]);
    assert.equal(code, 0, err);
  }
  await writeFile(
    join(site, 'content', 'ekonomi', 'baru.md'),
    '---\ntitle: Berita Baru\nbyline: Redaksi\ncategory: Ekonomi\ndate: 2025-12-01 10:00:00\n---\nIsi.\n',
  );
  assert.equal((await run(site, ['build', ...NOW, '--quiet'])).code, 0);
  for (const [name, text] of Object.entries(mine)) assert.equal(await readFile(join(site, name), 'utf8'), text, name);
});

// Another user's output: a folder the builds may not change, made read-only; the builds run
// held to file permissions, which root otherwise ignores (see heldToPermissions).

/** Makes a folder read-only to the builds; `back` undoes it. */
function takeAway(path: string, back = false): void {
  chmodSync(path, back ? 0o755 : 0o555);
}

/** Runs the CLI in its own process, held to file permissions. */
function runAs(cwd: string, args: string[]): Promise<{ code: number | null; err: string }> {
  const [command, argv] = heldToPermissions([join(ROOT, 'bin', 'warta.js'), ...args, '--lang', 'en']);
  const child = spawn(command, argv, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done({ code, err }));
  });
}

test("another user's output folder is refused, naming it, and nothing is touched", async () => {
  const site = await makeSite();
  assert.equal((await run(site, ['build', ...NOW, '--quiet'])).code, 0);
  await chmod(root, 0o755);
  takeAway(join(site, 'dist'));
  try {
    const before = tree(site);
    for (const args of [[], ['--clean']]) {
      const { code, err } = await runAs(site, ['build', ...NOW, '--quiet', ...args]);
      assert.equal(code, 2, err);
      assert.match(err, /^dist cannot be changed: this user may not write dist/m);
      assert.doesNotMatch(err, /\n\s+at /, 'no stack trace');
    }
    assert.deepEqual(tree(site), before);
  } finally {
    takeAway(join(site, 'dist'), true);
  }
});

test('files in the output another user owns: each build reports a problem naming the folder, not a crash', async () => {
  const site = await makeSite();
  assert.equal((await run(site, ['build', ...NOW, '--quiet'])).code, 0);
  await chmod(root, 0o755);
  const theirs = join(site, 'dist', '2025');
  takeAway(theirs);
  try {
    for (const args of [['--clean'], [], ['--clean']]) {
      const { code, err } = await runAs(site, ['build', ...NOW, '--quiet', ...args]);
      assert.equal(code, 1, err);
      assert.match(err, /^dist cannot be changed: \w+ \S+ was refused \((EACCES|EPERM)\)/m);
      assert.doesNotMatch(err, /\n\s+at /, 'no stack trace');
    }
  } finally {
    for (const name of readdirSync(site).filter((n) => n.startsWith('.dist.old-')))
      takeAway(join(site, name, '2025'), true);
    if (existsSync(theirs)) takeAway(theirs, true);
  }
  // Given back, the next build cleans up and builds.
  const { code, err } = await runAs(site, ['build', ...NOW, '--quiet']);
  assert.equal(code, 0, err);
  assert.deepEqual(
    readdirSync(site).filter((n) => n.startsWith('.dist.') && n !== '.dist.spare'),
    [],
  );
});
