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

test('a paragraph with only an e-mail address, or only a protocol-relative URL, still gets its link', () => {
  assert.equal(render('Surel redaksi@warta.id.').html, '<p>Surel <a href="mailto:redaksi@warta.id">redaksi@warta.id</a>.</p>\n');
  assert.equal(render('Lihat //contoh.id/x ya.').html, '<p>Lihat <a href="//contoh.id/x">//contoh.id/x</a> ya.</p>\n');
  assert.equal(render('Lihat ftp://contoh.id/x ya.').html, '<p>Lihat <a href="ftp://contoh.id/x">ftp://contoh.id/x</a> ya.</p>\n');
});
