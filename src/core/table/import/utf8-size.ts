/**
 * Sizes of text in UTF-8 bytes, the unit Apps Script's storage limits are stated in (CacheService: 100 KB
 * per value; properties: 9 KB per value), while JavaScript lengths count UTF-16 units: a Chinese character
 * is one unit but three bytes.
 */

/** The number of bytes `text` takes in UTF-8 (a lone surrogate counts as U+FFFD's three). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Splits `text` into consecutive pieces of at most `maxBytes` UTF-8 bytes each (joined, they give `text`
 * back), never between the two halves of a surrogate pair. `maxBytes` must be at least 4.
 */
export function splitUtf8(text: string, maxBytes: number): string[] {
  if (!(maxBytes >= 4)) throw new RangeError(`maxBytes must be at least 4, not ${maxBytes}`);
  const pieces: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    const pair =
      c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const size = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    const units = pair ? 2 : 1;
    if (bytes + size > maxBytes) {
      pieces.push(text.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += size;
    i += units;
  }
  if (start < text.length || pieces.length === 0) pieces.push(text.slice(start));
  return pieces;
}
