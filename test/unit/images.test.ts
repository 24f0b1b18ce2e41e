import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bodyImages, imagePath } from '../../src/content/images.js';
import { createBodyRenderer } from '../../src/render/markdown.js';
import { imageAttrs } from '../../src/render/images.js';
import { bodyPolicy } from '../../src/render/sanitize.js';

const URL = '/2025/04/02/berita/';

test('a body names the local images it may show: Markdown, references, raw HTML and prose alike, resolved as a browser would', () => {
  const body = [
    '![Foto](/images/a.jpg "judul") dan ![B](../../../../images/b%20baru.png)',
    '[ref]: /images/c.webp',
    '<img src="/images/d.gif?v=2">',
    'Berkas peta.svg di sini, dan <https://foto.example/e.jpg>, //cdn.example/f.jpg, data:image/png;base64,x.png',
    '![Lagi](/images/a.jpg)',
  ].join('\n\n');
  assert.deepEqual(bodyImages(body, URL), [
    '/2025/04/02/berita/peta.svg',
    '/images/a.jpg',
    '/images/b baru.png',
    '/images/c.webp',
    '/images/d.gif',
  ]);
  assert.deepEqual(bodyImages('Tidak ada foto di sini.', URL), []);
  assert.equal(imagePath('/images/%2e%2e/x.jpg', URL), '/x.jpg', 'as a browser resolves it');
  assert.equal(imagePath('https://foto.example/a.jpg', URL), undefined);
  assert.equal(imagePath('/images/a.pdf', URL), undefined);
});

test('the body renderer gives each image the attributes asked for, and lazy loading', () => {
  const render = createBodyRenderer(bodyPolicy([]));
  const seen: [string, number][] = [];
  const facts = { width: 1200, height: 800, variants: [{ url: '/_img/k-480.webp', width: 480 }] };
  const { html } = render('Paragraf.\n\n![Foto](/images/a.jpg)\n\n![Luar](https://foto.example/b.jpg)', {
    image: (src, line) => (seen.push([src, line]), src === '/images/a.jpg' ? imageAttrs(src, facts) : undefined),
  });
  assert.deepEqual(seen, [
    ['/images/a.jpg', 2],
    ['https://foto.example/b.jpg', 4],
  ]);
  assert.match(
    html,
    /<img src="\/images\/a\.jpg" alt="Foto" width="1200" height="800" srcset="\/_img\/k-480\.webp 480w, \/images\/a\.jpg 1200w" sizes="[^"]+" loading="lazy" decoding="async">/,
  );
  assert.match(html, /<img src="https:\/\/foto\.example\/b\.jpg" alt="Luar" loading="lazy" decoding="async">/);
  // Raw HTML in the body sends it through the sanitiser, which keeps the attributes.
  const raw = render('<p>x</p>\n\n![Foto](/images/a.jpg)', { image: (src) => imageAttrs(src, facts) }).html;
  assert.match(raw, /width="1200" height="800" srcset="[^"]+" sizes="[^"]+" loading="lazy" decoding="async"/);
});

test("a raw <img> of the site's gets the attributes asked for, at its own line, where its author set none", () => {
  const render = createBodyRenderer(bodyPolicy([]));
  const facts = { width: 1200, height: 800, variants: [{ url: '/_img/k-480.webp', width: 480 }] };
  const seen: [string, number][] = [];
  const image = (src: string, line: number) => {
    seen.push([src, line]);
    return src.endsWith('a.jpg') ? imageAttrs('/images/a.jpg', facts) : undefined;
  };
  const body = [
    'Paragraf.',
    '',
    '<div>',
    '<img src="/images/a.jpg" alt="Satu">',
    '<img alt="Dua"',
    '  src="/images/a.jpg" width="300" sizes="50vw">',
    '</div>',
    '',
    'Teks <img src="https://foto.example/b.jpg"> dan',
    'lagi <img src="../a.jpg" loading="eager">.',
  ].join('\n');
  const { html } = render(body, { image });
  assert.deepEqual(seen, [
    ['/images/a.jpg', 3],
    ['/images/a.jpg', 4],
    ['https://foto.example/b.jpg', 8],
    ['../a.jpg', 9],
  ]);
  const tags = [...html.matchAll(/<img [^>]*>/g)].map((m) => m[0]);
  const srcset = '/_img/k-480.webp 480w, /images/a.jpg 1200w';
  assert.deepEqual(tags, [
    `<img src="/images/a.jpg" alt="Satu" width="1200" height="800" srcset="${srcset}" sizes="(max-width: 42rem) 100vw, 42rem" loading="lazy" decoding="async" />`,
    `<img alt="Dua" src="/images/a.jpg" width="300" sizes="50vw" srcset="${srcset}" loading="lazy" decoding="async" />`,
    '<img src="https://foto.example/b.jpg" />',
    `<img src="../a.jpg" loading="eager" width="1200" height="800" srcset="${srcset}" sizes="(max-width: 42rem) 100vw, 42rem" decoding="async" />`,
  ]);
});

test('an image is asked for once at its line, even when the body is shown as text after all', () => {
  const render = createBodyRenderer(bodyPolicy([]));
  const seen: string[] = [];
  const deep = `${'<div>'.repeat(101)}x`;
  const { tooDeep } = render(`![Foto](/images/a.jpg)\n\n${deep}`, { image: (src) => void seen.push(src) });
  assert.ok(tooDeep);
  assert.deepEqual(seen, ['/images/a.jpg']);
});
