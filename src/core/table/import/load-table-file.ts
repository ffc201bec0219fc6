import { columnLetter } from "../a1";
import { detectSheet } from "../../schema/headers";
import type { SheetSpec } from "../../schema/types";
import { checkGrid, FileCapError, MAX_TABLE_FILE_BYTES } from "./caps";
import { decodeText, type Decoder, type DetectedEncoding } from "./decode-text";
import { parseCsv, type TableFile } from "./parse-csv";
import { readXlsx } from "./read-xlsx";

/** A file loaded for import: its grid, which canonical sheet its headers suggest, and how it was read. */
export interface LoadedTableFile extends TableFile {
  readonly format: "csv" | "xlsx";
  readonly encoding?: DetectedEncoding;
  /** The sheet its headers belong to (customers, orders, interactions, feedback), if recognisable. */
  readonly sheet?: SheetSpec;
}

/** Whether bytes start like a ZIP archive (XLSX is one). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Loads a CSV or XLSX file's bytes (told apart by content, not name) into a header row and data rows, and
 * recognises by its headers which sheet it holds. CSV text is decoded by {@link decodeText} with the
 * runtime's `decode`. Files past the caps of ./caps (10 MB, Sheets' 10,000,000 cells, 18,278 columns and
 * 50,000 characters a cell; for XLSX also the inflated size) throw a {@link FileCapError}.
 */
export function loadTableFile(bytes: Uint8Array, decode: Decoder): LoadedTableFile {
  if (bytes.length > MAX_TABLE_FILE_BYTES)
    throw new FileCapError("file-bytes", MAX_TABLE_FILE_BYTES, bytes.length);
  if (isZip(bytes)) {
    const grid = readXlsx(bytes);
    return { ...grid, format: "xlsx", sheet: detectSheet(grid.headers) };
  }
  const { text, encoding } = decodeText(bytes, decode);
  const grid = parseCsv(text);
  checkGrid([grid.headers, ...grid.rows], (r, c) =>
    r === 0 ? `header column ${columnLetter(c)}` : `line ${grid.lines[r - 1]}, column ${columnLetter(c)}`,
  );
  return { ...grid, format: "csv", encoding, sheet: detectSheet(grid.headers) };
}
