/**
 * Writes an emulated spreadsheet to .xlsx with exceljs, through the same Apps Script API the add-on uses:
 * values, number formats, header colours, notes, frozen rows, column widths and hidden sheets. Excel files
 * cannot carry Google's embedded charts, so every recorded chart is listed on a "Charts" sheet instead.
 */
import ExcelJS from "exceljs";
import { dateToSerial, isDatePattern } from "../emulator/number-format";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** What getNumberFormat returns for a cell never formatted: Sheets' automatic format, Excel's General. */
const AUTOMATIC = "0.###############";
/** Formats for a date cell without a date format of its own, so Excel and Sheets show a date. */
const DATE_ONLY = "yyyy-mm-dd";
const DATE_TIME = "yyyy-mm-dd hh:mm:ss";

/** Google number format → Excel number format (the subset the add-on writes); undefined for General. */
function excelFormat(format: string): string | undefined {
  if (!format || format === "General" || format === "@" || format === AUTOMATIC) return undefined;
  return format.replace(/HH/g, "hh");
}

/**
 * A cell as exceljs takes it, with the number format it needs. Dates are written as Excel serial numbers
 * of their wall clock in the book's time zone — an xlsx date has no zone, and Sheets keeps a date as
 * that serial (https://developers.google.com/sheets/api/guides/formats#about_date_time_values) — so
 * 2025/3/1 typed in a Shanghai book is 2025-03-01 00:00 in the file, not 2025-02-28 16:00 UTC. A date in
 * a cell without a date format gets one (date only at midnight), so it shows as a date, not a number.
 * The bundle's Dates come from its own vm realm, where `instanceof Date` fails: they are told by their tag.
 * Text is written as text, "=1+1" included (a shared string, never a formula), numbers as numbers.
 */
function excelCell(
  v: unknown,
  format: string,
  timeZone: string,
): { value: ExcelJS.CellValue; numFmt?: string } {
  const fmt = excelFormat(format);
  if (Object.prototype.toString.call(v) === "[object Date]") {
    const ms = (v as Date).getTime();
    if (Number.isNaN(ms)) return { value: "" };
    const serial = dateToSerial(ms, timeZone);
    const numFmt = fmt && isDatePattern(fmt) ? fmt : Number.isInteger(serial) ? DATE_ONLY : DATE_TIME;
    return { value: serial, numFmt };
  }
  return { value: v as ExcelJS.CellValue, ...(fmt && typeof v === "number" ? { numFmt: fmt } : {}) };
}

function argb(color: string): string | undefined {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  return m && m[1].toLowerCase() !== "ffffff" ? `FF${m[1].toUpperCase()}` : undefined;
}

interface ChartInfo {
  readonly sheet: string;
  readonly type: string;
  readonly title: string;
  readonly ranges: string;
}

/** Excel forbids * ? : \\ / [ ] in sheet names and allows 31 characters; names must stay unique. */
function excelSheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[*?:\\/[\]]/g, "-").slice(0, 31);
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 27)} (${i})`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

export async function writeWorkbookXlsx(
  ss: Spreadsheet,
  file: string,
): Promise<{ sheets: number; charts: number }> {
  const book = new ExcelJS.Workbook();
  book.creator = "Sheet CRM demo";
  const charts: ChartInfo[] = [];
  const taken = new Set<string>();
  const timeZone = ss.getSpreadsheetTimeZone();
  for (const sheet of ss.getSheets()) {
    const ws = book.addWorksheet(excelSheetName(sheet.getName(), taken), {
      state: sheet.isSheetHidden() ? "hidden" : "visible",
      views: sheet.getFrozenRows() > 0 ? [{ state: "frozen", ySplit: sheet.getFrozenRows() }] : [],
    });
    const rows = sheet.getLastRow();
    const cols = sheet.getLastColumn();
    if (rows > 0 && cols > 0) {
      const range = sheet.getRange(1, 1, rows, cols);
      const values = range.getValues();
      const formats = range.getNumberFormats();
      const backgrounds = range.getBackgrounds();
      const notes = range.getNotes();
      const formulas = range.getFormulas();
      values.forEach((r, i) => {
        const xrow = ws.getRow(i + 1);
        r.forEach((held, j) => {
          // The emulator keeps a formula's text, not its result: "=1+1" read from a file as text but
          // stored as a formula would come out blank, so the cell's text is written instead.
          const v = held === "" && formulas[i][j] ? formulas[i][j] : held;
          if (v === "" && !notes[i][j]) return;
          const cell = xrow.getCell(j + 1);
          const { value, numFmt } = excelCell(v, formats[i][j], timeZone);
          cell.value = value;
          if (numFmt) cell.numFmt = numFmt;
          const fill = argb(backgrounds[i][j]);
          if (fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: fill } };
          if (notes[i][j]) cell.note = notes[i][j];
        });
      });
      for (let c = 1; c <= cols; c++) {
        ws.getColumn(c).width = Math.max(8, Math.round(sheet.getColumnWidth(c) / 7));
      }
    }
    for (const chart of sheet.getCharts()) {
      const options = chart.getOptions();
      charts.push({
        sheet: sheet.getName(),
        type: String(chart.modify().getChartType()),
        title: String(options.get("title") ?? ""),
        ranges: chart
          .getRanges()
          .map((r) => r.getA1Notation())
          .join(", "),
      });
    }
  }
  if (charts.length) {
    const ws = book.addWorksheet(excelSheetName("Charts", taken));
    ws.addRow(["Sheet", "Chart type", "Title", "Data ranges"]);
    for (const c of charts) ws.addRow([c.sheet, c.type, c.title, c.ranges]);
  }
  await book.xlsx.writeFile(file);
  return { sheets: ss.getSheets().length, charts: charts.length };
}
