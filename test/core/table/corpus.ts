import { readFileSync } from "node:fs";
import path from "node:path";
import { columnForHeader } from "../../../src/core/schema/headers";
import type { SheetSpec } from "../../../src/core/schema/types";
import { parseCsv } from "../../../src/core/table/import/parse-csv";

export const FIXTURES = path.join(__dirname, "..", "..", "fixtures", "table");

/**
 * A bad-input corpus: a CSV whose last column "Expect" lists the problems each row must raise, as
 * "Key:rule" pairs. The Expect column is itself a custom column, which validation must ignore.
 */
export function loadCorpus(name: string) {
  const grid = parseCsv(readFileSync(path.join(FIXTURES, name), "utf8"));
  const expectAt = grid.headers.indexOf("Expect");
  const expected = grid.rows.map((row) =>
    String(row[expectAt] ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .sort(),
  );
  // parseCsv drops blank rows; the sheet keeps them, so they are put back where the file had them.
  const rows: (readonly unknown[])[] = [];
  const expectBySheetRow = new Map<number, string[]>();
  let line = 2;
  grid.rows.forEach((row, i) => {
    while (line < grid.lines[i]) {
      rows.push(grid.headers.map(() => ""));
      line++;
    }
    expectBySheetRow.set(rows.length + 2, expected[i]);
    rows.push(row);
    line++;
  });
  return { headers: grid.headers, rows, expectBySheetRow };
}

/** The same header row with every schema header written in Chinese (custom headers kept). */
export function inChinese(spec: SheetSpec, headers: readonly string[]): string[] {
  return headers.map((h) => columnForHeader(spec, h)?.header["zh-CN"] ?? h);
}
