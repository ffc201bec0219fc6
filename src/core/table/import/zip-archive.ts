import { Inflate, strFromU8 } from "fflate";
import { FileCapError } from "./caps";

/**
 * A zip archive read from its central directory (https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT),
 * so each part's declared size is known before anything is inflated, and only the parts asked for are.
 */

/** One entry of the central directory. */
export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly compressedSize: number;
  /** The uncompressed size the directory declares (checked while inflating: the archive may lie). */
  readonly size: number;
  /** Where the entry's local header starts. */
  readonly offset: number;
}

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + b[i + 3] * 0x1000000;
const u64 = (b: Uint8Array, i: number) => u32(b, i) + u32(b, i + 4) * 0x100000000;

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

/** Compressed bytes given to the inflater at a time: at deflate's 1032:1 at most ~8 MB come out of each. */
const PUSH_BYTES = 8 * 1024;

function broken(why: string): Error {
  return new Error(`not an XLSX workbook: ${why}`);
}

function endOfDirectory(bytes: Uint8Array): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const last = Math.max(0, bytes.length - 22 - MAX16);
  for (let i = bytes.length - 22; i >= last; i--) if (u32(bytes, i) === END_OF_DIRECTORY) return i;
  throw broken("no zip directory found");
}

/** Sizes and offset from a zip64 extra field, for those the entry marks 0xFFFFFFFF. */
function zip64Sizes(bytes: Uint8Array, at: number, end: number, entry: ZipEntry): ZipEntry {
  for (let e = at; e + 4 <= end; e += 4 + u16(bytes, e + 2)) {
    if (u16(bytes, e) !== 1) continue;
    let p = e + 4;
    const next = (v: number) => {
      if (v !== MAX32) return v;
      const n = u64(bytes, p);
      p += 8;
      return n;
    };
    const size = next(entry.size);
    const compressedSize = next(entry.compressedSize);
    return { ...entry, size, compressedSize, offset: next(entry.offset) };
  }
  return entry;
}

/** The entries of a zip archive's central directory; throws on bytes that are not one. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const eocd = endOfDirectory(bytes);
  let count = u16(bytes, eocd + 10);
  let at = u32(bytes, eocd + 16);
  if ((count === MAX16 || at === MAX32) && eocd >= 20 && u32(bytes, eocd - 20) === ZIP64_LOCATOR) {
    const z = u64(bytes, eocd - 12);
    if (u32(bytes, z) !== ZIP64_END) throw broken("damaged zip64 directory");
    count = u64(bytes, z + 32);
    at = u64(bytes, z + 48);
  }
  const entries: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== DIRECTORY_ENTRY) throw broken("damaged zip directory");
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const name = strFromU8(bytes.subarray(at + 46, at + 46 + nameLength), !(u16(bytes, at + 8) & 0x800));
    const entry: ZipEntry = {
      name,
      method: u16(bytes, at + 10),
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      offset: u32(bytes, at + 42),
    };
    const extra = at + 46 + nameLength;
    entries.push(
      entry.size === MAX32 || entry.compressedSize === MAX32 || entry.offset === MAX32
        ? zip64Sizes(bytes, extra, extra + extraLength, entry)
        : entry,
    );
    at = extra + extraLength + u16(bytes, at + 32);
  }
  return entries;
}

/**
 * The uncompressed bytes of one entry, never more than its declared size: the inflater gets the data a
 * few KB at a time and stops with a {@link FileCapError} as soon as the output passes the declared size,
 * so a forged directory cannot make it inflate (or spend time on) more than the caller checked.
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const at = entry.offset;
  if (at + 30 > bytes.length || u32(bytes, at) !== LOCAL_HEADER) throw broken(`damaged entry ${entry.name}`);
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length < entry.compressedSize) throw broken(`truncated entry ${entry.name}`);
  if (entry.method === 0) {
    if (data.length > entry.size)
      throw new FileCapError("size-mismatch", entry.size, data.length, entry.name);
    return data.slice();
  }
  if (entry.method !== 8) throw broken(`unknown compression ${entry.method} in ${entry.name}`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > entry.size) throw new FileCapError("size-mismatch", entry.size, total, entry.name);
    chunks.push(chunk);
  });
  if (data.length === 0) inflater.push(new Uint8Array(0), true);
  for (let i = 0; i < data.length; i += PUSH_BYTES)
    inflater.push(data.subarray(i, i + PUSH_BYTES), i + PUSH_BYTES >= data.length);
  const out = new Uint8Array(total);
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}
