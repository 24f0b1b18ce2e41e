import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { messageOf } from '../../src/messages/index.js';
import { deniedProblem, realOf } from '../../src/output/ownership.js';

let root: string;
before(async () => (root = await mkdtemp(join(tmpdir(), 'warta-ownership-'))));
after(() => rm(root, { recursive: true, force: true }));

/** An error as node:fs throws it. */
function fsError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, path });
}

test('a refused change to the output, its siblings or the cache is a problem naming the output folder', () => {
  const out = join(root, 'site', 'dist');
  for (const path of [
    out,
    join(out, '2025', 'a.html'),
    join(root, 'site', '.dist.old-12', 'x'),
    join(root, 'site', '.dist.lock'),
    join(root, 'site', '.warta-cache', 'dist.v8'),
    join(root, 'site'),
  ]) {
    for (const code of ['EACCES', 'EPERM', 'EROFS']) {
      const problem = deniedProblem(fsError(code, 'unlink', path), out);
      assert.equal(problem?.code, 'output-permission', path);
      assert.equal(problem.file, out);
      assert.match(messageOf(problem, 'en'), new RegExp(`^cannot be changed: unlink \\S+ was refused \\(${code}\\)`));
    }
  }
});

test("any other error, or one about another file, is not the output's problem", () => {
  const out = join(root, 'site', 'dist');
  assert.equal(deniedProblem(fsError('ENOENT', 'unlink', join(out, 'a.html')), out), undefined);
  assert.equal(deniedProblem(fsError('EACCES', 'open', join(root, 'site', 'content', 'a.md')), out), undefined);
  assert.equal(deniedProblem(fsError('EACCES', 'open', join(root, 'site', '.distribusi')), out), undefined);
  assert.equal(deniedProblem(new Error('a bug'), out), undefined);
});

test('paths are compared with their links resolved, as far as they exist', () => {
  mkdirSync(join(root, 'real', 'content'), { recursive: true });
  symlinkSync(join(root, 'real'), join(root, 'link'));
  assert.equal(realOf(join(root, 'link', 'content')), realOf(join(root, 'real', 'content')));
  assert.equal(realOf(join(root, 'link', 'not', 'yet')), join(realOf(join(root, 'real')), 'not', 'yet'));
});
