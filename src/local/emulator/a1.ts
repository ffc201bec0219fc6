import { columnIndex, columnLetter } from "../../core/table/a1";

/** A rectangle of cells, 1-based and inclusive-exclusive free: row/column of the top-left, and size. */
export interface Rect {
  readonly row: number;
  readonly column: number;
  readonly numRows: number;
  readonly numColumns: number;
}

/** "A" → 1, "AA" → 27. */
export function columnNumber(letters: string): number {
  return columnIndex(letters) + 1;
}

/** 1 → "A", 27 → "AA". */
export function columnLetters(n: number): string {
  return columnLetter(n - 1);
}

/** Splits "'My sheet'!A1:B2" into the sheet name (unquoted) and the range part. */
export function splitSheetPrefix(a1: string): { sheet: string | null; range: string } {
  const bang = a1.lastIndexOf("!");
  if (bang < 0) return { sheet: null, range: a1 };
  let sheet = a1.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, range: a1.slice(bang + 1) };
}

const CELL = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

/**
 * Parses A1 notation ("A1", "A1:C3", "B:B", "2:3", "A2:C") against a sheet of `maxRows` × `maxColumns`;
 * whole columns and rows span the sheet. Throws Apps Script's "Range not found" for anything else.
 */
export function parseA1(a1: string, maxRows: number, maxColumns: number): Rect {
  const parts = a1.trim().split(":");
  const notFound = () => new Error("Range not found");
  if (parts.length > 2 || parts[0] === "") throw notFound();
  const ends = parts.map((p) => {
    const m = CELL.exec(p);
    if (!m || (!m[1] && !m[2])) throw notFound();
    return { col: m[1] ? columnNumber(m[1]) : null, row: m[2] ? Number(m[2]) : null };
  });
  const [a, b = a] = ends;
  if (parts.length === 1 && (a.col === null || a.row === null)) throw notFound();
  if ((a.col === null) !== (b.col === null) && !(a.col !== null && a.row !== null)) throw notFound();
  const r1 = a.row ?? 1;
  const r2 = b.row ?? maxRows;
  const c1 = a.col ?? 1;
  const c2 = b.col ?? maxColumns;
  if (r1 < 1 || c1 < 1) throw notFound();
  const row = Math.min(r1, r2);
  const column = Math.min(c1, c2);
  return { row, column, numRows: Math.abs(r2 - r1) + 1, numColumns: Math.abs(c2 - c1) + 1 };
}

/** "A1" for one cell, "A1:C3" otherwise. */
export function a1Of(r: Rect): string {
  const tl = `${columnLetters(r.column)}${r.row}`;
  if (r.numRows === 1 && r.numColumns === 1) return tl;
  return `${tl}:${columnLetters(r.column + r.numColumns - 1)}${r.row + r.numRows - 1}`;
}

/** Sheet names needing quotes in A1 references get them ("'My sheet'!A1"). */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
