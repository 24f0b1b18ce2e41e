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
  theme = loadTheme(folder);
});
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
