import assert from 'node:assert/strict';
import { test } from 'node:test';
import { problemsGithub, problemsJson } from '../../src/build/check.js';
import { error, warning } from '../../src/errors.js';
import { formatProblem } from '../../src/messages/format.js';

test('control characters in file names and messages are shown escaped, never sent to the terminal', () => {
  const p = error({
    code: 'image',
    file: 'content/a\u001b[2J\nb\r.md',
    line: 3,
    field: 'title',
    params: { value: '"\u009b1m\u007f\tz"' },
  });
  const line = formatProblem(p, 'en');
  assert.equal(
    line,
    'content/a\\x1b[2J\\nb\\r.md:3 title: expected a path inside the site (like "/images/foto.jpg") or an http(s) URL, got "\\x9b1m\\x7f\\tz"',
  );
  assert.doesNotMatch(line, /[\u0000-\u001f\u007f-\u009f]/);
});

test('JSON problems escape DEL and C1 controls as well as C0, and read back the same', () => {
  const file = 'content/a\u001b\u009b\u007f.md';
  const json = problemsJson([error({ code: 'missing', file })], 'id');
  assert.doesNotMatch(json, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  assert.equal((JSON.parse(json) as { file: string }[])[0]!.file, file);
});

test('GitHub annotations escape what GitHub asks, and show control characters escaped', () => {
  const file = 'content/a,b:c\u001b.md';
  const out = problemsGithub(
    [
      error({ code: 'missing', file, line: 3, field: 'byline' }),
      warning({ code: 'html-dropped', file: 'content/x.md', line: 9, params: { kind: 'element', tag: 'script' } }),
    ],
    'en',
  );
  assert.equal(
    out,
    [
      '::error file=content/a%2Cb%3Ac\\x1b.md,line=3,title=missing::byline: required field is missing',
      '::warning file=content/x.md,line=9,title=html-dropped::raw HTML dropped by the sanitiser: <script> element',
      '',
    ].join('\n'),
  );
  assert.doesNotMatch(out, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
});
