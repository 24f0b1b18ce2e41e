import fc from 'fast-check';

/**
 * Generators of hostile input for the property tests: text that tries every way out of every
 * context warta writes into (HTML text and attributes, URLs, JSON in <script>, XML, YAML,
 * templates), and Markdown bodies full of raw HTML that tries to run script.
 */

/** Pieces that mean something in one of the contexts. */
export const FRAGMENTS = [
  '<',
  '>',
  '&',
  '"',
  "'",
  '`',
  '</script>',
  '<script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "' onmouseover='alert(1)",
  '<!--',
  '-->',
  ']]>',
  '<![CDATA[',
  '<xss>',
  '</textarea>',
  '&amp;',
  '&lt;',
  '&#60;',
  '&#x3c;',
  '{{ site.title }}',
  '{% raw %}',
  '{{',
  '}}',
  '${x}',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '\u2028',
  '\u2029',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u007f',
  '\ufeff',
  '\ufffe',
  '\u202e',
  '\u200b',
  ': ',
  ' #',
  '- ',
  '? ',
  '*a',
  '&a',
  '!!str',
  '|',
  '>-',
  '%',
  '@',
  '\\',
  '\\u0041',
  '\n',
  '\t',
  '  ',
  '---',
  '...',
  'Indonésia',
  'Ñ',
  'e\u0301',
  '中文新闻',
  'خبر',
  '🇮🇩',
  '👩‍👩‍👧',
  'İ',
  'ß',
];

/** Fragments that open markup, the ones most worth trying. */
const MARKUP = FRAGMENTS.filter((f) => f.includes('<'));

/** Hostile text: fragments (markup above all) mixed with arbitrary code points and graphemes. */
export const hostileText = fc
  .array(
    fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom(...MARKUP) },
      { weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 5 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) => parts.join(''));

/** How a value is written in YAML; `plain` often is not valid YAML, or not text, and must then be a clean error. */
export type YamlStyle = 'double' | 'single' | 'literal' | 'plain';
export const yamlStyle = fc.oneof(
  { weight: 12, arbitrary: fc.constant<YamlStyle>('double') },
  { weight: 1, arbitrary: fc.constantFrom<YamlStyle>('single', 'literal', 'plain') },
);

/** A YAML scalar in the given style, for a key at the top level. */
export function yamlScalar(value: string, style: YamlStyle): string {
  switch (style) {
    case 'double':
      return JSON.stringify(value);
    case 'single':
      return `'${value.replace(/'/g, "''")}'`;
    case 'literal':
      return `|-\n${value
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n')}`;
    case 'plain':
      return value;
  }
}

/** Raw HTML an editor, or an attacker with an editor's account, might paste into a body. */
export const HTML_SNIPPETS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<iframe src="https://evil.example/"></iframe>',
  '<iframe src="https://www.youtube.com/embed/abc" width="560" height="315" allowfullscreen></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<img src=x onerror=alert(1)>',
  '<img src="data:image/png;base64,iVBORw0KGgo=" alt="ok">',
  '<img srcset="javascript:alert(1) 1x">',
  '<a href="javascript:alert(1)">a</a>',
  '<a href="&#106;avascript:alert(1)">b</a>',
  '<a href=" javascript:alert(1)">c</a>',
  '<a href="java\tscript:alert(1)">d</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD4=">e</a>',
  '<a href="vbscript:msgbox(1)">f</a>',
  '<a href="https://example.com/" target="_blank">g</a>',
  '<svg onload=alert(1)><circle/></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<style>body{display:none}</style>',
  '<object data="x.swf"></object>',
  '<embed src="x.swf">',
  '<form action="javascript:alert(1)"><input type=submit></form>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<div style="background:url(javascript:alert(1))">h</div>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="https://evil.example/">',
  '<link rel=stylesheet href=//evil.example/x.css>',
  '<template><script>alert(1)</script></template>',
  '<textarea><script>alert(1)</script></textarea>',
  '<details open ontoggle=alert(1)><summary>s</summary></details>',
  '<video controls><source src=x onerror=alert(1)></video>',
  '<!-- <script>alert(1)</script> -->',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<?xml version="1.0"?>',
  '</p><script>alert(1)</script><p>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<table><tr><td style="text-align:center;color:red" onclick=x>t</td></tr></table>',
  '<p id="x" class="y" title="z" onclick="alert(1)">p</p>',
  '<b>tebal</b> <i>miring</i>',
  '<a name="anchor"></a>',
  '<img src="x" alt="\'" title=\'"\'>',
];

/** Link targets, good and bad. */
const HREFS = [
  '/2025/04/02/ada/',
  '/tidak-ada/',
  'relatif.md',
  '../lain.md',
  'javascript:alert(1)',
  'JAVASCRIPT:alert(1)',
  'data:text/html,x',
  'https://example.com/a?b=1&c=<d>',
  '#bagian',
  '"onmouseover=alert(1)',
  '<javascript:alert(1)>',
  'mailto:redaksi@example.com',
];

/** One block of Markdown. */
const block = fc.oneof(
  hostileText.map((t) => t.replace(/\n/g, ' ')),
  hostileText.map((t) => `## ${t.replace(/\n/g, ' ')}`),
  fc.constantFrom(...HTML_SNIPPETS),
  fc
    .tuple(hostileText, fc.constantFrom(...HREFS))
    .map(
      ([t, h]) => `Teks [${t.replace(/[\n[\]]/g, ' ')}](${h}) dan ![${t.replace(/[\n[\]]/g, ' ')}](${h}) dan <${h}>`,
    ),
  fc.tuple(fc.constantFrom(...HTML_SNIPPETS), hostileText).map(([h, t]) => `Sebaris ${h} ${t.replace(/\n/g, ' ')}`),
  hostileText.map((t) => `\`\`\`html\n${t}\n<script>alert(1)</script>\n\`\`\``),
  hostileText.map((t) => `> ${t.replace(/\n/g, ' ')}\n> <script>alert(1)</script>`),
  fc
    .tuple(hostileText, fc.constantFrom(...HTML_SNIPPETS))
    .map(([t, h]) => `| a | b |\n|---|---|\n| ${t.replace(/[\n|]/g, ' ')} | ${h.replace(/\|/g, ' ')} |`),
  hostileText.map((t) => `- ${t.replace(/\n/g, ' ')}\n- \`<script>\`\n- **${t.replace(/\n/g, ' ')}**`),
);

/** A Markdown body of a few blocks (without NUL: a binary file is another test's business). */
export const hostileBody = fc
  .array(block, { minLength: 0, maxLength: 6 })
  .map((blocks) => `${blocks.join('\n\n').replace(/\0/g, '')}\n`);
