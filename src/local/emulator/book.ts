import type { Rect } from "./a1";
import type { Env } from "./env";
import type { SheetModel, Workbook } from "./workbook";

/** What Spreadsheet/Sheet/Range facades share: the workbook and the factories of each other's proxies. */
export interface Book extends Env {
  readonly wb: Workbook;
  sheetApi(model: SheetModel): GoogleAppsScript.Spreadsheet.Sheet;
  rangeApi(model: SheetModel, rect: Rect): GoogleAppsScript.Spreadsheet.Range;
  spreadsheetApi(): GoogleAppsScript.Spreadsheet.Spreadsheet;
}

/** Apps Script's text when a script keeps using a Sheet object after the tab was deleted. */
export const DELETED_SHEET_TEXT = "This sheet has been deleted.";
