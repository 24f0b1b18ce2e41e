import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Ajv from 'ajv';
import yaml from 'js-yaml';
import { parseConfig } from '../../src/config.js';
import { wartaDependency } from '../../src/scaffold/dependency.js';
import { packageName } from '../../src/scaffold/init.js';
import { cli } from '../support/cli.js';
import { listFiles, ROOT } from '../support/fixtures.js';

let scratch: string;
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'warta-init-'));
});
after(() => rm(scratch, { recursive: true, force: true }));

/** The steps of a job in a workflow file, each with what it runs or uses and its `with`. */
type Step = { name?: string; uses?: string; run?: string; with?: Record<string, string> };

test('warta init writes a site repository that builds and checks clean', async () => {
  const { code, err } = await cli(scratch, 'init', 'kabar', '--title', 'Kabar Desa', '--url', 'https://kabar.example/');
  assert.equal(code, 0, err);
  const site = join(scratch, 'kabar');
  assert.deepEqual(await listFiles(site), [
    '.github/workflows/deploy.yml',
    '.gitignore',
    '.gitlab-ci.yml',
    'README.md',
    'content/2025/01/cara-menulis-artikel.md',
    'content/2025/01/redaksi-meluncurkan-situs-baru.md',
    'package.json',
    'templates/README.md',
    'warta.config.json',
  ]);
  const pkg = JSON.parse(await readFile(join(site, 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'kabar');
  assert.deepEqual(pkg.scripts, { build: 'warta build', dev: 'warta dev', check: 'warta check', new: 'warta new' });
  assert.match(pkg.dependencies.warta, /^file:/);
  const config = JSON.parse(await readFile(join(site, 'warta.config.json'), 'utf8'));
  assert.equal(config.$schema, './node_modules/warta/schemas/warta.config.schema.json');
  assert.equal(config.title, 'Kabar Desa');
  assert.equal(config.baseUrl, 'https://kabar.example');
  const schema = JSON.parse(await readFile(join(ROOT, 'schemas', 'warta.config.schema.json'), 'utf8'));
  assert.equal(new Ajv.default().validate(schema, config), true);
  assert.deepEqual(parseConfig(config, 'warta.config.json').problems, []);
  const ignored = (await readFile(join(site, '.gitignore'), 'utf8')).split('\n');
  for (const line of ['node_modules/', 'dist/', '.dist.*', '.warta-cache/', '.warta-dev/'])
    assert.ok(ignored.includes(line), line);

  const built = await cli(site, 'build', '--quiet');
  assert.equal(built.code, 0, built.err);
  const pages = await listFiles(join(site, 'dist'));
  for (const page of [
    '2025/01/06/redaksi-meluncurkan-situs-baru/index.html',
    '2025/01/07/cara-menulis-artikel/index.html',
    'nasional/index.html',
    'panduan/index.html',
    'feed.xml',
  ]) {
    assert.ok(pages.includes(page), page);
  }
  const checked = await cli(site, 'check');
  assert.equal(checked.out, '', 'no problems, not even a warning');
  assert.equal(checked.code, 0);
});

test('the deploy examples cache the output, its spare and .warta-cache/, and publish what the build wrote', async () => {
  const site = join(scratch, 'deploy');
  assert.equal((await cli(scratch, 'init', 'deploy')).code, 0);
  const github = yaml.load(await readFile(join(site, '.github', 'workflows', 'deploy.yml'), 'utf8')) as {
    jobs: Record<string, { steps: Step[] }>;
  };
  const steps = github.jobs.build!.steps;
  const cache = steps.findIndex((s) => s.uses?.startsWith('actions/cache@'));
  assert.ok(cache >= 0, 'a cache step');
  assert.deepEqual(steps[cache]!.with!.path!.trim().split('\n'), ['dist', '.dist.spare', '.warta-cache']);
  assert.ok(cache < steps.findIndex((s) => s.run === 'npm run build'), 'restored before the build');
  assert.equal(steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))?.with?.path, 'dist');
  const gitlab = yaml.load(await readFile(join(site, '.gitlab-ci.yml'), 'utf8')) as {
    pages: { cache: { paths: string[] }; script: string[]; artifacts: { paths: string[] } };
  };
  assert.deepEqual(gitlab.pages.cache.paths.slice(0, 3), ['public/', '.public.spare/', '.warta-cache/']);
  assert.ok(gitlab.pages.script.includes('npm run build -- --out public'));
  assert.deepEqual(gitlab.pages.artifacts.paths, ['public']);
});

test('warta init refuses a folder that is not empty and writes nothing', async () => {
  const site = join(scratch, 'berisi');
  await mkdir(site);
  await writeFile(join(site, 'catatan.txt'), 'x');
  const { code, err } = await cli(scratch, 'init', 'berisi');
  assert.equal(code, 2);
  assert.match(err, /^warta: folder "berisi" tidak kosong \(berisi catatan\.txt\): warta init hanya menulis/m);
  const en = await cli(scratch, 'init', 'berisi', '--lang', 'en');
  assert.match(en.err, /^warta: the folder "berisi" is not empty \(it holds catatan\.txt\)/m);
  assert.deepEqual(await readdir(site), ['catatan.txt']);
  await mkdir(join(scratch, 'kosong'));
  assert.equal((await cli(join(scratch, 'kosong'), 'init')).code, 0, 'the current folder, when empty');
  assert.ok(existsSync(join(scratch, 'kosong', 'warta.config.json')));
});

test('warta init: a site without --url says to set baseUrl; bad options are usage errors', async () => {
  const { code, err } = await cli(scratch, 'init', 'tanpa-alamat');
  assert.equal(code, 0, err);
  assert.match(err, /^warta: situs baru berisi \d+ berkas ditulis ke tanpa-alamat\/:$/m);
  assert.match(err, /isi dulu "baseUrl" di warta\.config\.json/);
  const en = await cli(scratch, 'init', 'tanpa-alamat-en', '--lang', 'en');
  assert.match(en.err, /^warta: wrote a new site of \d+ files into tanpa-alamat-en\/:$/m);
  assert.match(en.err, /first set "baseUrl" in warta\.config\.json/);
  assert.equal(
    'baseUrl' in JSON.parse(await readFile(join(scratch, 'tanpa-alamat', 'warta.config.json'), 'utf8')),
    false,
  );
  for (const args of [
    ['init', 'x', '--url', 'kabar.example'],
    ['init', 'x', '--title', ' '],
    ['init', 'x', 'y'],
    ['init', 'x', '--out', 'z'],
    ['build', '--title', 'x'],
  ]) {
    const r = await cli(scratch, ...args);
    assert.equal(r.code, 2, args.join(' '));
  }
  assert.equal(existsSync(join(scratch, 'x')), false);
});

test('the new site names warta as the project running it installed it', async () => {
  const project = join(scratch, 'proyek');
  const root = join(project, 'node_modules', 'warta');
  await mkdir(root, { recursive: true });
  const site = join(project, 'situs');
  const declare = (spec: string) =>
    writeFile(join(project, 'package.json'), JSON.stringify({ dependencies: { warta: spec } }));
  await writeFile(join(project, 'warta-1.2.3.tgz'), 'x');
  await declare('file:warta-1.2.3.tgz');
  assert.deepEqual(wartaDependency(site, root), {
    spec: 'file:vendor/warta-1.2.3.tgz',
    tarball: join(project, 'warta-1.2.3.tgz'),
  });
  await declare('file:../warta');
  assert.deepEqual(wartaDependency(site, root), { spec: 'file:../../warta' });
  await declare('git+https://git.example/redaksi/warta.git#v1.2.3');
  assert.deepEqual(wartaDependency(site, root), { spec: 'git+https://git.example/redaksi/warta.git#v1.2.3' });
  await writeFile(join(project, 'package.json'), '{}');
  assert.deepEqual(wartaDependency(site, root), { spec: 'file:../node_modules/warta' });
  assert.deepEqual(wartaDependency(join(scratch, 'lain'), join(scratch, 'warta')), { spec: 'file:../warta' });
});

test('package names from folder names', () => {
  assert.equal(packageName('Kabar Desa'), 'kabar-desa');
  assert.equal(packageName('.situs_'), 'situs');
  assert.equal(packageName('berita.example'), 'berita.example');
  assert.equal(packageName('  '), 'warta-site');
});
