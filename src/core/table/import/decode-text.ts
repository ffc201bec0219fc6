/** Turns bytes into text in a named encoding; each runtime brings its own (TextDecoder, Blob). */
export type Decoder = (bytes: Uint8Array, encoding: "utf-8" | "utf-16le" | "utf-16be" | "gb18030") => string;

/** The encoding a text file was saved in, as far as its bytes tell. */
export type DetectedEncoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "gb18030";

/** Whether bytes are well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return false;
    if (i + need >= bytes.length) return false;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}

/**
 * Which encoding a CSV's bytes are in: a byte-order mark decides (UTF-8, UTF-16 LE/BE); otherwise valid
 * UTF-8 is UTF-8 (plain ASCII included), and anything else is taken as GB18030, the superset of GBK and
 * GB2312 that Chinese Excel writes with "CSV (逗号分隔)".
 */
export function detectEncoding(bytes: Uint8Array): DetectedEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8-bom";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return isValidUtf8(bytes) ? "utf-8" : "gb18030";
}

/** Decodes a text file's bytes with {@link detectEncoding}'s choice, dropping any byte-order mark. */
export function decodeText(bytes: Uint8Array, decode: Decoder): { text: string; encoding: DetectedEncoding } {
  const encoding = detectEncoding(bytes);
  const body =
    encoding === "utf-8-bom" ? bytes.subarray(3) : encoding.startsWith("utf-16") ? bytes.subarray(2) : bytes;
  const text = decode(body, encoding === "utf-8-bom" ? "utf-8" : encoding);
  return { text: text.replace(/^\uFEFF/, ""), encoding };
}
