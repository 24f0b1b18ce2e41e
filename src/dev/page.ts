// What `warta dev` adds to HTML responses at serve time: the live-reload client and, after a
// failed rebuild, the error overlay. The files on disk are never touched, and `warta build`
// output never contains any of this.

import type { Problem } from '../errors.js';
import { formatProblem } from '../messages/format.js';
import { messages, type Lang } from '../messages/index.js';

/** The Server-Sent Events endpoint the client listens on. */
export const EVENTS_PATH = '/__warta/events';

/** The overlay element's id (the browser test looks for it). */
export const OVERLAY_ID = 'warta-dev-overlay';

/** Errors listed in the overlay; the rest are counted (the terminal has them all). */
const MAX_LISTED = 50;

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The overlay listing a failed rebuild's errors (`file:line:col field: message`, escaped),
 * or undefined when there are none. Inline styles only, so the site's CSS cannot hide it.
 */
export function overlayHtml(problems: readonly Problem[], lang: Lang): string | undefined {
  const errors = problems.filter((p) => p.severity === 'error');
  if (!errors.length) return undefined;
  const texts = messages(lang).dev.overlay;
  const items = errors
    .slice(0, MAX_LISTED)
    .map(
      (p) =>
        `<li style="margin:0 0 .6em;white-space:pre-wrap;overflow-wrap:anywhere">${escapeHtml(formatProblem(p, lang))}</li>`,
    )
    .join('');
  const more =
    errors.length > MAX_LISTED ? `<p style="margin:0">${escapeHtml(texts.more(errors.length - MAX_LISTED))}</p>` : '';
  return (
    `<div id="${OVERLAY_ID}" role="alert" style="position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(24,24,27,.94);color:#fafafa;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2em 1.5em;text-align:left">` +
    `<div style="max-width:60em;margin:0 auto">` +
    `<button type="button" data-warta-dismiss aria-label="${escapeHtml(texts.hide)}" title="${escapeHtml(texts.hideTitle)}" style="float:right;font:inherit;font-size:20px;line-height:1;background:none;color:inherit;border:1px solid #71717a;border-radius:4px;padding:.1em .5em;cursor:pointer">×</button>` +
    `<p style="margin:0 0 1em;color:#fca5a5;font-weight:bold">${escapeHtml(texts.title(errors.length))}</p>` +
    `<ul style="margin:0 0 1em;padding:0 0 0 1.2em;color:#fecaca">${items}</ul>${more}` +
    `<p style="margin:1em 0 0;color:#a1a1aa">${escapeHtml(texts.footer)}</p>` +
    `</div></div>`
  );
}

/**
 * The live-reload client. It knows the build version its page was served from: on (re)connecting
 * the server sends its current state, and a newer version means a rebuild happened meanwhile.
 */
function clientScript(version: string, lang: Lang): string {
  return `<script>(function () {
  var version = ${JSON.stringify(version)};
  function overlay(html) {
    var old = document.getElementById(${JSON.stringify(OVERLAY_ID)});
    if (old) old.parentNode.removeChild(old);
    if (!html) return;
    var box = document.createElement('div');
    box.innerHTML = html;
    if (box.firstChild) document.body.appendChild(box.firstChild);
  }
  document.addEventListener('click', function (e) {
    var t = e.target;
    if (t && t.closest && t.closest('[data-warta-dismiss]')) overlay('');
  });
  if (!window.EventSource) return;
  var events = new EventSource(${JSON.stringify(EVENTS_PATH)});
  events.addEventListener('state', function (e) {
    var state = JSON.parse(e.data);
    if (state.version !== version) location.reload();
    else overlay(state.overlay);
  });
  events.addEventListener('reload', function () { location.reload(); });
  events.addEventListener('error', function () {
    if (events.readyState === 2) console.warn(${scriptString(messages(lang).dev.liveReloadOff)});
  });
  events.addEventListener('problems', function (e) { overlay(JSON.parse(e.data).overlay); });
})();</script>`;
}

/** A string as a script literal: JSON, with `<` escaped so no text can close the script element. */
function scriptString(text: string): string {
  return JSON.stringify(text).replace(/</g, '\\u003c');
}

/** Adds the client (and the overlay, if any) before the page's last `</body>`, or at its end; the client speaks `lang`. */
export function injectDev(html: string, version: string, overlay: string | undefined, lang: Lang): string {
  const addition = `${overlay ?? ''}${clientScript(version, lang)}\n`;
  const at = html.toLowerCase().lastIndexOf('</body>');
  return at < 0 ? html + addition : html.slice(0, at) + addition + html.slice(at);
}

/** The page served for a missing file when the site has no `404.html` (yet), in `lang`. */
export function fallback404(lang: Lang): string {
  const { lang: code, title, text } = messages(lang).dev.notFound;
  return `<!doctype html>
<html lang="${code}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>
`;
}
