const utf8 = new TextDecoder('utf-8', { fatal: true });

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
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, code: 'encoding', byte: firstInvalidByte(bytes) };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  return { ok: true, text };
}

/** Finds the first byte offset where UTF-8 decoding fails, for the message. */
function firstInvalidByte(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // Binary search on prefixes; a prefix cut inside a valid multi-byte char also fails, hence the slack.
  while (hi - lo > 4) {
    const mid = (lo + hi) >> 1;
    try {
      utf8.decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid;
    }
  }
  return lo;
}
