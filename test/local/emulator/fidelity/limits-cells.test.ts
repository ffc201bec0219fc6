// "Up to 10 million cells" per spreadsheet, every tab's grid counted, on every path that grows a grid.
// https://support.google.com/drive/answer/37603
import { CELL_LIMIT_TEXT } from "../../../../src/local/emulator";
import { emulated } from "./harness";

/** A book whose first tab is grown (uncounted) to leave `free` cells under the limit. */
function nearlyFull(free: number) {
  const h = emulated();
  const sheet = h.emu.spreadsheet.getSheets()[0];
  // 1000 × 26 = 26,000 cells now; grow columns to fill up to the limit minus `free`.
  const columns = Math.floor((10_000_000 - free) / 1000);
  sheet.insertColumnsAfter(26, columns - 26);
  return { ...h, sheet: h.SpreadsheetApp.getActive().getSheets()[0], free: 10_000_000 - 1000 * columns };
}

describe("the 10,000,000-cell limit", () => {
  it("uses Sheets' text", () => {
    expect(CELL_LIMIT_TEXT).toBe(
      "This action would increase the number of cells in the workbook above the limit of 10000000 cells.",
    );
  });

  it("refuses a new tab (1000 × 26) that does not fit", () => {
    const { SpreadsheetApp } = nearlyFull(25_000);
    expect(() => SpreadsheetApp.getActive().insertSheet("More")).toThrow(CELL_LIMIT_TEXT);
    expect(SpreadsheetApp.getActive().getSheets()).toHaveLength(1);
  });

  it("refuses rows and columns beyond the limit, and accepts them up to it", () => {
    const { sheet, free } = nearlyFull(5_000);
    expect(free).toBe(5_000);
    const columns = sheet.getMaxColumns();
    expect(() => sheet.insertRowsAfter(1, Math.floor(free / columns) + 1)).toThrow(CELL_LIMIT_TEXT);
    expect(() => sheet.insertColumnsAfter(1, 6)).toThrow(CELL_LIMIT_TEXT);
    sheet.insertColumnsAfter(1, 5);
    expect(sheet.getMaxColumns()).toBe(columns + 5);
  });

  it("refuses appendRow and copies that would pass it", () => {
    const { sheet, SpreadsheetApp } = nearlyFull(1_000);
    sheet.getRange(1000, 1).setValue("last");
    expect(() => sheet.appendRow(["one more"])).toThrow(CELL_LIMIT_TEXT);
    expect(() => sheet.copyTo(SpreadsheetApp.getActive())).toThrow(CELL_LIMIT_TEXT);
    expect(() => SpreadsheetApp.getActive().duplicateActiveSheet()).toThrow(CELL_LIMIT_TEXT);
  });
});
