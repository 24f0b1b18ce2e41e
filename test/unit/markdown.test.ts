import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaults } from '../../src/config.js';
import { createBodyRenderer } from '../../src/render/markdown.js';
import { bodyPolicy } from '../../src/render/sanitize.js';

const render = createBodyRenderer(bodyPolicy(defaults.iframeHosts));

test('URLs with a scheme and e-mail addresses become links; a site named in a sentence stays text', () => {
  assert.equal(
    render('Dikutip dari kompas.com dan www.detik.com, lihat https://contoh.id/berita atau surel redaksi@warta.id.').html,
    '<p>Dikutip dari kompas.com dan www.detik.com, lihat <a href="https://contoh.id/berita">https://contoh.id/berita</a> atau surel <a href="mailto:redaksi@warta.id">redaksi@warta.id</a>.</p>\n',
  );
});
