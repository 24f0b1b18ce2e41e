// C0 controls but tab, line feed and carriage return; DEL; C1 controls. HTML forbids them in
// text, XML 1.0 in any document (a feed with one is not read at all), and a terminal obeys them.
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** The text without control characters other than tab and line breaks. */
export function withoutControls(text: string): string {
  return text.replace(CONTROLS, '');
}

/** A front matter value with control characters removed from every text inside it. */
export function valueWithoutControls(value: unknown): unknown {
  if (typeof value === 'string') return withoutControls(value);
  if (Array.isArray(value)) return value.map(valueWithoutControls);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, valueWithoutControls(v)]));
  }
  return value;
}
