import assert from 'node:assert/strict';
import { readdir, readFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { build, type BuildOptions } from '../../src/build/build.js';
import { check } from '../../src/build/check.js';
import { TEST_CONFIG } from '../support/fixtures.js';

const NOW = Date.UTC(2026, 0, 1);
const LEAD = '2025/04/02/foto-utama/index.html';

let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'warta-images-test-'));
});
after(() => rm(root, { recursive: true, force: true }));

/** A plain image of a size, as JPEG or PNG; `shade` makes its bytes differ. */
function picture(width: number, height: number, format: 'jpeg' | 'png', shade = 90): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: { r: shade, g: 120, b: 160 } } });
  return (format === 'jpeg' ? image.jpeg() : image.png()).toBuffer();
}

function article(slug: string, fields: string, body: string): string {
  return `---\ntitle: Berita ${slug}\nbyline: AP Wira\ncategory: Nasional\ndate: 2025-04-02 10:00:00\n${fields}---\n${body}\n`;
}

/** A site in a folder of its own: an article with a local JPEG lead photo and a PNG in its body, one with an SVG. */
async function site(
  name: string,
): Promise<{ content: string; out: string; options: (cache?: BuildOptions['cache']) => BuildOptions }> {
  const dir = join(root, name);
  const content = join(dir, 'content');
  await mkdir(join(content, 'images'), { recursive: true });
  await writeFile(join(content, 'images', 'utama.jpg'), await picture(1200, 800, 'jpeg'));
  await writeFile(join(content, 'images', 'isi.png'), await picture(600, 400, 'png'));
  await writeFile(
    join(content, 'images', 'peta.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
  );
  await writeFile(
    join(content, 'foto-utama.md'),
    article(
      'foto-utama',
      'image: /images/utama.jpg\ncaption: Foto utama\ncredit: "Foto: Redaksi"\n',
      'Paragraf pertama.\n\n![Foto di isi](../../../../images/isi.png)\n\nParagraf kedua.',
    ),
  );
  await writeFile(join(content, 'peta.md'), article('peta', 'image: /images/peta.svg\n', '![Peta](/images/peta.svg)'));
  // The theme's own image is there, though no file of the archive is.
  await writeFile(join(content, 'logo.md'), article('logo', 'image: /assets/logo.png\n', 'Paragraf.'));
  const out = join(dir, 'public');
  const options = (cache?: BuildOptions['cache']): BuildOptions => ({
    content,
    out,
    config: TEST_CONFIG,
    clock: { now: NOW, future: false },
    jobs: 1,
    cache,
  });
  return { content, out, options };
}

const imgTags = (html: string) => [...html.matchAll(/<img [^>]*>/g)].map((m) => m[0]);
const attr = (tag: string, name: string) => new RegExp(` ${name}="([^"]*)"`).exec(tag)?.[1];

test('lead and body photos get their size and smaller WebP copies (never wider than the photo); the lead loads at once, body images lazily; og:image and JSON-LD carry the size', async () => {
  const { out, options } = await site('sizes');
  const result = await build(options('use'));
  assert.ok(result.ok, JSON.stringify(result.problems));
  const html = await readFile(join(out, LEAD), 'utf8');
  const [lead, body] = imgTags(html);
  assert.equal(attr(lead!, 'width'), '1200');
  assert.equal(attr(lead!, 'height'), '800');
  assert.equal(attr(lead!, 'loading'), 'eager');
  const leadSet = attr(lead!, 'srcset')!.split(', ');
  assert.deepEqual(
    leadSet.map((c) => c.split(' ')[1]),
    ['480w', '960w', '1200w'],
    'copies below the photo only, the photo itself the widest',
  );
  assert.equal(attr(body!, 'width'), '600');
  assert.equal(attr(body!, 'height'), '400');
  assert.equal(attr(body!, 'loading'), 'lazy');
  assert.equal(attr(body!, 'decoding'), 'async');
  assert.deepEqual(
    attr(body!, 'srcset')!
      .split(', ')
      .map((c) => c.split(' ')[1]),
    ['480w', '600w'],
  );
  for (const candidate of [...leadSet, ...attr(body!, 'srcset')!.split(', ')]) {
    const [url, width] = candidate.split(' ');
    if (!url!.startsWith('/_img/')) continue;
    const meta = await sharp(join(out, url!)).metadata();
    assert.equal(meta.format, 'webp');
    assert.equal(`${meta.width}w`, width);
  }
  assert.match(
    html,
    /<meta property="og:image:width" content="1200">\n<meta property="og:image:height" content="800">/,
  );
  const ld = JSON.parse(
    /<script type="application\/ld\+json">(\{"@context":"https:\/\/schema.org","@type":"NewsArticle".*?)<\/script>/.exec(
      html,
    )![1]!,
  );
  assert.deepEqual(ld.image, [
    { '@type': 'ImageObject', url: 'https://warta.example/images/utama.jpg', width: 1200, height: 800 },
  ]);
  assert.deepEqual(ld.author, [{ '@type': 'Person', name: 'AP Wira', url: 'https://warta.example/penulis/ap-wira/' }]);
  // An SVG is shown as it is: no size, no copies, never shared.
  const svg = await readFile(join(out, '2025/04/02/peta/index.html'), 'utf8');
  assert.ok(imgTags(svg).every((tag) => !attr(tag, 'srcset') && !attr(tag, 'width')));
  assert.doesNotMatch(svg, /og:image:width/);
});

test('a second build makes no copy of any image, a clean one makes the same bytes again, and a changed photo is copied anew', async () => {
  const { content, out, options } = await site('once');
  const first = await build(options('use'));
  assert.equal(first.images, 2);
  const copies = async () => {
    const names = (await readdir(join(out, '_img'))).sort();
    return new Map(await Promise.all(names.map(async (n) => [n, await readFile(join(out, '_img', n))] as const)));
  };
  const made = await copies();
  assert.equal(made.size, 3);
  const again = await build(options('use'));
  assert.ok(again.ok);
  assert.equal(again.images, undefined, 'the second build processed an image');
  // A body edit: the quick path, which renders the page with its images as they were.
  const file = join(content, 'foto-utama.md');
  await writeFile(file, `${await readFile(file, 'utf8')}\nParagraf tambahan.\n`);
  const edited = await build(options('use'));
  assert.ok(edited.quick && edited.images === undefined);
  assert.equal(attr(imgTags(await readFile(join(out, LEAD), 'utf8'))[0]!, 'width'), '1200');
  const clean = await build(options('clean'));
  assert.equal(clean.images, 2);
  assert.deepEqual(await copies(), made, 'the same photos made other bytes');
  await writeFile(join(content, 'images', 'utama.jpg'), await picture(800, 600, 'jpeg', 30));
  const changed = await build(options('use'));
  assert.equal(changed.images, 1);
  const lead = imgTags(await readFile(join(out, LEAD), 'utf8'))[0]!;
  assert.equal(attr(lead, 'width'), '800');
  assert.deepEqual(
    attr(lead, 'srcset')!
      .split(', ')
      .map((c) => c.split(' ')[1]),
    ['480w', '800w'],
  );
  // The copies of the old photo are gone from the output.
  assert.equal((await readdir(join(out, '_img'))).length, 2);
});

test('a missing local image is an error naming the file, the line and the field; warta check finds it too and copies nothing', async () => {
  const { content, options } = await site('missing');
  await writeFile(
    join(content, 'hilang.md'),
    article('hilang', 'image: /images/tidak-ada.jpg\n', 'Paragraf.\n\nLihat ![peta](/images/hilang.png) ini.'),
  );
  const result = await build(options('use'));
  assert.equal(result.ok, false);
  const missing = result.problems.filter((p) => p.code === 'image-missing');
  assert.deepEqual(
    missing.map((p) => [p.file, p.line, p.field, p.params?.path]),
    [
      [relative(process.cwd(), join(content, 'hilang.md')), 6, 'image', '"/images/tidak-ada.jpg"'],
      [relative(process.cwd(), join(content, 'hilang.md')), 10, undefined, '"/images/hilang.png"'],
    ],
  );
  const checked = await check({ ...options(), cache: undefined });
  assert.deepEqual(
    checked.problems.filter((p) => p.code === 'image-missing').map((p) => p.line),
    [6, 10],
  );
  assert.equal(checked.images, undefined, 'warta check made copies');
  assert.ok(!(await readdir(join(root, 'missing'))).includes('public'));
});
