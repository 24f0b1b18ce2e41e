// Which SVG files under the content folder may be published. A browser opening an SVG runs its
// scripts on the site's origin, so an SVG is published only when nothing in it can run script:
// the only module importing htmlparser2 (the parser sanitize-html uses) and entities.

import { readFileSync } from 'node:fs';
import { decodeHTML } from 'entities';
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { error, type Problem, type SvgReason } from '../errors.js';
import type { ContentFile } from './walk.js';

/** Elements that run script, or bring in HTML or other documents that may. */
const ACTIVE_ELEMENTS = new Set([
  'script',
  'foreignobject',
  'handler',
  'listener',
  'iframe',
  'frame',
  'frameset',
  'embed',
  'object',
  'applet',
]);
const XHTML = 'http://www.w3.org/1999/xhtml';
/** URL schemes that run script. */
const SCRIPT_URL = /(?:java|vb)script:/;
/** Declarations that make the XML parser add text or attributes the markup does not show. */
const DECLARATION = /<!(?:ENTITY|ATTLIST)/i;

/** Why an SVG could run script: a reason the message tables word, and the name or value found, where one tells. */
export interface SvgRisk {
  risk: SvgReason;
  found?: string;
}

/**
 * Why an SVG could run script, or undefined when it cannot: a script or other active element,
 * an event-handler attribute, a `javascript:` URL (entities decoded and whitespace dropped, as a
 * browser reads it), a `<use>` of another file, a stylesheet transform, or its own entity or
 * attribute declarations. Names are compared without their prefix and case, more strictly than
 * XML would. One pass of htmlparser2's tokenizer, without its parser, whose stack of open
 * elements costs time in the square of their depth: linear in the file's length.
 */
export function scriptInSvg(text: string): SvgRisk | undefined {
  if (DECLARATION.test(text)) return { risk: 'declarations' };
  const scan = new SvgScan(text);
  const tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: false }, scan);
  tokenizer.write(text);
  tokenizer.end();
  return scan.found;
}

/** What the tokenizer tells, checked as it comes: the first reason found is kept. */
class SvgScan implements TokenizerCallbacks {
  found?: SvgRisk;
  private element = '';
  private attribute = '';
  private value = '';

  constructor(private readonly text: string) {}

  onopentagname(start: number, end: number): void {
    const name = this.text.slice(start, end);
    this.element = localName(name);
    if (ACTIVE_ELEMENTS.has(this.element)) this.found ??= { risk: 'element', found: name };
  }

  onattribname(start: number, end: number): void {
    this.attribute = this.text.slice(start, end);
    this.value = '';
  }

  onattribdata(start: number, end: number): void {
    this.value += this.text.slice(start, end);
  }

  onattribend(): void {
    this.found ??= attributeRisk(this.element, this.attribute, decodeHTML(this.value));
  }

  ondeclaration(start: number, end: number): void {
    const text = this.text.slice(start, end);
    if (/^doctype/i.test(text) && text.includes('[')) this.found ??= { risk: 'doctype' };
  }

  onprocessinginstruction(start: number, end: number): void {
    const text = this.text.slice(start, end);
    if (!/^xml(?=[\s?]|$)/i.test(text)) this.found ??= { risk: 'instruction', found: text.split(/[\s?]/, 1)[0] };
  }

  onattribentity(): void {}
  oncdata(): void {}
  onclosetag(): void {}
  oncomment(): void {}
  onend(): void {}
  onopentagend(): void {}
  onselfclosingtag(): void {}
  ontext(): void {}
  ontextentity(): void {}
}

/** Why an attribute (its name as written, its value decoded) of an element (its local name) could run script. */
function attributeRisk(element: string, name: string, value: string): SvgRisk | undefined {
  const attribute = localName(name);
  const trimmed = value.trim();
  if (attribute.startsWith('on')) return { risk: 'handler', found: name };
  if (SCRIPT_URL.test(value.replace(/[\u0000-\u0020]/g, '').toLowerCase())) return { risk: 'script-url', found: name };
  if (attribute === 'attributename' && trimmed.toLowerCase().startsWith('on'))
    return { risk: 'animated-handler', found: trimmed };
  if (element === 'use' && attribute === 'href' && trimmed && !trimmed.startsWith('#'))
    return { risk: 'use', found: trimmed };
  if ((attribute === 'xmlns' || name.toLowerCase().startsWith('xmlns:')) && trimmed === XHTML) return { risk: 'xhtml' };
  return undefined;
}

function localName(name: string): string {
  return name.slice(name.lastIndexOf(':') + 1).toLowerCase();
}

/**
 * The SVG files among `files` that could run script, each an error naming it; `known` tells a
 * file found safe by an earlier build, unchanged since, which is not read again.
 */
export function checkSvgFiles(files: readonly ContentFile[], known: (file: ContentFile) => boolean): Problem[] {
  const problems: Problem[] = [];
  for (const f of files) {
    if (!/\.svg$/i.test(f.path) || known(f)) continue;
    const risk = svgRisk(f.abs);
    if (risk) problems.push(error({ code: 'svg-script', file: f.file, params: { ...risk } }));
  }
  return problems;
}

/** Why the SVG at `abs` could run script, or undefined. */
function svgRisk(abs: string): SvgRisk | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(abs);
  } catch {
    // The walk found it readable (see walk.ts): gone or locked since, it is not copied either.
    return { risk: 'unreadable' };
  }
  // UTF-16 and UTF-32 hide markup from a byte-wise reading: refused rather than guessed at.
  if (bytes.includes(0) || (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe))
    return { risk: 'wide-encoding' };
  // Byte for byte: markup is ASCII in every encoding a browser reads SVG in.
  return scriptInSvg(bytes.toString('latin1'));
}
