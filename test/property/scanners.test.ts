import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { plainText } from '../../src/content/summary.js';
import { isWebUrl } from '../../src/content/urls.js';

/**
 * The linear-time scans give what the regexes they replace gave. The regexes stay here as the
 * definition: on short texts their quadratic worst case costs nothing.
 */

const SEED = 16_2025;

/** Short texts made of the characters the scans care about. */
const markup = (pieces: string[]) =>
  fc.array(fc.constantFrom(...pieces), { maxLength: 24 }).map((parts) => parts.join(''));

function plainTextByRegex(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]*>/g, '')
    .replace(/(\*\*|__|\*|_|~~|`)(?=\S)([^]*?\S)\1/g, '$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!~|])/g, '$1')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

test('plain text is what the link, tag and emphasis regexes made of it', () => {
  const pieces = [
    '*',
    '**',
    '_',
    '__',
    '~',
    '~~',
    '`',
    '[',
    ']',
    '(',
    ')',
    '![',
    '<',
    '>',
    ' ',
    'a',
    'b',
    '\n',
    '\\',
    '&nbsp;',
    '\u00a0',
    '\u2003',
    '\t',
    'é',
    '\ud83d',
    '\ude00',
  ];
  fc.assert(
    fc.property(fc.oneof(markup(pieces), fc.string({ unit: 'binary', maxLength: 30 })), (text) =>
      assert.equal(plainText(text), plainTextByRegex(text)),
    ),
    { numRuns: 20_000, seed: SEED },
  );
});

test('a web URL is what the URL regex said it was', () => {
  const pieces = ['http', 's', ':', '//', '/', '?', '#', 'a', '.', ' ', '\n', '\u00a0', 'H', 'TTP'];
  fc.assert(
    fc.property(markup(pieces), (text) => assert.equal(isWebUrl(text), /^https?:\/\/[^\s/?#]+[^\s]*$/i.test(text))),
    { numRuns: 5_000, seed: SEED },
  );
});
