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
