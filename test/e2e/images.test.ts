import assert from 'node:assert/strict';
import { readdir, readFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { build, type BuildOptions } from '../../src/build/build.js';
import { check } from '../../src/build/check.js';
import { createEngine } from '../../src/build/engine.js';
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

/** Every file of a folder with its bytes, by path. */
async function files(dir: string): Promise<Map<string, Buffer>> {
  const names = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const paths = names.map((e) => relative(dir, join(e.parentPath, e.name))).sort();
  return new Map(await Promise.all(paths.map(async (p) => [p, await readFile(join(dir, p))] as const)));
}

test("story cards show a photo's size and copies, sized as the card shows it (the lead card loads at once); a replaced photo rewrites exactly the pages showing it", async () => {
  const { content, out, options } = await site('cards');
  assert.ok((await build(options('use'))).ok);
  const card = (html: string) => imgTags(html).find((tag) => tag.includes('src="/images/utama.jpg"'))!;
  const category = card(await readFile(join(out, 'nasional/index.html'), 'utf8'));
  assert.deepEqual(
    ['width', 'height', 'sizes', 'loading'].map((name) => attr(category, name)),
    ['1200', '800', '(min-width: 40rem) 13rem, 7rem', 'lazy'],
  );
  assert.match(
    attr(category, 'srcset')!,
    /^\/_img\/\S+-480\.webp 480w, \/_img\/\S+-960\.webp 960w, \/images\/utama\.jpg 1200w$/,
  );
  const home = await readFile(join(out, 'index.html'), 'utf8');
  const lead = card(home);
  assert.match(
    lead,
    /^<img src="\/images\/utama\.jpg" alt="" width="1200" height="800" srcset="[^"]+" sizes="\(min-width: 72rem\) 41rem, [^"]+" loading="eager" decoding="async">$/,
  );
  // An SVG's card is shown as it is.
  assert.ok(
    imgTags(home)
      .filter((tag) => tag.includes('peta.svg'))
      .every((tag) => !attr(tag, 'width')),
  );

  const before = await files(out);
  await writeFile(join(content, 'images', 'utama.jpg'), await picture(800, 600, 'jpeg', 30));
  assert.ok((await build(options('use'))).ok);
  const after = await files(out);
  const changed = [...after.keys()].filter((p) => p.endsWith('.html') && !after.get(p)!.equals(before.get(p)!));
  const showing = [...after].filter(([p, bytes]) => p.endsWith('.html') && bytes.includes('/images/utama.jpg"'));
  assert.deepEqual(
    changed,
    showing.map(([p]) => p),
    'the pages rewritten are those showing the photo',
  );
  assert.ok(changed.includes('nasional/index.html') && changed.includes('penulis/ap-wira/index.html'));
  assert.equal(attr(card(after.get('nasional/index.html')!.toString()), 'width'), '800');
  // Past the home page's latest list, the article's card in its category's section spans the column.
  await writeFile(join(content, 'terbaru.md'), article('terbaru', '', 'Paragraf.').replace('04-02', '04-03'));
  assert.ok((await build({ ...options('use'), config: { ...TEST_CONFIG, homeSize: 1 } })).ok);
  const sections = await readFile(join(out, 'index.html'), 'utf8');
  const section = card(sections.slice(sections.indexOf('class="sections"')));
  assert.match(attr(section, 'sizes')!, /^\(min-width: 72rem\) 22rem, /);
  assert.deepEqual([attr(section, 'width'), attr(section, 'loading')], ['800', 'lazy']);
});

test("warta dev's engine rewrites the cards of a replaced photo", async () => {
  const { content, out, options } = await site('dev-cards');
  const engine = createEngine(options());
  assert.ok((await engine.rebuild()).ok);
  const photo = join(content, 'images', 'utama.jpg');
  await writeFile(photo, await picture(800, 600, 'jpeg', 30));
  assert.ok((await engine.rebuild([photo])).ok);
  const tag = imgTags(await readFile(join(out, 'nasional/index.html'), 'utf8')).find((t) => t.includes('utama.jpg'))!;
  assert.deepEqual([attr(tag, 'width'), attr(tag, 'height')], ['800', '600']);
});

test("a static page's photos and a body's raw <img> get their size, copies and lazy loading; the author's own attributes stay", async () => {
  const { content, out, options } = await site('pages');
  await mkdir(join(content, 'halaman'));
  await writeFile(join(content, 'images', 'halaman.png'), await picture(1000, 500, 'png', 10));
  await writeFile(
    join(content, 'halaman', 'tentang.md'),
    '---\ntitle: Tentang Kami\nimage: /images/halaman.png\ncaption: Kantor redaksi\n---\nKami.\n\n![Isi](/images/isi.png)\n\n<img src="../images/isi.png" alt="Mentah">\n',
  );
  const raw = [
    'Paragraf.',
    '',
    '<div class="galeri">',
    '<img src="/images/isi.png" alt="Satu">',
    '<img src="/images/isi.png" width="300" loading="eager" alt="Dua">',
    '<img src="https://foto.example/luar.jpg" alt="Luar">',
    '</div>',
  ].join('\n');
  await writeFile(join(content, 'mentah.md'), article('mentah', '', raw));
  const first = await build(options('use'));
  assert.ok(first.ok, JSON.stringify(first.problems));
  const page = imgTags(await readFile(join(out, 'tentang/index.html'), 'utf8'));
  assert.deepEqual(
    page.map((tag) => ['width', 'height', 'loading'].map((name) => attr(tag, name))),
    [
      ['1000', '500', 'eager'],
      ['600', '400', 'lazy'],
      ['600', '400', 'lazy'],
    ],
  );
  assert.ok(page.every((tag) => attr(tag, 'srcset')?.includes('480w') && attr(tag, 'sizes')));
  const [one, two, outside] = imgTags(await readFile(join(out, '2025/04/02/mentah/index.html'), 'utf8'));
  assert.equal(
    one,
    `<img src="/images/isi.png" alt="Satu" width="600" height="400" srcset="${attr(one!, 'srcset')}" sizes="${attr(one!, 'sizes')}" loading="lazy" decoding="async" />`,
  );
  assert.deepEqual(
    ['width', 'height', 'loading', 'decoding'].map((name) => attr(two!, name)),
    ['300', undefined, 'eager', 'async'],
  );
  assert.ok(attr(two!, 'srcset'));
  assert.equal(outside, '<img src="https://foto.example/luar.jpg" alt="Luar" />');
  const again = await build(options('use'));
  assert.equal(again.images, undefined, 'the second build processed an image');
});

test('a missing image of a static page or of raw HTML is an error naming the file, the line and the field', async () => {
  const { content, options } = await site('missing-raw');
  await mkdir(join(content, 'halaman'));
  await writeFile(
    join(content, 'halaman', 'tentang.md'),
    '---\ntitle: Tentang\nimage: /images/tidak-ada.jpg\n---\nKami.\n\n![Hilang](/images/hilang.png)\n',
  );
  await writeFile(
    join(content, 'mentah.md'),
    article(
      'mentah',
      '',
      'Paragraf.\n\n<figure>\n<img src="/images/isi.png">\n<img\n  src="/images/hilang.webp">\n</figure>\n\nTeks <img src="/images/juga-hilang.jpg"> dan\nlagi <img src="/images/lagi.jpg">.',
    ),
  );
  const result = await build(options('use'));
  assert.equal(result.ok, false);
  const at = (file: string) => relative(process.cwd(), join(content, file));
  assert.deepEqual(
    result.problems.filter((p) => p.code === 'image-missing').map((p) => [p.file, p.line, p.field, p.params?.path]),
    [
      [at('halaman/tentang.md'), 3, 'image', '"/images/tidak-ada.jpg"'],
      [at('halaman/tentang.md'), 7, undefined, '"/images/hilang.png"'],
      [at('mentah.md'), 11, undefined, '"/images/hilang.webp"'],
      [at('mentah.md'), 15, undefined, '"/images/juga-hilang.jpg"'],
      [at('mentah.md'), 16, undefined, '"/images/lagi.jpg"'],
    ],
  );
});
