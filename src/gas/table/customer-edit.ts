import { specOfSheet } from "../platform/tab-map";

/** The data rows (below the header) an edit of the Customers sheet touched. */
export interface CustomerEdit {
  readonly range: GoogleAppsScript.Spreadsheet.Range;
  readonly sheet: GoogleAppsScript.Spreadsheet.Sheet;
  /** First and last 1-based sheet rows edited, the header row left out. */
  readonly firstRow: number;
  readonly lastRow: number;
}

/**
 * What an installable edit trigger's event touched in Customers (under any of its sheet names), or null
 * for an edit of another sheet, of the header row only, or an event without a range.
 */
export function customerEdit(e: GoogleAppsScript.Events.SheetsOnEdit): CustomerEdit | null {
  const range = e?.range;
  if (!range) return null;
  const sheet = range.getSheet();
  if (specOfSheet(sheet)?.key !== "Customers") return null;
  const firstRow = Math.max(range.getRow(), 2);
  const lastRow = range.getRow() + range.getNumRows() - 1;
  return lastRow < firstRow ? null : { range, sheet, firstRow, lastRow };
}
