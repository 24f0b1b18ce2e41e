import assert from 'node:assert/strict';
import { join, relative, resolve, sep } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { defaults } from '../../src/config.js';
import { isSafeSitePath } from '../../src/content/urls.js';
import { checkOutputPath } from '../../src/output/writer.js';
import { linkTarget } from '../../src/render/links.js';
import { createBodyRenderer } from '../../src/render/markdown.js';
import { bodyPolicy } from '../../src/render/sanitize.js';
import { jsonForScript } from '../../src/render/viewmodel.js';
import { escapeXml } from '../../src/render/xml.js';
import { outputFile } from '../../src/site/paths.js';
import { FRAGMENTS, HTML_SNIPPETS, hostileBody, hostileText } from './hostile.js';
import { unescapeXml, unsafeHtml } from './safety.js';

/** The escaping functions and the sanitiser on their own: cheap, so many runs. */

const SEED = 4_2025;
const anyText = fc.oneof(
  hostileText,
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'binary-ascii' }),
  fc.string({ unit: 'grapheme' }),
);

test('JSON for a <script> element never ends it, opens a comment or breaks a line, and reads back exactly', () => {
  fc.assert(
    fc.property(fc.oneof(anyText, fc.array(anyText), fc.dictionary(anyText, anyText)), (value) => {
      const json = jsonForScript(value);
      assert.doesNotMatch(json, /[<>&\u2028\u2029]/);
      assert.deepEqual(JSON.parse(json), JSON.parse(JSON.stringify(value)));
      // The same bytes as ever: pages carry this JSON, and builds must not change them.
      assert.equal(json, escapedOneByOne(value));
    }),
    { numRuns: 500, seed: SEED },
  );
});

/** JSON for a <script> element as it has always been escaped: one replacement per character. */
function escapedOneByOne(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

test('XML text escapes every markup character, drops what XML cannot hold, and reads back', () => {
  fc.assert(
    fc.property(anyText, (text) => {
      const xml = escapeXml(text);
      assert.doesNotMatch(xml, /[<>"']|&(?!(?:lt|gt|amp|quot|apos);)/);
      assert.doesNotMatch(xml, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
      assert.equal(unescapeXml(xml), text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''));
    }),
    { numRuns: 500, seed: SEED },
  );
});

test('whatever raw HTML and Markdown a body holds, its HTML runs no script and shows only allowed markup', () => {
  const render = createBodyRenderer(bodyPolicy(defaults.iframeHosts));
  const soup = fc
    .array(fc.oneof(fc.constantFrom(...HTML_SNIPPETS), fc.constantFrom(...FRAGMENTS), hostileText), { maxLength: 12 })
    .map((parts) => parts.join(''));
  fc.assert(
    fc.property(fc.oneof(hostileBody, soup), (markdown) => {
      const body = render(markdown);
      assert.deepEqual(unsafeHtml(body.html, defaults.iframeHosts), []);
      assert.equal(render(markdown).html, body.html);
      for (const link of body.links) assert.ok(Number.isInteger(link.line) && link.line >= 0);
    }),
    { numRuns: 300, seed: SEED },
  );
});

test('a site path the content layer accepts always maps to an output file inside the output folder', () => {
  const segment = fc.oneof(
    fc.constantFrom('..', '.', '%2e%2e', '..%2f', '', 'a', 'b.html', '%00', 'C:', '\\..', '~'),
    fc.string({ unit: 'binary-ascii', maxLength: 6 }),
  );
  const path = fc
    .array(segment, { maxLength: 5 })
    .chain((segments) => fc.constantFrom(`/${segments.join('/')}`, `/${segments.join('/')}/`, segments.join('/')));
  const root = resolve('/srv/dist');
  fc.assert(
    fc.property(path, (p) => {
      if (!isSafeSitePath(p)) return;
      const file = checkOutputPath(outputFile(p));
      const target = join(root, file);
      assert.ok(target.startsWith(root + sep), `${p} -> ${target}`);
      assert.ok(!relative(root, target).split(sep).includes('..'));
    }),
    { numRuns: 1000, seed: SEED },
  );
});

test('no output path a writer accepts leaves the output folder', () => {
  const root = resolve('/srv/dist');
  const parts = fc.array(
    fc.oneof(
      fc.constantFrom('..', '.', '', 'a', '\\', '/', '\0', 'C:'),
      fc.string({ unit: 'binary-ascii', maxLength: 4 }),
    ),
    { maxLength: 6 },
  );
  const path = parts.chain((p) => fc.constantFrom(p.join('/'), p.join('')));
  fc.assert(
    fc.property(fc.oneof(path, anyText), (p) => {
      let file: string;
      try {
        file = checkOutputPath(p);
      } catch {
        return;
      }
      // The folder itself ('.') is inside too: writing a file there fails, it does not escape.
      const target = join(root, file);
      assert.ok(target === root || target === root + sep || target.startsWith(root + sep), JSON.stringify(p));
    }),
    { numRuns: 1000, seed: SEED },
  );
});

test('body links resolve inside this site or not at all, and never throw', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        anyText,
        fc.webUrl(),
        fc.constantFrom(
          '../../../../etc/passwd.md',
          '/..%2f..%2fx/',
          '//evil.example/',
          'https://warta.example/a/',
          '\\\\evil\\x',
        ),
      ),
      (href) => {
        const target = linkTarget(href, { path: 'a/b.md', url: '/2025/04/02/b/' }, 'https://warta.example');
        if (!target) return;
        if (target.kind === 'page') assert.doesNotMatch(`/${target.output}`, /\/\.\.?(\/|$)/);
        else assert.ok(!target.path.split('/').includes('..'), target.path);
      },
    ),
    { numRuns: 1000, seed: SEED },
  );
});
