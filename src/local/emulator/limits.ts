/**
 * The spreadsheet's size limit: "Up to 10 million cells" per spreadsheet, counted over every tab's grid
 * (rows × columns, empty or not), checked on every path that grows a grid. The text is the one Sheets gives.
 * https://support.google.com/drive/answer/37603
 */
import { gasError, type Env } from "./env";
import type { Workbook } from "./workbook";

export const MAX_CELLS = 10_000_000;
export const CELL_LIMIT_TEXT = `This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`;

/** The workbook's cell count: every tab's grid. */
export function cellCount(wb: Workbook): number {
  return wb.sheets.reduce((sum, s) => sum + s.maxRows * s.maxColumns, 0);
}

/** Throws Sheets' text when adding `extra` cells would pass the limit. */
export function checkCellGrowth(env: Env, wb: Workbook, extra: number): void {
  if (extra > 0 && cellCount(wb) + extra > MAX_CELLS) throw gasError(env, CELL_LIMIT_TEXT);
}
