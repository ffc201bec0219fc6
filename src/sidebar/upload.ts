/**
 * Getting a chosen file to the server: the sidebar does not parse files itself (it may import only the
 * shared contract), it sends the bytes as base64 to parseImportFile, which reads CSV in any encoding and
 * XLSX with the project's core reader.
 */

/** Same limit as the server's (src/gas/table/parse-file.ts): refuse early instead of after an upload. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** What the file input offers; the server tells CSV from XLSX by content, the name only filters. */
export const ACCEPT = ".csv,.txt,.tsv,.xlsx";

/** Whether a file name is one the wizard takes (by extension, case-insensitive). */
export function isAcceptedName(name: string): boolean {
  return /\.(csv|txt|tsv|xlsx)$/i.test(name);
}

/** Bytes per String.fromCharCode call: big enough to be fast, small enough for the argument limit. */
const SLICE = 0x8000;

/** Base64 of bytes, with btoa over binary strings built a slice at a time (no stack overflow on MBs). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += SLICE)
    binary += String.fromCharCode(...bytes.subarray(i, i + SLICE));
  return btoa(binary);
}

/**
 * UTF-8 bytes of each staged chunk's JSON. The server cuts a chunk into cache pieces of at most 90,000
 * bytes (CacheService allows 100 KB a value, in bytes: a Chinese character is three) and takes at most
 * 1,000,000 bytes a call (src/gas/table/import.ts); chunks stay under that with room for the wrapper.
 */
export const CHUNK_BYTES = 900_000;

const encoder = new TextEncoder();

/**
 * Bytes `text` takes in UTF-8, as the server counts them (core/table/import/utf8-size.ts: a lone surrogate
 * is U+FFFD's three bytes, as TextEncoder writes it).
 */
export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

type Row = readonly unknown[];

/**
 * Splits parsed rows into chunks of at most `maxBytes` UTF-8 bytes of JSON each (a single larger row goes
 * alone), with their file line numbers (`lines` as the parser counted them; by default header on line 1
 * and no blank lines). Rows and line numbers are counted as they travel: `{"rows":[…],"lines":[…]}`.
 */
export function chunkRows<R extends Row>(
  rows: readonly R[],
  maxBytes = CHUNK_BYTES,
  lines: readonly number[] = rows.map((_, i) => i + 2),
): { rows: R[]; lines: number[] }[] {
  const wrapper = utf8Length('{"rows":[],"lines":[]}');
  const chunks: { rows: R[]; lines: number[] }[] = [];
  let current = { rows: [] as R[], lines: [] as number[] };
  let bytes = wrapper;
  rows.forEach((row, i) => {
    // The row, its comma, and its line number with its comma.
    const size = utf8Length(JSON.stringify(row)) + 1 + String(lines[i]).length + 1;
    if (current.rows.length && bytes + size > maxBytes) {
      chunks.push(current);
      current = { rows: [], lines: [] };
      bytes = wrapper;
    }
    current.rows.push(row);
    current.lines.push(lines[i]);
    bytes += size;
  });
  if (current.rows.length) chunks.push(current);
  return chunks;
}
