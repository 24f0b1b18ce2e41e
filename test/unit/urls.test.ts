import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isWebUrl } from '../../src/content/urls.js';

test('a web URL is http(s), a host, then anything without white space', () => {
  for (const url of ['https://x.id/a.jpg', 'http://x', 'HTTPS://X.ID', 'https://a/b?c#d'])
    assert.equal(isWebUrl(url), true, url);
  for (const url of [
    'https://',
    'https:///a',
    'https://?a',
    'https://#a',
    'https://a b',
    'https://a\n',
    ' https://a',
    'ftp://a',
    'http:/a',
    'https://a\u00a0',
  ]) {
    assert.equal(isWebUrl(url), false, url);
  }
});
