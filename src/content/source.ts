/** A decoded source file, or why it could not be decoded. */
export type DecodedSource = { ok: true; text: string } | { ok: false; code: 'encoding' | 'binary'; byte?: number };

/**
 * Decodes an article file to the text every later stage agrees on: UTF-8, BOM removed,
 * CRLF made LF. Offsets into the body are offsets into this text.
 */
export function decodeSource(bytes: Uint8Array): DecodedSource {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, code: 'encoding' };
  }
  if (bytes.includes(0)) {
    return { ok: false, code: 'binary' };
  }
  let text: string;
  try {
    text = utf8().decode(bytes);
  } catch {
    return { ok: false, code: 'encoding', byte: firstInvalidByte(bytes) };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  return { ok: true, text };
}

/**
 * A decoder of its own for each use: a decoder left in the middle of a stream (as a failed
 * file leaves one) would decode the next file as that stream's continuation.
 */
function utf8(): TextDecoder {
  return new TextDecoder('utf-8', { fatal: true });
}

/**
 * The byte offset where the first invalid sequence starts. The longest prefix that decodes as
 * the start of a stream ends at the byte that cannot continue it; the sequence that byte breaks
 * began at the longest prefix, at most three bytes shorter, that decodes whole.
 */
function firstInvalidByte(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (decodes(bytes.subarray(0, mid), true)) lo = mid;
    else hi = mid;
  }
  for (let start = lo; start > lo - 3 && start > 0; start--) if (decodes(bytes.subarray(0, start), false)) return start;
  return Math.max(0, lo - 3);
}

function decodes(bytes: Uint8Array, stream: boolean): boolean {
  try {
    utf8().decode(bytes, { stream });
    return true;
  } catch {
    return false;
  }
}
