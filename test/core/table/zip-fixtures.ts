import { deflateRawSync, constants } from "node:zlib";
import { strToU8, zipSync } from "fflate";

/** One part of a hand-made zip: its bytes as stored, how, and the uncompressed size to declare. */
export interface Part {
  readonly name: string;
  readonly data: Uint8Array;
  /** 0 stored, 8 deflated. */
  readonly method: 0 | 8;
  /** What the directory declares (may lie). */
  readonly size: number;
}

/**
 * A zip written by hand (local headers, central directory, end record), so a test can declare any size:
 * the CRC is left 0 (the reader under test does not check it; nothing else reads these files).
 */
export function zipOf(parts: readonly Part[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = strToU8(p.name);
    const local = new Uint8Array(30 + name.length);
    const l = new DataView(local.buffer);
    l.setUint32(0, 0x04034b50, true);
    l.setUint16(4, 20, true);
    l.setUint16(8, p.method, true);
    l.setUint32(18, p.data.length, true);
    l.setUint32(22, p.size, true);
    l.setUint16(26, name.length, true);
    local.set(name, 30);
    const entry = new Uint8Array(46 + name.length);
    const c = new DataView(entry.buffer);
    c.setUint32(0, 0x02014b50, true);
    c.setUint16(4, 20, true);
    c.setUint16(6, 20, true);
    c.setUint16(10, p.method, true);
    c.setUint32(20, p.data.length, true);
    c.setUint32(24, p.size, true);
    c.setUint16(28, name.length, true);
    c.setUint32(42, offset, true);
    entry.set(name, 46);
    chunks.push(local, p.data);
    central.push(entry);
    offset += local.length + p.data.length;
  }
  const directorySize = central.reduce((n, e) => n + e.length, 0);
  const end = new Uint8Array(22);
  const e = new DataView(end.buffer);
  e.setUint32(0, 0x06054b50, true);
  e.setUint16(8, parts.length, true);
  e.setUint16(10, parts.length, true);
  e.setUint32(12, directorySize, true);
  e.setUint32(16, offset, true);
  const all = [...chunks, ...central, end];
  const out = new Uint8Array(all.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of all) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

/**
 * A raw deflate stream of `mib` MiB of zero bytes, ~1 KB per MiB: one MiB compressed once, ended by a sync
 * flush (byte-aligned, not final), repeated, then an empty final block. 400 MiB fit in ~410 KB.
 */
export function zeroBomb(mib: number): Uint8Array {
  const segment = deflateRawSync(Buffer.alloc(1 << 20), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  return new Uint8Array(Buffer.concat([...Array<Buffer>(mib).fill(segment), Buffer.from([0x03, 0x00])]));
}

/** The workbook parts every test XLSX shares: one sheet, sheet1.xml. */
export const WORKBOOK_PARTS = {
  "xl/workbook.xml":
    '<workbook xmlns:r="r"><sheets><sheet name="Customers" sheetId="1" r:id="rId1"/></sheets></workbook>',
  "xl/_rels/workbook.xml.rels":
    '<Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
};

/** An XLSX (deflated by fflate) whose first sheet's rows are `rowsXml`, with optional shared strings. */
export function xlsxWithRows(rowsXml: string, sharedXml?: string): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(WORKBOOK_PARTS)) files[k] = strToU8(v);
  if (sharedXml !== undefined) files["xl/sharedStrings.xml"] = strToU8(sharedXml);
  files["xl/worksheets/sheet1.xml"] = strToU8(`<worksheet><sheetData>${rowsXml}</sheetData></worksheet>`);
  return zipSync(files, { level: 9 });
}
