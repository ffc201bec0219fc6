import { createEmulator, TIME_LIMIT_TEXT } from "../../../src/local/emulator";

function setup() {
  const emu = createEmulator({ now: "2026-11-23T09:00:00Z" });
  const SpreadsheetApp = emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const Utilities = emu.globals.Utilities as GoogleAppsScript.Utilities.Utilities;
  return { emu, SpreadsheetApp, Utilities };
}

describe("fault injection", () => {
  it("time limit: after the budget of emulated time every call throws 'Exceeded maximum execution time'", () => {
    const { emu, SpreadsheetApp, Utilities } = setup();
    emu.faults.timeLimit(6 * 60_000, 1);
    const sheet = SpreadsheetApp.getActive().getSheets()[0];
    Utilities.sleep(5 * 60_000);
    sheet.getRange("A1").setValue(1);
    Utilities.sleep(60_000);
    expect(() => sheet.getRange("A1").getValue()).toThrow(TIME_LIMIT_TEXT);
    expect(TIME_LIMIT_TEXT).toBe("Exceeded maximum execution time");
    emu.faults.reset();
    expect(sheet.getRange("A1").getValue()).toBe(1);
  });

  it("one execution may use 6 minutes of emulated time; the next execution starts afresh", () => {
    const { emu, SpreadsheetApp, Utilities } = setup();
    emu.execution(() => {
      Utilities.sleep(6 * 60_000);
      SpreadsheetApp.getActive();
      Utilities.sleep(1);
      expect(() => SpreadsheetApp.getActive()).toThrow(TIME_LIMIT_TEXT);
    });
    emu.execution(() => SpreadsheetApp.getActive());
    Utilities.sleep(60 * 60_000);
    expect(() => SpreadsheetApp.getActive()).not.toThrow();
  });

  it("per-call cost makes long unbatched loops run out of time", () => {
    const { emu, SpreadsheetApp } = setup();
    emu.faults.timeLimit(1000, 1);
    const sheet = SpreadsheetApp.getActive().getSheets()[0];
    let done = 0;
    expect(() => {
      for (let i = 1; i <= 1000; i++) {
        sheet.getRange(i, 1).setValue(i);
        done++;
      }
    }).toThrow(TIME_LIMIT_TEXT);
    expect(done).toBeLessThan(1000);
  });

  it("failAtCall throws at the nth call from now, optionally of one member", () => {
    const { emu, SpreadsheetApp } = setup();
    const sheet = SpreadsheetApp.getActive().getSheets()[0];
    emu.faults.failAtCall(2, "Service Spreadsheets failed while accessing document");
    sheet.getRange("A1");
    expect(() => sheet.getRange("A2")).toThrow("Service Spreadsheets failed while accessing document");
    sheet.getRange("A3");
    emu.faults.failAtCall(2, "boom", "Range.setValue");
    sheet.getRange("A1").setValue(1);
    sheet.getRange("A1").getValue();
    expect(() => sheet.getRange("A2").setValue(2)).toThrow("boom");
    expect(sheet.getRange("A2").getValue()).toBe("");
  });

  it("a sheet renamed or deleted between calls, rows inserted by someone else", () => {
    const { emu, SpreadsheetApp } = setup();
    const ss = SpreadsheetApp.getActive();
    emu.sheetFromValues("Customers", [["h"], ["a"], ["b"]]);
    emu.faults.renameSheetAtCall(2, "Customers", "Clients");
    expect(ss.getSheetByName("Customers")).not.toBeNull();
    expect(ss.getSheetByName("Customers")).toBeNull();
    const clients = ss.getSheetByName("Clients")!;
    emu.faults.insertRowAtCall(1, "Clients", 2);
    expect(clients.getRange("A1:A4").getValues()).toEqual([["h"], [""], ["a"], ["b"]]);
    emu.faults.deleteSheetAtCall(1, "Clients");
    expect(() => clients.getLastRow()).toThrow("This sheet has been deleted.");
  });
});
