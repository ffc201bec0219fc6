// SpreadsheetApp.getUi() exists only where an editor is in front of the user: menus, sidebars
// (google.script.run), simple triggers and installable open triggers; time-driven triggers, web apps and API
// executions throw "Cannot call SpreadsheetApp.getUi() from this context."
// https://developers.google.com/apps-script/guides/dialogs
// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#getUi()
import { NO_UI_TEXT } from "../../../../src/local/emulator";
import { emulated, HOUR } from "./harness";

describe("getUi() by execution context", () => {
  it("works in menu and sidebar executions (the default), not in web app or API ones", () => {
    const { emu, SpreadsheetApp } = emulated();
    expect(() => SpreadsheetApp.getUi()).not.toThrow();
    expect(() => emu.execution(() => SpreadsheetApp.getUi(), { context: "menu" })).not.toThrow();
    expect(() => emu.execution(() => SpreadsheetApp.getUi())).not.toThrow();
    expect(() => emu.execution(() => SpreadsheetApp.getUi(), { context: "webapp" })).toThrow(NO_UI_TEXT);
    expect(() => emu.execution(() => SpreadsheetApp.getUi(), { context: "api" })).toThrow(NO_UI_TEXT);
    // A nested execution keeps its outer one's context.
    expect(() =>
      emu.execution(() => emu.execution(() => SpreadsheetApp.getUi(), { context: "menu" }), {
        context: "time-trigger",
      }),
    ).toThrow(NO_UI_TEXT);
  });

  it("throws in a time-driven trigger; works in simple and installable open triggers", () => {
    const ui = (e: { error?: unknown }) => e;
    const h = emulated(
      {},
      {
        hClock: () => h.SpreadsheetApp.getUi(),
        onOpen: () => h.SpreadsheetApp.getUi().createAddonMenu().addItem("x", "y").addToUi(),
        hOpen: () => h.SpreadsheetApp.getUi().alert("hi"),
        hChange: () => h.SpreadsheetApp.getUi(),
      },
    );
    h.ScriptApp.newTrigger("hClock").timeBased().everyHours(1).create();
    h.ScriptApp.newTrigger("hOpen").forSpreadsheet(h.SpreadsheetApp.getActive()).onOpen().create();
    h.ScriptApp.newTrigger("hChange").forSpreadsheet(h.SpreadsheetApp.getActive()).onChange().create();
    const [clock] = h.emu.advanceAndFire(HOUR);
    expect(ui(clock).error).toEqual(expect.objectContaining({ message: NO_UI_TEXT }));
    const [simple, installable] = h.emu.open();
    expect([simple.error, installable.error]).toEqual([null, null]);
    const [change] = h.emu.change("INSERT_ROW", (ss) => ss.getSheets()[0].insertRowAfter(1));
    expect(change.error).toEqual(expect.objectContaining({ message: NO_UI_TEXT }));
    // Outside any execution (a test's own call) the UI is there again.
    expect(() => h.SpreadsheetApp.getUi()).not.toThrow();
  });
});
