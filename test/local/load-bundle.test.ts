import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import vm from "node:vm";
import { loadBundle } from "../../src/local/load-bundle";

/** A tiny stand-in for dist/: enough to prove the loader's contract without building the add-on. */
function fixtureDist(code: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "gas-bundle-"));
  writeFileSync(path.join(dir, "Code.js"), code);
  writeFileSync(path.join(dir, "Sidebar.html"), "<p>sidebar</p>");
  writeFileSync(path.join(dir, "notes.js"), "throw new Error('only Code.js is loaded');");
  return dir;
}

const CODE = `
var counter = 0;
function bump() { return ++counter; }
function now() { return [new Date().toISOString(), Date.now(), typeof Date()]; }
function firstValueIsDate() {
  var v = SpreadsheetApp.getActive().getSheetByName("T").getRange("A1:B1").getValues();
  return [v instanceof Array, Array.isArray(v[0]), v[0][0] instanceof Date, v[0][0].getTime()];
}
function writeDate() {
  SpreadsheetApp.getActive().getSheetByName("T").getRange("C1").setValue(new Date(Date.UTC(2020, 0, 2)));
}
function catches() {
  var seen = [];
  var attempts = [
    function () { SpreadsheetApp.getActive().getSheetByName("T").getRange(0, 1); },
    function () { SpreadsheetApp.getActive().getSheetByName("T").getRange(1, 1).getRichTextValue(); },
    function () { SpreadsheetApp.newDataValidation().build(); },
    function () { Utilities.formatDate(new Date(), "Nowhere/Atlantis", "yyyy"); },
  ];
  attempts.forEach(function (f) {
    try { f(); seen.push("no error"); } catch (e) { seen.push(e instanceof Error); }
  });
  return seen;
}
function globalsSeen() {
  return ["require", "process", "setTimeout", "fetch", "module", "Buffer", "global"].map(function (n) {
    return n + ":" + typeof globalThis[n];
  });
}
function onEdit(e) { SpreadsheetApp.getActive().toast("edited " + e.range.getA1Notation() + " by " + e.user.getEmail()); }
function tick(e) { Logger.log("tick " + e.triggerUid); }
function include(name) { return HtmlService.createHtmlOutputFromFile(name).getContent(); }
function page() {
  var t = HtmlService.createTemplate('<?!= include("Sidebar") ?><i><?= Session.getActiveUser().getEmail() + who ?></i>');
  t.who = "<me>";
  return t.evaluate().getContent();
}
function lockAndForget() { LockService.getDocumentLock().waitLock(1000); return LockService.getDocumentLock().tryLock(0); }
function sidebar() { SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile("Sidebar").setTitle("S")); }
`;

describe("loadBundle", () => {
  const dist = fixtureDist(CODE);

  it("exposes the bundle's top-level functions and only emulated Apps Script globals", () => {
    const { ctx } = loadBundle({ dist });
    expect(typeof ctx.bump).toBe("function");
    expect(ctx.globalsSeen()).toEqual([
      "require:undefined",
      "process:undefined",
      "setTimeout:undefined",
      "fetch:undefined",
      "module:undefined",
      "Buffer:undefined",
      "global:undefined",
    ]);
    for (const g of [
      "SpreadsheetApp",
      "ScriptApp",
      "MailApp",
      "PropertiesService",
      "CacheService",
      "LockService",
      "HtmlService",
      "Session",
      "Utilities",
      "Logger",
      "console",
    ]) {
      expect(vm.runInContext(`typeof ${g}`, ctx as vm.Context)).toBe("object");
    }
  });

  it("gives every load a fresh context, and every execution a fresh global scope", () => {
    const a = loadBundle({ dist });
    expect([a.ctx.bump(), a.ctx.bump()]).toEqual([1, 1]);
    expect(loadBundle({ dist }).ctx.bump()).toBe(1);
  });

  it("makes new Date() and Date.now() follow the emulated clock", () => {
    const { ctx, emulator } = loadBundle({ dist, now: "2026-05-06T07:08:09Z" });
    expect(ctx.now()).toEqual(["2026-05-06T07:08:09.000Z", Date.parse("2026-05-06T07:08:09Z"), "string"]);
    emulator.clock.advance(1000);
    expect(ctx.now()[0]).toBe("2026-05-06T07:08:10.000Z");
  });

  it("hands the bundle Dates and arrays of its own realm, and reads its Dates back", () => {
    const { ctx, emulator } = loadBundle({ dist });
    const sheet = emulator.sheetFromValues("T", [[new Date("2026-01-01T00:00:00Z"), 1]]);
    expect(ctx.firstValueIsDate()).toEqual([true, true, true, Date.parse("2026-01-01T00:00:00Z")]);
    ctx.writeDate();
    expect((sheet.getRange("C1").getValue() as Date).toISOString()).toBe("2020-01-02T00:00:00.000Z");
    expect(ctx.catches()).toEqual([true, true, true, true]);
  });

  it("wires triggers and HTML files to the bundle", () => {
    // A bound script's own owner editing: the simple trigger may show the editor's e-mail.
    const owner = "me@example.com";
    const { ctx, emulator } = loadBundle({ dist, user: owner, owner, deployment: "bound" });
    emulator.sheetFromValues("T", [["x"]]);
    emulator.edit("T!A1", "y");
    expect(emulator.ui.toasts.map((t) => t.message)).toEqual(["edited A1 by me@example.com"]);
    const ScriptApp = emulator.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp;
    const t = ScriptApp.newTrigger("tick").timeBased().everyHours(1).create();
    emulator.advanceAndFire(2 * 3_600_000);
    expect(emulator.logs).toEqual([`tick ${t.getUniqueId()}`, `tick ${t.getUniqueId()}`]);
    ctx.sidebar();
    expect(emulator.ui.sidebars).toEqual([{ title: "S", html: "<p>sidebar</p>", width: null, height: null }]);
  });

  it("evaluates HtmlService templates in the bundle's realm (scriptlets see services and bundle functions)", () => {
    const { ctx } = loadBundle({ dist, user: "me@example.com" });
    expect(ctx.page()).toBe("<p>sidebar</p><i>me@example.com&lt;me&gt;</i>");
  });

  it("runs each top-level call as one execution: locks left held are released when it returns", () => {
    const { ctx } = loadBundle({ dist });
    expect(ctx.lockAndForget()).toBe(false);
    expect(ctx.lockAndForget()).toBe(false);
  });

  it("says how to build when Code.js is missing", () => {
    const empty = mkdtempSync(path.join(tmpdir(), "gas-empty-"));
    expect(() => loadBundle({ dist: empty })).toThrow("run `node build.mjs` first");
  });
});
