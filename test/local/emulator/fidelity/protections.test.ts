// Protection editors: "Neither the owner of the spreadsheet nor the current user can be removed" — Apps
// Script keeps them silently (the class's sample calls removeEditors(getEditors()) after adding itself).
// https://developers.google.com/apps-script/reference/spreadsheet/protection#removeEditors(String)
import { emulated } from "./harness";

describe("protection editors", () => {
  it("keeps the owner and the current (effective) user when removing editors", () => {
    const { SpreadsheetApp, emu } = emulated({ owner: "owner@example.com", user: "owner@example.com" });
    const p = SpreadsheetApp.getActive().getActiveSheet().getRange("A1:B2").protect();
    p.addEditors(["manager@example.com", "rep@example.com"]);
    emu.setUser("manager@example.com");
    p.removeEditors(p.getEditors().map((u) => u.getEmail()));
    expect(p.getEditors().map((u) => u.getEmail())).toEqual(["owner@example.com", "manager@example.com"]);
    p.removeEditor("manager@example.com");
    expect(p.canEdit()).toBe(true);
  });

  it("the spreadsheet owner can always edit, editor or not", () => {
    const { SpreadsheetApp, emu } = emulated({ owner: "owner@example.com", user: "manager@example.com" });
    const sheet = SpreadsheetApp.getActive().getActiveSheet();
    sheet.protect();
    expect(() => emu.edit("A1", "x", { user: "rep@example.com" })).toThrow(/protected cell/);
    emu.setUser("owner@example.com");
    sheet.getRange("A1").setValue("mine");
    expect(emu.spreadsheet.getRange("A1").getValue()).toBe("mine");
  });
});
