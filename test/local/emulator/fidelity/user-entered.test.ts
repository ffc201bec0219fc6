// Strings written by Range.setValue/setValues (and appendRow) are read as if a user typed them, in the
// spreadsheet's locale; a leading apostrophe or the plain-text format ("@") keeps them as text.
// https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object)
// https://support.google.com/docs/answer/3094038
import { emulated } from "./harness";

function sheetOf(opts: Parameters<typeof emulated>[0] = {}) {
  const h = emulated({ timeZone: "Asia/Shanghai", ...opts });
  return { ...h, sheet: h.SpreadsheetApp.getActive().getActiveSheet() };
}

const shanghaiMidnight = (iso: string) => new Date(`${iso}T00:00:00+08:00`).getTime();

describe("user-entered parsing of written strings", () => {
  it("numbers, percentages and booleans", () => {
    const { sheet } = sheetOf();
    sheet.getRange("A1:F1").setValues([["00123", "1,234.5", "12%", "TRUE", "-0.5", "1e3"]]);
    expect(sheet.getRange("A1:F1").getValues()).toEqual([[123, 1234.5, 0.12, true, -0.5, 1000]]);
    const shown = sheet.getRange("A1:F1").getDisplayValues()[0];
    expect([shown[0], shown[2], shown[3]]).toEqual(["123", "12%", "TRUE"]);
  });

  it("keeps text: leading apostrophe (not part of the value), plain-text cells, and non-numbers", () => {
    const { sheet } = sheetOf();
    sheet.getRange("A1").setValue("'00123");
    sheet.getRange("B1").setNumberFormat("@").setValue("00123");
    sheet.getRange("C1:E1").setValues([["C-001", "1,23", "+86 138 0013 8000"]]);
    expect(sheet.getRange("A1:E1").getValues()).toEqual([
      ["00123", "00123", "C-001", "1,23", "+86 138 0013 8000"],
    ]);
    expect(sheet.getRange("A1").getDisplayValue()).toBe("00123");
  });

  it("dates in the spreadsheet's zone: ISO, y/m/d, m/d/y (en), and month-day of this year", () => {
    const { sheet } = sheetOf();
    sheet.getRange("A1:D1").setValues([["2025-03-01", "2025/3/1", "3/1/2025", "1-2"]]);
    const values = sheet.getRange("A1:D1").getValues()[0] as Date[];
    expect(values.map((d) => d instanceof Date && d.getTime())).toEqual([
      shanghaiMidnight("2025-03-01"),
      shanghaiMidnight("2025-03-01"),
      shanghaiMidnight("2025-03-01"),
      shanghaiMidnight("2026-01-02"),
    ]);
    expect(sheet.getRange("A1").getDisplayValue()).toBe("2025-03-01");
    expect(sheet.getRange("C1").getDisplayValue()).toBe("3/1/2025");
    sheet.getRange("E1").setValue("2025-02-30");
    expect(sheet.getRange("E1").getValue()).toBe("2025-02-30");
  });

  it("day-first locales and decimal commas", () => {
    const { sheet } = sheetOf({ locale: "de" });
    sheet.getRange("A1:C1").setValues([["1.234,5", "3/1/2025", "1,5%"]]);
    const [n, d, p] = sheet.getRange("A1:C1").getValues()[0];
    expect(n).toBe(1234.5);
    expect((d as Date).getTime()).toBe(shanghaiMidnight("2025-01-03"));
    expect(p).toBeCloseTo(0.015);
  });

  it("formulas, and appendRow and a user's own edits parse the same way", () => {
    const { sheet, emu } = sheetOf();
    sheet.getRange("A1").setValue("=SUM(1,2)");
    expect(sheet.getRange("A1").getFormula()).toBe("=SUM(1,2)");
    sheet.appendRow(["007", "'007"]);
    expect(sheet.getRange("A2:B2").getValues()).toEqual([[7, "007"]]);
    emu.edit("C1", "45%");
    expect(sheet.getRange("C1").getValue()).toBe(0.45);
    // Non-strings are stored as they are.
    sheet.getRange("D1").setValue(7);
    expect(sheet.getRange("D1").getValue()).toBe(7);
  });
});
