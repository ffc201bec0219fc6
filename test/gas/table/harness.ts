import { readFileSync } from "node:fs";
import path from "node:path";
import { loadBundle, type LoadedBundle } from "../../../src/local/load-bundle";
import { parseCsv } from "../../../src/core/table/import/parse-csv";

export const FIXTURES = path.join(__dirname, "..", "..", "fixtures", "table");

/** The built bundle (SHEET_CRM_DIST or dist/) on a fresh emulator; `locale` "en" or "zh_CN". */
export function tableBundle(locale = "en"): LoadedBundle {
  return loadBundle({ locale, dist: process.env.SHEET_CRM_DIST });
}

/** A corpus CSV (header + rows, blank lines kept as blank rows) without its "Expect" column. */
export function corpusGrid(name: string): string[][] {
  const text = readFileSync(path.join(FIXTURES, name), "utf8");
  const grid = parseCsv(text);
  const keep = grid.headers.map((h, i) => (h === "Expect" ? -1 : i)).filter((i) => i >= 0);
  const rows: string[][] = [keep.map((i) => grid.headers[i])];
  let line = 2;
  grid.rows.forEach((row, r) => {
    for (; line < grid.lines[r]; line++) rows.push(keep.map(() => ""));
    rows.push(keep.map((i) => String(row[i] ?? "")));
    line++;
  });
  return rows;
}

export function values(b: LoadedBundle, sheet: string): unknown[][] {
  const s = b.emulator.spreadsheet.getSheetByName(sheet)!;
  return s.getRange(1, 1, s.getLastRow(), s.getLastColumn()).getValues();
}
