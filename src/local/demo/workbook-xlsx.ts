/**
 * Writes an emulated spreadsheet to .xlsx with exceljs, through the same Apps Script API the add-on uses:
 * values, number formats, header colours, notes, frozen rows, column widths and hidden sheets. Excel files
 * cannot carry Google's embedded charts, so every recorded chart is listed on a "Charts" sheet instead.
 */
import ExcelJS from "exceljs";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Google number format → Excel number format (the subset the add-on writes). */
function excelFormat(format: string): string | undefined {
  if (!format || format === "General" || format === "@") return undefined;
  return format.replace(/yyyy/g, "yyyy").replace(/HH/g, "hh");
}

/**
 * The bundle's Dates come from its own vm realm, where `instanceof Date` (exceljs's test) fails: without
 * this they would be written as JSON text.
 */
function cellValue(v: unknown): ExcelJS.CellValue {
  if (Object.prototype.toString.call(v) === "[object Date]") return new Date((v as Date).getTime());
  return v as ExcelJS.CellValue;
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
      values.forEach((r, i) => {
        const xrow = ws.getRow(i + 1);
        r.forEach((v, j) => {
          if (v === "" && !notes[i][j]) return;
          const cell = xrow.getCell(j + 1);
          cell.value = cellValue(v);
          const fmt = excelFormat(formats[i][j]);
          if (fmt) cell.numFmt = fmt;
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
