import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, lchown, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT } from '../support/fixtures.js';

const NOW = '2026-01-01 00:00:00';
const NOBODY = 65534;

let scratch: string;
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'warta-files-'));
  await chmod(scratch, 0o755);
});
after(() => rm(scratch, { recursive: true, force: true }));

function article(n: number): string {
  return `---\ntitle: Berita ${n}\nbyline: Redaksi\ncategory: Politik\ndate: 2025-04-02 10:${String(n % 60).padStart(2, '0')}:00\n---\nIsi berita ${n}.\n`;
}

/** Runs the CLI in its own process, as `uid` when given (tests run as root, whom permissions do not stop); `err` holds what it printed. */
async function warta(cwd: string, args: string[], uid?: number): Promise<{ code: number; err: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'warta.js'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], ...(uid === undefined ? {} : { uid, gid: uid }) });
  let err = '';
  child.stdout.on('data', (d) => (err += d));
  child.stderr.on('data', (d) => (err += d));
  const [code] = (await once(child, 'exit')) as [number];
  return { code, err };
}

test('an article or image that cannot be read is an error naming it, with the build\'s other problems; never "worker failed"', async () => {
  const site = join(scratch, 'unreadable');
  await mkdir(join(site, 'content'), { recursive: true });
  // Enough articles that the build parses on worker threads.
  for (let n = 0; n < 120; n++) await writeFile(join(site, 'content', `berita-${n}.md`), article(n));
  await writeFile(join(site, 'content', 'rusak.md'), '---\ntitle: Rusak\n---\n');
  await symlink(join(site, 'content', 'tidak-ada.md'), join(site, 'content', 'putus.md'));
  execFileSync('mkfifo', [join(site, 'content', 'pipa.md')]);
  await writeFile(join(site, 'content', 'foto.jpg'), 'jpeg');
  // Root reads whatever the permissions say: the build runs as another user, for whom the file is locked.
  const root = process.getuid?.() === 0;
  if (root) {
    for (const entry of await readdir(site, { recursive: true })) await lchown(join(site, entry), NOBODY, NOBODY);
    await lchown(site, NOBODY, NOBODY);
  }
  await chmod(join(site, 'content', 'berita-7.md'), 0o000);
  await chmod(join(site, 'content', 'foto.jpg'), 0o000);
  const user = root ? NOBODY : undefined;
  for (const args of [['build', '--jobs', '2'], ['build', '--jobs', '1'], ['check', '--jobs', '2']]) {
    const { code, err } = await warta(site, [...args, '--now', NOW, '--quiet'], user);
    assert.equal(code, 1, err);
    assert.doesNotMatch(err, /worker failed|\n\s+at /, args.join(' '));
    assert.match(err, /^content\/berita-7\.md cannot read the article: permission denied$/m, args.join(' '));
    assert.match(err, /^content\/foto\.jpg cannot read the file: permission denied$/m);
    assert.match(err, /^content\/pipa\.md cannot read the article: not a regular file but a named pipe, socket or device$/m);
    assert.match(err, /^content\/putus\.md symbolic link points to nothing$/m);
    assert.match(err, /^content\/rusak\.md byline: required field is missing$/m);
  }
});
