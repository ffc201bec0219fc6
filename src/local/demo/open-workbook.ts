/**
 * The demo's `--workbook FILE.xlsx`: an existing workbook opened as it is, the way a user who uploads it to
 * Drive and opens it with Google Sheets gets it: every tab in its order with its name, every value in its
 * row and column (blank rows kept, so row numbers match the file), text as text ("001" stays "001"),
 * numbers as numbers, dates as dates, formulas with their last value. Read with exceljs (the same library
 * that writes out/workbook.xlsx) rather than the add-on's own import reader, which reads one table.
 */
import ExcelJS from "exceljs";
import { epochMsInZone } from "../../core/calendar";
import type { LoadedBundle } from "../load-bundle";

/** One tab of the opened workbook. */
export interface OpenedTab {
  readonly name: string;
  readonly rows: number;
  readonly columns: number;
  /** Cells whose value is a formula's cached result (the emulator keeps the value, not the formula). */
  readonly formulas: number;
}

/**
 * An Excel date is a wall-clock time with no zone; exceljs returns it as that wall clock read in UTC.
 * Sheets shows it as the same wall clock in the spreadsheet's zone, so the instant is rebuilt there
 * (the one calendar's zone arithmetic, src/core/calendar).
 */
function inZone(utcWallClock: Date, timeZone: string): Date {
  const d = utcWallClock;
  return new Date(
    epochMsInZone(
      {
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
        time: { hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() },
      },
      timeZone,
    ),
  );
}

/** A cell as Sheets would hold it after opening the file. */
function valueOf(cell: ExcelJS.Cell, timeZone: string): { value: unknown; formula: boolean } {
  const v = cell.value;
  if (v === null || v === undefined) return { value: "", formula: false };
  if (v instanceof Date) return { value: inZone(v, timeZone), formula: false };
  if (typeof v !== "object") return { value: v, formula: false };
  if ("formula" in v || "sharedFormula" in v) {
    const result = (v as ExcelJS.CellFormulaValue).result;
    if (result instanceof Date) return { value: inZone(result, timeZone), formula: true };
    if (result !== null && typeof result === "object") return { value: "", formula: true };
    return { value: result ?? "", formula: true };
  }
  if ("richText" in v) return { value: v.richText.map((r) => r.text).join(""), formula: false };
  if ("hyperlink" in v)
    return { value: String((v as ExcelJS.CellHyperlinkValue).text ?? ""), formula: false };
  if ("error" in v) return { value: String((v as ExcelJS.CellErrorValue).error), formula: false };
  return { value: cell.text, formula: false };
}

/** A workbook's tabs as Sheets would hold them after opening the file: names, order and cells. */
export interface WorkbookTabs {
  readonly tabs: readonly (OpenedTab & { readonly values: readonly (readonly unknown[])[] })[];
}

/**
 * Reads every worksheet of an .xlsx (dates rebuilt in `timeZone`, formulas as their cached values, blank
 * rows kept so row numbers match the file). Throws a one-line error when the file is not a readable .xlsx
 * or holds no worksheet.
 */
export async function readWorkbook(file: string, timeZone: string): Promise<WorkbookTabs> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.readFile(file);
  } catch (e) {
    throw new Error(`${file}: not a readable .xlsx workbook (${(e as Error).message.split("\n")[0]})`);
  }
  const tabs = book.worksheets.map((ws) => {
    const rows: unknown[][] = [];
    let formulas = 0;
    let columns = 0;
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const line: unknown[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        const { value, formula } = valueOf(cell, timeZone);
        if (formula) formulas++;
        line[col - 1] = value;
      });
      rows[rowNumber - 1] = Array.from(line, (x) => (x === undefined ? "" : x));
      columns = Math.max(columns, line.length);
    });
    const values = Array.from(rows, (r) => r ?? []);
    return { name: ws.name, rows: values.length, columns, formulas, values };
  });
  if (tabs.length === 0) throw new Error(`${file}: the workbook has no worksheets`);
  return { tabs };
}

/**
 * Replaces the emulated spreadsheet's tabs with the workbook's (same names, same order, same cells), the
 * file's text kept as text: a cell reading "=1+1" in the file is text there (Excel keeps formulas apart),
 * so it is typed with an apostrophe rather than placed as a formula. Returns what was placed.
 */
export function placeWorkbook(bundle: LoadedBundle, book: WorkbookTabs): readonly OpenedTab[] {
  const { emulator } = bundle;
  const ss = emulator.spreadsheet;
  const before = ss.getSheets();
  for (const tab of book.tabs) {
    const formulaLike: [number, number, string][] = [];
    const values = tab.values.map((r, i) =>
      r.map((v, j) => {
        if (typeof v !== "string" || !v.startsWith("=")) return v;
        formulaLike.push([i + 1, j + 1, v]);
        return "";
      }),
    );
    const sheet = emulator.sheetFromValues(tab.name, values.length ? values : [[]]);
    for (const [row, column, text] of formulaLike) sheet.getRange(row, column).setValue(`'${text}`);
  }
  // The emulated file's own starting tab goes unless the workbook has a tab of that name.
  for (const sheet of before)
    if (!book.tabs.some((t) => t.name === sheet.getName()) && ss.getSheets().length > 1)
      ss.deleteSheet(sheet);
  return book.tabs.map(({ name, rows, columns, formulas }) => ({ name, rows, columns, formulas }));
}
