import { mapHeaders } from "../schema/headers";
import type { SheetSpec } from "../schema/types";
import type { ColumnDayReader } from "../calendar";
import { cellText } from "./cells";
import type { BookProblem, ProblemReason, SheetCells } from "./types";

/** Where a sheet's columns are, by schema key (−1 when the header row lacks one). */
export interface SheetColumns {
  readonly sheet: SheetCells;
  /** Schema key → 0-based column index. */
  readonly index: ReadonlyMap<string, number>;
  at(key: string): number;
}

/**
 * Maps a sheet's header row onto its schema and reports each required column it lacks (once, on row 1).
 * Header spellings in either language or by alias are equivalent.
 */
export function sheetColumns(spec: SheetSpec, sheet: SheetCells, problems: BookProblem[]): SheetColumns {
  const map = mapHeaders(spec, sheet.headers);
  for (const column of spec.columns) {
    if (column.required && !map.index.has(column.key))
      problems.push({
        sheet: sheet.name,
        row: 1,
        column: -1,
        key: column.key,
        value: "",
        why: "missing-column",
      });
  }
  return { sheet, index: map.index, at: (key) => map.index.get(key) ?? -1 };
}

/** A problem with the cell of `row` (0-based data row) in column `column`. */
export function cellProblem(
  sheet: SheetCells,
  dataRow: number,
  column: number,
  key: string,
  value: string,
  why: BookProblem["why"],
  reason?: ProblemReason,
): BookProblem {
  const problem: BookProblem = { sheet: sheet.name, row: dataRow + 2, column, key, value, why };
  return reason ? { ...problem, reason } : problem;
}

/**
 * A non-blank date cell of row `dataRow` its column's reader could not read: "date", with the reason
 * "date-order" when the cell is a date whose order contradicts the column's.
 */
export function dateProblem(
  sheet: SheetCells,
  dataRow: number,
  column: number,
  key: string,
  cell: unknown,
  dates: ColumnDayReader,
): BookProblem {
  const reason = dates.conflicts(cell) ? "date-order" : undefined;
  return cellProblem(sheet, dataRow, column, key, cellText(cell), "date", reason);
}
