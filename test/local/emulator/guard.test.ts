import { createEmulator } from "../../../src/local/emulator";

describe("Proxy guard and call counter", () => {
  it("throws 'not emulated: Class.member' for anything the emulation lacks", () => {
    const emu = createEmulator();
    const SpreadsheetApp = emu.globals.SpreadsheetApp as any;
    const range = SpreadsheetApp.getActive().getSheets()[0].getRange("A1");
    expect(() => range.getRichTextValue()).toThrow("not emulated: Range.getRichTextValue");
    expect(() => SpreadsheetApp.getActive().getDeveloperMetadata()).toThrow(
      "not emulated: Spreadsheet.getDeveloperMetadata",
    );
    expect(() => (emu.globals.MailApp as any).sendEmailAsync).toThrow("not emulated: MailApp.sendEmailAsync");
    expect(() => (emu.globals.Session as any).getUser()).toThrow("not emulated: Session.getUser");
    expect(() => (emu.globals.console as any).table()).toThrow("not emulated: console.table");
  });

  it("hides emulator internals from the bundle", () => {
    const emu = createEmulator();
    const sheet = (emu.globals.SpreadsheetApp as any).getActive().getSheets()[0];
    expect(sheet._model).toBeUndefined();
  });

  it("counts every call by Class.member, only the bundle's own calls", () => {
    const emu = createEmulator();
    const SpreadsheetApp = emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const sheet = SpreadsheetApp.getActive().getSheets()[0];
    sheet.getRange("A1:B2").getValues();
    sheet.getRange("A1").offset(1, 1).getValue();
    expect(emu.counts()).toEqual({
      "Range.getValue": 1,
      "Range.getValues": 1,
      "Range.offset": 1,
      "Sheet.getRange": 2,
      "Spreadsheet.getSheets": 1,
      "SpreadsheetApp.getActive": 1,
    });
    expect(emu.countOf("Range.")).toBe(3);
    emu.resetCounts();
    expect(emu.counts()).toEqual({});
  });

  it("a batched read and write costs the same number of calls for 100 and 10,000 rows", () => {
    const calls = (rows: number) => {
      const emu = createEmulator();
      const data = Array.from({ length: rows }, (_, i) => [i, `name ${i}`, i % 2 === 0]);
      const sheet = emu.sheetFromValues("Customers", data);
      emu.resetCounts();
      const values = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getValues();
      sheet.getRange(1, 4, values.length, 1).setValues(values.map((r) => [String(r[1]).toUpperCase()]));
      expect(sheet.getRange(rows, 4).getValue()).toBe(`NAME ${rows - 1}`);
      return emu.counts();
    };
    expect(calls(10_000)).toEqual(calls(100));
  });
});
