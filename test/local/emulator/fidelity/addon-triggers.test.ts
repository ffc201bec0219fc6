// Editor add-on trigger rules: one trigger of each type per user per document, time-driven triggers at most
// hourly, triggers only for the add-on's own file; getProjectTriggers() spans every document of the project.
// https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions
// https://developers.google.com/apps-script/reference/script/script-app#getProjectTriggers()
import { createProject } from "../../../../src/local/emulator";
import { emulated, HOUR } from "./harness";

const TOO_MANY_CLOCK =
  "This add-on has created too many time-based triggers in this document for this Google user account.";

describe("editor add-on triggers (deployment: addon, the default)", () => {
  it("allows one trigger of each event type per user per document", () => {
    const { ScriptApp, SpreadsheetApp, emu } = emulated();
    const ss = SpreadsheetApp.getActive();
    ScriptApp.newTrigger("hNightly").timeBased().everyDays(1).atHour(2).create();
    expect(() => ScriptApp.newTrigger("hOther").timeBased().everyHours(6).create()).toThrow(TOO_MANY_CLOCK);
    ScriptApp.newTrigger("hEdit").forSpreadsheet(ss).onEdit().create();
    expect(() => ScriptApp.newTrigger("hEdit2").forSpreadsheet(ss).onEdit().create()).toThrow(
      "This add-on has created too many edit triggers in this document for this Google user account.",
    );
    ScriptApp.newTrigger("hChange").forSpreadsheet(ss).onChange().create();
    ScriptApp.newTrigger("hOpen").forSpreadsheet(ss).onOpen().create();
    expect(emu.triggers().map((t) => t.eventType)).toEqual(["CLOCK", "ON_EDIT", "ON_CHANGE", "ON_OPEN"]);
    // Another user has a set of their own in the same document.
    emu.setUser("rep@example.com");
    ScriptApp.newTrigger("hNightly").timeBased().everyDays(1).create();
    expect(
      emu
        .triggers()
        .filter((t) => t.eventType === "CLOCK")
        .map((t) => t.owner),
    ).toEqual(["owner@example.com", "rep@example.com"]);
  });

  it("refuses time-driven triggers more frequent than hourly, one-offs less than an hour ahead included", () => {
    const { ScriptApp } = emulated();
    const hourly = /once per hour/;
    expect(() => ScriptApp.newTrigger("h").timeBased().everyMinutes(30)).toThrow(hourly);
    expect(() =>
      ScriptApp.newTrigger("h")
        .timeBased()
        .after(59 * 60_000)
        .create(),
    ).toThrow(hourly);
    expect(() =>
      ScriptApp.newTrigger("h")
        .timeBased()
        .at(new Date(Date.parse("2026-11-23T09:30:00Z")))
        .create(),
    ).toThrow(hourly);
    expect(ScriptApp.newTrigger("h").timeBased().after(HOUR).create().getEventType()).toBe("CLOCK");
  });

  it("creates triggers only for the document the add-on runs in", () => {
    const project = createProject();
    const a = emulated({ project });
    const b = emulated({ project });
    expect(() =>
      a.ScriptApp.newTrigger("h").forSpreadsheet(b.SpreadsheetApp.getActive().getId()).onEdit().create(),
    ).toThrow("Add-ons can only create triggers for the file in which the add-on is used.");
  });

  it("getProjectTriggers() lists the user's triggers in every document: deleting them in one deletes the other's", () => {
    const project = createProject();
    const a = emulated({ project });
    const b = emulated({ project });
    a.ScriptApp.newTrigger("hNightly").timeBased().everyDays(1).create();
    b.ScriptApp.newTrigger("hNightly").timeBased().everyDays(1).create();
    expect(b.ScriptApp.getProjectTriggers()).toHaveLength(2);
    expect(b.ScriptApp.getUserTriggers(b.SpreadsheetApp.getActive())).toHaveLength(1);
    for (const t of b.ScriptApp.getProjectTriggers()) b.ScriptApp.deleteTrigger(t);
    expect(a.emu.triggers()).toHaveLength(0);
    expect(a.emu.advanceAndFire(2 * 24 * HOUR)).toHaveLength(0);
  });

  it("a document fires only its own triggers, as their creator", () => {
    const project = createProject();
    const a = emulated({ project, user: "manager@example.com" });
    const b = emulated({ project });
    a.ScriptApp.newTrigger("hNightly").timeBased().everyHours(1).create();
    expect(b.emu.advanceAndFire(3 * HOUR)).toHaveLength(0);
    a.emu.setUser("someone@example.com");
    const fired = a.emu.advanceAndFire(HOUR);
    expect(fired.map((x) => x.handler)).toEqual(["hNightly"]);
    expect(a.emu.project.allTriggers()[0].owner).toBe("manager@example.com");
  });
});

describe("bound scripts (deployment: bound)", () => {
  it("have no per-type or hourly limit", () => {
    const { ScriptApp, SpreadsheetApp } = emulated({ deployment: "bound" });
    ScriptApp.newTrigger("h1").timeBased().everyMinutes(5).create();
    ScriptApp.newTrigger("h2").timeBased().after(60_000).create();
    ScriptApp.newTrigger("h3").forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create();
    ScriptApp.newTrigger("h4").forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create();
    expect(ScriptApp.getProjectTriggers()).toHaveLength(4);
    expect(ScriptApp.getUserTriggers(SpreadsheetApp.getActive()).map((t) => t.getHandlerFunction())).toEqual([
      "h3",
      "h4",
    ]);
  });
});
