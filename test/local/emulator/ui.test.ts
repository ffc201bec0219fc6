import { createEmulator } from "../../../src/local/emulator";

function ui() {
  const emu = createEmulator();
  const SpreadsheetApp = emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const HtmlService = emu.globals.HtmlService as GoogleAppsScript.HTML.HtmlService;
  return { emu, SpreadsheetApp, HtmlService, Ui: SpreadsheetApp.getUi() };
}

describe("Ui recorder", () => {
  it("records custom and add-on menus with items, separators and submenus; re-adding replaces", () => {
    const { emu, Ui } = ui();
    Ui.createAddonMenu()
      .addItem("Open", "menuOpen")
      .addSeparator()
      .addSubMenu(Ui.createMenu("More").addItem("Two", "two"))
      .addToUi();
    Ui.createMenu("CRM").addItem("One", "one").addToUi();
    Ui.createMenu("CRM").addItem("Uno", "one").addToUi();
    expect(emu.ui.menus).toEqual([
      {
        title: "",
        addon: true,
        items: [
          { kind: "item", caption: "Open", handler: "menuOpen" },
          { kind: "separator" },
          { kind: "submenu", caption: "More", items: [{ kind: "item", caption: "Two", handler: "two" }] },
        ],
      },
      { title: "CRM", addon: false, items: [{ kind: "item", caption: "Uno", handler: "one" }] },
    ]);
    expect(emu.ui.addonMenu()!.items).toHaveLength(3);
  });

  it("alerts and prompts take scripted answers in order, defaulting to OK / YES", () => {
    const { emu, Ui } = ui();
    emu.ui.answers.push("NO", { button: "OK", text: "Ann" });
    expect(Ui.alert("Delete?", "Really delete 3 rows?", Ui.ButtonSet.YES_NO)).toBe(Ui.Button.NO);
    const r = Ui.prompt("Name?", Ui.ButtonSet.OK_CANCEL);
    expect([r.getResponseText(), r.getSelectedButton()]).toEqual(["Ann", Ui.Button.OK]);
    expect(Ui.alert("Done")).toBe("OK");
    expect(Ui.alert("Sure?", Ui.ButtonSet.YES_NO)).toBe("YES");
    expect(emu.ui.alerts).toEqual([
      { kind: "alert", title: "Delete?", message: "Really delete 3 rows?", buttons: "YES_NO", answer: "NO" },
      { kind: "prompt", title: "", message: "Name?", buttons: "OK_CANCEL", answer: "OK" },
      { kind: "alert", title: "", message: "Done", buttons: "OK", answer: "OK" },
      { kind: "alert", title: "", message: "Sure?", buttons: "YES_NO", answer: "YES" },
    ]);
  });

  it("records sidebars and dialogs with their HtmlOutput", () => {
    const { emu, Ui, HtmlService } = ui();
    Ui.showSidebar(HtmlService.createHtmlOutput("<p>x</p>").setTitle("Side").setWidth(300));
    Ui.showModalDialog(HtmlService.createHtmlOutput("<p>y</p>").setHeight(200), "Preview");
    expect(emu.ui.sidebars).toEqual([{ title: "Side", html: "<p>x</p>", width: 300, height: null }]);
    expect(emu.ui.dialogs).toEqual([
      { title: "Preview", html: "<p>y</p>", width: null, height: 200, modal: true },
    ]);
    expect(() => Ui.showSidebar("<p>raw</p>" as never)).toThrow("Invalid argument: userInterface");
  });
});

describe("emulator.spreadsheet (set-up and assertions)", () => {
  it("works on the same workbook without counting calls or tripping faults", () => {
    const { emu, SpreadsheetApp } = ui();
    emu.resetCounts();
    emu.spreadsheet.insertSheet("T").getRange("A1").setValue(1);
    expect(emu.counts()).toEqual({});
    emu.faults.timeLimit(0);
    expect(emu.spreadsheet.getSheetByName("T")!.getRange("A1").getValue()).toBe(1);
    expect(() => SpreadsheetApp.getActive()).toThrow("Exceeded maximum execution time");
    emu.faults.reset();
    expect(SpreadsheetApp.getActive().getSheetByName("T")!.getRange("A1").getValue()).toBe(1);
    SpreadsheetApp.flush();
    expect(SpreadsheetApp.getActive().getSheetByName("T")).toBe(SpreadsheetApp.getActive().getSheets()[1]);
  });

  it("a trigger run's locks are released when it ends, even if it failed", () => {
    // A bound script (add-ons may not schedule one-off triggers under an hour ahead).
    const emu = createEmulator({ deployment: "bound" });
    const LockService = emu.globals.LockService as GoogleAppsScript.Lock.LockService;
    emu.setHandlerRunner(() => {
      LockService.getDocumentLock().waitLock(1000);
      throw new Error("crash while holding the lock");
    });
    (emu.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp)
      .newTrigger("job")
      .timeBased()
      .after(1000)
      .create();
    expect(emu.advanceAndFire(2000)[0].error!.message).toBe("crash while holding the lock");
    expect(LockService.getDocumentLock().tryLock(0)).toBe(true);
  });
});
