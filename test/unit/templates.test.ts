import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadTheme, type Theme } from '../../src/render/templates.js';

let folder: string;
let theme: Theme;
before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'warta-templates-'));
  await writeFile(
    join(folder, 'uji.njk'),
    "[{% cached 'nav', page.key %}{{ tick() }}{{ site.title }} {{ page.key }}{% endcached %}]",
  );
  await writeFile(join(folder, 'scopes.njk'), SCOPES);
  theme = loadTheme(folder);
});

/** Variables set at the top, in loops (a loop's own and `loop.*`), in macros and in an `if`, read back around them. */
const SCOPES = [
  '{% macro m(a, b=2) %}{% set a = a ~ "!" %}{% set c = 1 %}{{ a }}{{ b }}{{ c }}{% endmacro %}',
  '{% set x = "top" %}{% set y = "outer" %}',
  '{% for i in [1, 2] %}{% set y = "in" ~ i %}{% set z = "loop" %}',
  '{% for j in "ab" %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.first }}{{ loop.last }}{{ loop.length }}{% endfor %}',
  '{{ loop.index }}{{ x }}{{ y }}{{ z }}{% endfor %}',
  '|{{ y }}{{ z }}{{ c }}|{{ m("p") }}{{ m(a="k", b=3) }}{{ c }}',
  '{% if true %}{% set x = "if" %}{% endif %}{{ x }}',
].join('');
/** What nunjucks' own `Frame.set` renders of `SCOPES`: a loop's `set` reaches a variable set before it and stays inside otherwise. */
const EXPECTED_SCOPES = '102truefalse2211falsetrue21topin1loop102truefalse2211falsetrue22topin2loop|in2|p!21k!31if';
after(() => rm(folder, { recursive: true, force: true }));

function render(site: object, key: string, tick: () => string): string {
  const result = theme.render('uji.njk', { site, page: { key }, tick });
  assert.ok('html' in result, JSON.stringify(result));
  return result.html;
}

test('a cached fragment renders once per key and per site object, then repeats, escaped once', () => {
  let ticks = 0;
  const tick = () => `#${++ticks} `;
  const site = { title: 'Warta & Kabar' };
  assert.equal(render(site, '<a>', tick), '[#1 Warta &amp; Kabar &lt;a&gt;]');
  assert.equal(render(site, '<a>', tick), '[#1 Warta &amp; Kabar &lt;a&gt;]');
  assert.equal(render(site, 'b', tick), '[#2 Warta &amp; Kabar b]');
  // The next build's site view: the fragment is made again, from it.
  assert.equal(render({ title: 'Baru' }, '<a>', tick), '[#3 Baru &lt;a&gt;]');
  assert.equal(ticks, 3);
});

test('variables keep the scopes nunjucks gives them: loops, nested loops, macros, conditions', () => {
  const result = theme.render('scopes.njk', {});
  assert.ok('html' in result, JSON.stringify(result));
  assert.equal(result.html, EXPECTED_SCOPES);
});
