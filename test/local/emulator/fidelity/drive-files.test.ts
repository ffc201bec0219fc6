// Spreadsheets a script creates and opens by id: each its own workbook (own 10M-cell limit), owned by the
// effective user; under the drive.file scope the app opens only files it created for that user.
// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#create(String,Integer,Integer)
// https://developers.google.com/workspace/drive/api/guides/api-specific-auth
// https://developers.google.com/apps-script/guides/triggers#restrictions
import { CELL_LIMIT_TEXT, MISSING_DOCUMENT_TEXT, NO_ACCESS_TEXT } from "../../../../src/local/emulator";
import { emulated } from "./harness";

describe("SpreadsheetApp.create and openById", () => {
  it("creates a separate spreadsheet owned by the effective user, with a cell limit of its own", () => {
    const { SpreadsheetApp, emu } = emulated({ owner: "owner@example.com", user: "manager@example.com" });
    const before = emu.cellCount();
    const file = SpreadsheetApp.create("Book — backups", 10, 3);
    expect(file.getId()).not.toBe(SpreadsheetApp.getActive().getId());
    expect(file.getOwner()!.getEmail()).toBe("manager@example.com");
    expect(file.getSheets().map((s) => [s.getName(), s.getMaxRows(), s.getMaxColumns()])).toEqual([
      ["Sheet1", 10, 3],
    ]);
    file.getSheets()[0].getRange("A1").setValue("x");
    expect(emu.cellCount()).toBe(before);
    expect(emu.driveFiles()).toEqual([
      { id: file.getId(), name: "Book — backups", owner: "manager@example.com", cells: 30, trashed: false },
    ]);
    expect(() => SpreadsheetApp.create("too big", 5_000_000, 3)).toThrow(CELL_LIMIT_TEXT);
  });

  it("copies a sheet into another spreadsheet; the copy counts there, not in the document", () => {
    const { SpreadsheetApp, emu } = emulated();
    const data = emu.sheetFromValues("Data", [
      ["a", "=1+1"],
      [2, 3],
    ]);
    const file = SpreadsheetApp.create("copies");
    const before = emu.cellCount();
    const copy = SpreadsheetApp.getActive().getSheetByName("Data")!.copyTo(file);
    expect(copy.getName()).toBe("Copy of Data");
    expect(copy.getRange("A1:B2").getFormulas()[0][1]).toBe("=1+1");
    expect(copy.getRange("A2:B2").getValues()).toEqual([[2, 3]]);
    expect(emu.cellCount()).toBe(before);
    expect(emu.openSpreadsheet(file.getId())!.getSheets()).toHaveLength(2);
    expect(data.getName()).toBe("Data");
  });

  it("opens a file again for the user it was created for; another user, a trashed or unknown id fail", () => {
    const { SpreadsheetApp, emu } = emulated({ owner: "owner@example.com" });
    const id = SpreadsheetApp.create("mine").getId();
    expect(SpreadsheetApp.openById(id).getName()).toBe("mine");
    expect(SpreadsheetApp.openByUrl(`https://docs.google.com/spreadsheets/d/${id}/edit`).getId()).toBe(id);
    emu.setUser("stranger@example.com");
    expect(() => SpreadsheetApp.openById(id)).toThrow(NO_ACCESS_TEXT);
    // Shared in Drive, but drive.file: the app never created or opened it for this user.
    emu.setUser("owner@example.com");
    SpreadsheetApp.openById(id).addEditor("stranger@example.com");
    emu.setUser("stranger@example.com");
    expect(() => SpreadsheetApp.openById(id)).toThrow(NO_ACCESS_TEXT);
    emu.setUser("owner@example.com");
    emu.trashSpreadsheet(id);
    expect(() => SpreadsheetApp.openById(id)).toThrow(NO_ACCESS_TEXT);
    expect(() => SpreadsheetApp.openById("1NoSuchFile")).toThrow(MISSING_DOCUMENT_TEXT);
  });

  it("refuses other files in a simple trigger (authMode LIMITED)", () => {
    let error: unknown = null;
    const { emu } = emulated(
      {},
      {
        onEdit: () => {
          try {
            (emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).create("x");
          } catch (e) {
            error = e;
          }
        },
      },
    );
    emu.edit("A1", "typed");
    expect(String(error)).toMatch(/You do not have permission to call SpreadsheetApp.create/);
  });
});
