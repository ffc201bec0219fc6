// Calls need the OAuth scopes their reference pages list; a manifest without them is refused with Apps
// Script's text. https://developers.google.com/apps-script/concepts/scopes
// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#openById(String)
import { readFileSync } from "node:fs";
import path from "node:path";
import { createEmulator } from "../../../../src/local/emulator";

const CURRENT_ONLY = "https://www.googleapis.com/auth/spreadsheets.currentonly";
const SPREADSHEETS = "https://www.googleapis.com/auth/spreadsheets";

describe("OAuth scopes of the manifest", () => {
  it("spreadsheets.currentonly reaches the active spreadsheet but cannot create or open another", () => {
    const emu = createEmulator({ oauthScopes: [CURRENT_ONLY] });
    const SpreadsheetApp = emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    expect(SpreadsheetApp.getActive().getName()).toBeTruthy();
    expect(() => SpreadsheetApp.create("Backups")).toThrow(
      `You do not have permission to call SpreadsheetApp.create. Required permissions: ${SPREADSHEETS}`,
    );
    expect(() => SpreadsheetApp.openById(SpreadsheetApp.getActive().getId())).toThrow(
      "You do not have permission to call SpreadsheetApp.openById",
    );
  });

  it("mail and triggers need their own scopes", () => {
    const emu = createEmulator({ oauthScopes: [SPREADSHEETS] });
    expect(() =>
      (emu.globals.MailApp as GoogleAppsScript.Mail.MailApp).sendEmail("a@example.com", "s", "b"),
    ).toThrow("Required permissions: https://www.googleapis.com/auth/script.send_mail");
    expect(() => (emu.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp).newTrigger("x")).toThrow(
      "Required permissions: https://www.googleapis.com/auth/script.scriptapp",
    );
  });

  it("the shipped manifest declares every scope the add-on's calls need", () => {
    const manifest = JSON.parse(readFileSync(path.join(__dirname, "../../../../appsscript.json"), "utf8"));
    const emu = createEmulator({ oauthScopes: manifest.oauthScopes, deployment: "bound" });
    const g = emu.globals as {
      SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
      MailApp: GoogleAppsScript.Mail.MailApp;
      ScriptApp: GoogleAppsScript.Script.ScriptApp;
    };
    const created = g.SpreadsheetApp.create("Backups");
    expect(g.SpreadsheetApp.openById(created.getId()).getName()).toBe("Backups");
    g.MailApp.sendEmail("a@example.com", "s", "b");
    expect(g.ScriptApp.getUserTriggers(g.SpreadsheetApp.getActive())).toEqual([]);
  });
});
