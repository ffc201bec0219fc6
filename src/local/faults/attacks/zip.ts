/**
 * Hostile archives for the input attacks: a tiny XLSX naming a far cell, and zips whose directory may lie
 * about a part's inflated size (written by hand, so any size can be declared).
 */
import { constants, deflateRawSync } from "node:zlib";
import { strToU8, zipSync } from "fflate";

/** One part of a hand-made zip: its bytes as stored, how (0 stored, 8 deflated), the size to declare. */
export interface ZipPart {
  readonly name: string;
  readonly data: Uint8Array;
  readonly method: 0 | 8;
  readonly size: number;
}

const WORKBOOK_PARTS: Readonly<Record<string, string>> = {
  "xl/workbook.xml":
    '<workbook xmlns:r="r"><sheets><sheet name="Customers" sheetId="1" r:id="rId1"/></sheets></workbook>',
  "xl/_rels/workbook.xml.rels":
    '<Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
};

/** An XLSX whose one sheet's rows are `rowsXml`. */
export function xlsxWithRows(rowsXml: string): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(WORKBOOK_PARTS)) files[k] = strToU8(v);
  files["xl/worksheets/sheet1.xml"] = strToU8(`<worksheet><sheetData>${rowsXml}</sheetData></worksheet>`);
  return zipSync(files, { level: 9 });
}

/** The workbook parts, stored, as parts of a hand-made zip. */
export function workbookParts(): ZipPart[] {
  return Object.entries(WORKBOOK_PARTS).map(([name, text]) => {
    const data = strToU8(text);
    return { name, data, method: 0, size: data.length };
  });
}

/**
 * The fields a local header (from byte 4) and its central directory entry (from byte 6) share, at the same
 * distances: version needed, method, compressed and inflated sizes, name length (APPNOTE.TXT 4.3.7, 4.3.12).
 */
function writeSharedFields(view: DataView, from: number, part: ZipPart, nameLength: number): void {
  view.setUint16(from, 20, true);
  view.setUint16(from + 4, part.method, true);
  view.setUint32(from + 14, part.data.length, true);
  view.setUint32(from + 18, part.size, true);
  view.setUint16(from + 22, nameLength, true);
}

/** A zip of `parts`: local headers, central directory, end record (CRCs left 0). */
export function zipOf(parts: readonly ZipPart[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = strToU8(p.name);
    const local = new Uint8Array(30 + name.length);
    const l = new DataView(local.buffer);
    l.setUint32(0, 0x04034b50, true);
    writeSharedFields(l, 4, p, name.length);
    local.set(name, 30);
    const entry = new Uint8Array(46 + name.length);
    const c = new DataView(entry.buffer);
    c.setUint32(0, 0x02014b50, true);
    c.setUint16(4, 20, true); // version made by
    writeSharedFields(c, 6, p, name.length);
    c.setUint32(42, offset, true);
    entry.set(name, 46);
    chunks.push(local, p.data);
    central.push(entry);
    offset += local.length + p.data.length;
  }
  const end = new Uint8Array(22);
  const e = new DataView(end.buffer);
  e.setUint32(0, 0x06054b50, true);
  e.setUint16(8, parts.length, true);
  e.setUint16(10, parts.length, true);
  e.setUint32(
    12,
    central.reduce((n, x) => n + x.length, 0),
    true,
  );
  e.setUint32(16, offset, true);
  return Buffer.concat([...chunks, ...central, end]);
}

/**
 * Raw deflate of `mib` MiB of zeros in ~1 KB per MiB: one MiB compressed once and ended by a sync flush
 * (byte-aligned, not final), repeated, then an empty final block.
 */
export function zeroBomb(mib: number): Uint8Array {
  const segment = deflateRawSync(Buffer.alloc(1 << 20), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  return new Uint8Array(Buffer.concat([...Array<Buffer>(mib).fill(segment), Buffer.from([0x03, 0x00])]));
}
