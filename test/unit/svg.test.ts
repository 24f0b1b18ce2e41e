import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkSvgFiles, scriptInSvg } from '../../src/content/svg.js';
import { problemMessage } from '../../src/messages/format.js';
import { messages } from '../../src/messages/index.js';

const svg = (inner: string, attrs = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"${attrs}>${inner}</svg>`;

test('SVGs that hold nothing that runs script pass', () => {
  const safe = [
    svg('<rect width="4" height="3" fill="#c00"/>'),
    `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n${svg('<title>Grafik: harga beras naik, onload turun</title>')}`,
    svg('<defs><path id="p" d="M0 0h4"/></defs><use href="#p"/><use xlink:href=" #p "/>'),
    svg('<a href="https://warta.example/2025/04/02/x/"><text>Baca</text></a>'),
    svg('<style>rect { fill: url(#g); }</style><image href="data:image/png;base64,iVBORw0KGgo="/>'),
    svg(
      '<sodipodi:namedview xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" inkscape:zoom="1"/><metadata><rdf:RDF/></metadata>',
    ),
    svg('<animate attributeName="opacity" values="0;1" dur="1s"/>'),
    svg('<![CDATA[ <script>alert(1)</script> ]]><!-- <script>alert(1)</script> -->'),
  ];
  for (const text of safe) assert.equal(scriptInSvg(text), undefined, text);
});

test('SVGs that can run script are refused, however the script is spelled', () => {
  const hostile: [string, RegExp][] = [
    [svg('<script>alert(document.domain)</script>'), /<script> element/],
    [svg('<SCRIPT>alert(1)</SCRIPT>'), /<SCRIPT> element/],
    [svg('<svg:script xmlns:svg="http://www.w3.org/2000/svg">alert(1)</svg:script>'), /<svg:script> element/],
    // In XML a title holds elements: the script runs.
    [svg('<title><script>alert(1)</script></title>'), /<script> element/],
    [svg('<rect/>', ' onload="alert(1)"'), /event-handler attribute \(onload\)/],
    [svg('<rect ONCLICK="alert(1)"/>'), /event-handler attribute \(ONCLICK\)/],
    [svg('<rect x:onmouseover="alert(1)" xmlns:x="http://www.w3.org/2000/svg"/>'), /event-handler attribute/],
    [svg('<a href="javascript:alert(1)"><text>x</text></a>'), /script URL in href/],
    [svg('<a xlink:href="JaVaScRiPt:alert(1)"><text>x</text></a>'), /script URL in xlink:href/],
    [svg('<a href=" java\tscript:alert(1)">x</a>'), /script URL/],
    [svg('<a href="&#106;ava&#x73;cript&#58;alert(1)">x</a>'), /script URL/],
    [svg('<a href="java&#x09;script&colon;alert(1)">x</a>'), /script URL/],
    [svg('<a href="java&Tab;script:alert(1)">x</a>'), /script URL/],
    [svg('<animate attributeName="href" values="#a;javascript:alert(1)"/>'), /script URL in values/],
    [svg('<set attributeName="onclick" to="alert(1)"/>'), /animation of an event handler/],
    [
      svg('<foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><img src="x"/></body></foreignObject>'),
      /<foreignObject> element/,
    ],
    [svg('<h:img xmlns:h="http://www.w3.org/1999/xhtml" src="x"/>'), /XHTML namespace/],
    [svg('<iframe src="https://evil.example/"/>'), /<iframe> element/],
    [svg('<use href="https://evil.example/sprite.svg#a"/>'), /<use> of another file/],
    [svg('<use xlink:href="data:image/svg+xml,&lt;svg onload=alert(1)&gt;#a"/>'), /<use> of another file/],
    [
      `<!DOCTYPE svg [ <!ENTITY x "&#60;script&#62;alert(1)&#60;/script&#62;"> ]>${svg('&x;')}`,
      /entity or attribute declarations/,
    ],
    [`<!DOCTYPE svg [ <!attlist svg onload CDATA "alert(1)"> ]>${svg('')}`, /entity or attribute declarations/],
    [`<!DOCTYPE svg [ <!ELEMENT svg ANY> ]>${svg('')}`, /declarations in the DOCTYPE/],
    [`<?xml-stylesheet href="x.xsl" type="text/xsl"?>${svg('')}`, /processing instruction/],
  ];
  const told = (text: string) => {
    const risk = scriptInSvg(text);
    return risk ? messages('en').svg[risk.risk]({ ...risk }) : 'passed';
  };
  for (const [text, why] of hostile) assert.match(told(text), why, text);
});

test('deep nesting and long or many attributes are checked, not choked on', () => {
  // A parser's stack of open elements, kept by shifting an array, takes seconds over this nesting; the tokenizer alone, a fraction of one.
  const deep = svg('<g>'.repeat(100_000) + '</g>'.repeat(100_000));
  const long = svg(`<a href="${'java'.repeat(250_000)}">x</a><rect${' a="1"'.repeat(50_000)}/>`);
  assert.equal(scriptInSvg(deep), undefined);
  assert.equal(scriptInSvg(long), undefined);
});

test('SVG files are read and checked unless known safe; other files are not read', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'warta-svg-'));
  try {
    const file = (path: string) => ({ path, file: `content/${path}`, abs: join(dir, path), stamp: '1:1' });
    await writeFile(join(dir, 'buruk.SVG'), svg('<script>alert(1)</script>'));
    await writeFile(join(dir, 'baik.svg'), svg('<rect/>'));
    await writeFile(join(dir, 'diketahui.svg'), svg('<script>alert(1)</script>'));
    await writeFile(join(dir, 'utf16.svg'), Buffer.from(`\ufeff${svg('<script>alert(1)</script>')}`, 'utf16le'));
    const files = ['baik.svg', 'buruk.SVG', 'diketahui.svg', 'utf16.svg', 'tidak-ada.jpg'].map(file);
    const problems = checkSvgFiles(files, (f) => f.path === 'diketahui.svg');
    assert.deepEqual(
      problems.map((p) => [p.severity, p.code, p.file]),
      [
        ['error', 'svg-script', 'content/buruk.SVG'],
        ['error', 'svg-script', 'content/utf16.svg'],
      ],
    );
    assert.equal(
      problemMessage(problems[0]!, 'en'),
      'an SVG that can run script on the site is not published: it holds a <script> element (remove it, or export the image again as plain SVG or PNG)',
    );
    assert.match(problemMessage(problems[1]!, 'id'), /\(ditemukan: teks UTF-16 atau UTF-32, yang tidak diperiksa\)/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
