/**
 * Apps Script runs every server call, menu item and trigger as a new execution: the script's global code
 * is evaluated afresh each time, so nothing kept in global or module-level variables survives; only
 * Properties, Cache and the documents keep state between executions.
 * https://developers.google.com/apps-script/guides/v8-runtime (each execution loads the project afresh)
 * https://developers.google.com/apps-script/guides/properties ("to persist ... between executions")
 */
import { loadBundle } from "../../../../src/local/load-bundle";
import { fixtureDist } from "./fixture-dist";

/** Shaped like an esbuild bundle: module state inside an IIFE, top-level forwarders. */
const CODE = `
"use strict";
var Bundle = (() => {
  let memo = null;
  const registry = new Map();
  function remember(x) { if (memo === null) memo = x; return memo; }
  function register(name) { registry.set(name, true); return registry.size; }
  return { remember, register };
})();
var loose;
function remember(x) { return Bundle.remember(x); }
function register(name) { return Bundle.register(name); }
function setLoose(v) { loose = v; globalThis.leaked = v; return [loose, typeof leaked]; }
function readLoose() { return [typeof loose, typeof leaked]; }
function nested() { return [register("a"), register("b"), viaTopLevel()]; }
function viaTopLevel() { return register("c"); }
function tick(e) { Logger.log("tick " + register("tick")); }
function onEdit(e) { Logger.log("edit " + register("edit")); }
function keep(v) {
  PropertiesService.getDocumentProperties().setProperty("p", v);
  CacheService.getDocumentCache().put("c", v);
  SpreadsheetApp.getActive().getSheetByName("T").getRange("A1").setValue(v);
}
function readKept() {
  return [
    PropertiesService.getDocumentProperties().getProperty("p"),
    CacheService.getDocumentCache().get("c"),
    SpreadsheetApp.getActive().getSheetByName("T").getRange("A1").getValue(),
  ];
}
function datesAreDates() {
  var v = SpreadsheetApp.getActive().getSheetByName("T").getRange("B1").getValue();
  return v instanceof Date && new Date() instanceof Date;
}
function boom() { throw new Error("boom"); }
`;

describe("every execution starts from a fresh evaluation of Code.js", () => {
  const dist = fixtureDist(CODE);

  it("keeps no module-level state (a memo, a registry) from one execution to the next", () => {
    const { ctx } = loadBundle({ dist });
    expect([ctx.remember(1), ctx.remember(2)]).toEqual([1, 2]);
    expect([ctx.register("x"), ctx.register("y")]).toEqual([1, 1]);
  });

  it("clears global variables and globals an execution added", () => {
    const { ctx } = loadBundle({ dist });
    expect(ctx.setLoose(5)).toEqual([5, "number"]);
    expect(ctx.readLoose()).toEqual(["undefined", "undefined"]);
  });

  it("runs calls made inside one execution as plain calls on that execution's state", () => {
    const { ctx } = loadBundle({ dist });
    expect(ctx.nested()).toEqual([1, 2, 3]);
  });

  it("runs every trigger on a fresh evaluation too", () => {
    const { emulator } = loadBundle({ dist });
    emulator.sheetFromValues("T", [["x"]]);
    const ScriptApp = emulator.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp;
    ScriptApp.newTrigger("tick").timeBased().everyHours(1).create();
    emulator.advanceAndFire(2 * 3_600_000);
    emulator.edit("T!A1", "y");
    emulator.edit("T!A1", "z");
    expect(emulator.logs).toEqual(["tick 1", "tick 1", "edit 1", "edit 1"]);
  });

  it("carries Properties, Cache and the spreadsheet from one execution to the next", () => {
    const { ctx, emulator } = loadBundle({ dist });
    emulator.sheetFromValues("T", [[""]]);
    ctx.keep("kept");
    expect(ctx.readKept()).toEqual(["kept", "kept", "kept"]);
  });

  it("keeps the realm: emulator Dates are instanceof Date in every evaluation", () => {
    const { ctx, emulator } = loadBundle({ dist });
    emulator.sheetFromValues("T", [["", new Date("2026-01-01T00:00:00Z")]]);
    expect([ctx.datesAreDates(), ctx.datesAreDates(), ctx.datesAreDates()]).toEqual([true, true, true]);
  });

  it("measures what an evaluation costs and records each execution", () => {
    const bundle = loadBundle({ dist });
    bundle.ctx.register("a");
    bundle.ctx.register("b");
    expect(() => bundle.ctx.boom()).toThrow("boom");
    // One evaluation at load (serving the first execution), then one per further execution.
    expect(bundle.coldLoads).toBe(3);
    expect(bundle.coldLoadMs).toBeGreaterThan(0);
    expect(bundle.executions.map((e) => [e.name, e.context, e.error])).toEqual([
      ["register", "sidebar", null],
      ["register", "sidebar", null],
      ["boom", "sidebar", "boom"],
    ]);
    expect(bundle.executions.every((e) => e.loadMs > 0)).toBe(true);
  });

  it("records a trigger's execution under its handler and context", () => {
    const { emulator, executions } = loadBundle({ dist });
    emulator.sheetFromValues("T", [["x"]]);
    emulator.edit("T!A1", "y");
    expect(executions.map((e) => [e.name, e.context])).toEqual([["onEdit", "simple-trigger"]]);
  });
});
