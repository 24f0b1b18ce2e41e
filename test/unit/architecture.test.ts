import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * The rooms of `src/` and the directions imports may run in (see docs/architecture.md). Each
 * room may import the rooms listed here and, through them, every room below: a room's reach is
 * the closure of this table. Every room may use `util`, `config` and `errors`.
 */
const EDGES: Record<string, readonly string[]> = {
  cli: ['dev', 'build', 'scaffold'],
  scaffold: ['content'],
  dev: ['build'],
  build: ['incremental', 'exec', 'output', 'messages'],
  incremental: ['render', 'site', 'content'],
  exec: ['render', 'content', 'output'],
  render: ['site'],
  site: ['content'],
  content: ['time'],
  output: [],
  messages: ['time'],
  time: [],
  config: [],
  errors: [],
  util: [],
};
const EVERYWHERE = ['util', 'config', 'errors'];
/** The few loose files at the top of `src/`, each a room of its own (`cli.ts` shares its room with the folder `cli/`). */
const LOOSE = ['cli', 'config', 'errors', 'time'];

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../../src');

/** Every `.ts` file under a folder, relative to `src/`, with forward slashes. */
function sourceFiles(folder = SRC): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((e) => {
    const abs = join(folder, e.name);
    if (e.isDirectory()) return sourceFiles(abs);
    return e.name.endsWith('.ts') ? [relative(SRC, abs).split('\\').join('/')] : [];
  });
}

/** The files of `src/` a file imports (statically, type-only or dynamically), relative to `src/`. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  const found = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.[^'"]+)['"]/gm)].map(
    (m) => m[1]!,
  );
  return found.map((spec) => join(dirname(file), spec.replace(/\.js$/, '.ts')).split('\\').join('/'));
}

/** The room of a file of `src/`: its folder, or its name for a loose file. */
function roomOf(file: string): string {
  const slash = file.indexOf('/');
  return slash === -1 ? file.replace(/\.ts$/, '') : file.slice(0, slash);
}

/** The rooms a room may import: the closure of its edges, plus the rooms everyone may use. */
function reach(room: string): Set<string> {
  const seen = new Set<string>(EVERYWHERE);
  const visit = (r: string) => {
    for (const next of EDGES[r] ?? []) if (!seen.has(next)) (seen.add(next), visit(next));
  };
  visit(room);
  seen.delete(room);
  return seen;
}

const files = sourceFiles();
const graph = new Map(files.map((f) => [f, importsOf(f)]));

test('the rooms table names every room, and is itself one way', () => {
  for (const room of new Set(files.map(roomOf)))
    assert.ok(room in EDGES, `src/${room} is a room the table does not know`);
  for (const room of Object.keys(EDGES))
    assert.ok(!reach(room).has(room) || EVERYWHERE.includes(room), `${room} reaches itself`);
  for (const room of EVERYWHERE) assert.deepEqual(EDGES[room], [], `${room} is used by every room, so it imports none`);
});

test('src/ holds at most five loose files', () => {
  const loose = files.filter((f) => !f.includes('/'));
  assert.ok(loose.length <= 5, `loose files: ${loose.join(', ')}`);
  for (const f of loose) assert.ok(LOOSE.includes(roomOf(f)), `src/${f} belongs in a room`);
});

test('every import runs in an allowed direction', () => {
  const wrong: string[] = [];
  for (const [file, imports] of graph) {
    const from = roomOf(file);
    for (const target of imports) {
      const to = roomOf(target);
      if (to !== from && !reach(from).has(to)) wrong.push(`src/${file} (${from}) imports src/${target} (${to})`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('no file imports itself through others', () => {
  const circles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') circles.push([...path.slice(path.indexOf(next)), next].join(' → '));
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  assert.deepEqual(circles, []);
});

test('every import names a file of src/', () => {
  const known = new Set(files);
  const missing = [...graph].flatMap(([file, imports]) =>
    imports.filter((t) => !known.has(t)).map((t) => `${file} → ${t}`),
  );
  assert.deepEqual(missing, []);
});
