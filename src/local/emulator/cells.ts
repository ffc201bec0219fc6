import { isDate } from "./realm";

/** A date cell, kept as epoch milliseconds so no realm's Date object lives in the workbook. */
export interface DateCell {
  readonly date: number;
}

/** What a cell holds as stored by a script: '' is empty. */
export type Stored = string | number | boolean | DateCell;

export function isDateCell(v: Stored | undefined): v is DateCell {
  return typeof v === "object" && v !== null;
}

/** One cell's content and formatting; absent fields are Sheets' defaults. */
export interface Cell {
  v: Stored;
  formula?: string;
  format?: string;
  background?: string;
  fontWeight?: string;
  fontColor?: string;
  fontStyle?: string;
  fontSize?: number;
  fontFamily?: string;
  horizontalAlignment?: string;
  wrap?: boolean;
  note?: string;
  /** Data validation, an opaque model owned by data-validation.ts. */
  validation?: unknown;
}

/**
 * Converts a value a script writes into what the cell stores: Dates (any realm) become date cells,
 * null/undefined become empty, other objects their string form, as Apps Script does.
 */
export function toStored(v: unknown): Stored {
  if (v === null || v === undefined) return "";
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return Number.isFinite(v) ? v : "#NUM!";
  if (isDate(v)) {
    const ms = v.getTime();
    return Number.isNaN(ms) ? "" : { date: ms };
  }
  return String(v);
}

export function isEmptyCell(c: Cell | undefined): boolean {
  return !c || (c.v === "" && c.formula === undefined);
}

/**
 * A sparse, growable 2-D store of cells, 1-based from the outside. Rows and columns are spliced on
 * insert/delete so formats, notes and validations move with their cells.
 */
export class Grid {
  private rows: (Cell | undefined)[][] = [];

  get(row: number, col: number): Cell | undefined {
    return this.rows[row - 1]?.[col - 1];
  }

  /** The cell at row/col, created empty if absent. */
  cell(row: number, col: number): Cell {
    let r = this.rows[row - 1];
    if (!r) r = this.rows[row - 1] = [];
    let c = r[col - 1];
    if (!c) c = r[col - 1] = { v: "" };
    return c;
  }

  /** The last row holding content (not just formatting), 0 if none. */
  lastRow(): number {
    for (let r = this.rows.length; r >= 1; r--) {
      const row = this.rows[r - 1];
      if (row && row.some((c) => !isEmptyCell(c))) return r;
    }
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const row of this.rows) {
      if (!row) continue;
      for (let c = row.length; c > last; c--) {
        if (!isEmptyCell(row[c - 1])) {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  insertRows(before: number, count: number): void {
    if (before - 1 >= this.rows.length) return;
    this.rows.splice(before - 1, 0, ...new Array<(Cell | undefined)[]>(count).fill(undefined as never));
  }

  deleteRows(from: number, count: number): void {
    this.rows.splice(from - 1, count);
  }

  insertColumns(before: number, count: number): void {
    for (const row of this.rows) {
      if (row && before - 1 < row.length) row.splice(before - 1, 0, ...new Array<Cell | undefined>(count));
    }
  }

  deleteColumns(from: number, count: number): void {
    for (const row of this.rows) if (row) row.splice(from - 1, count);
  }

  clear(): void {
    this.rows = [];
  }

  /** Visits every existing cell. */
  forEach(fn: (cell: Cell, row: number, col: number) => void): void {
    this.rows.forEach((r, i) => r?.forEach((c, j) => c && fn(c, i + 1, j + 1)));
  }

  clone(): Grid {
    const g = new Grid();
    g.rows = this.rows.map((r) => r?.map((c) => (c ? { ...c } : c)));
    return g;
  }
}
