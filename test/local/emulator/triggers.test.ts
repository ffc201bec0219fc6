import { createEmulator } from "../../../src/local/emulator";

function script(opts: Parameters<typeof createEmulator>[0] = {}) {
  // A bound script: several time triggers per document (the add-on's limits are in fidelity/addon-triggers).
  const emu = createEmulator({
    now: "2026-11-23T09:00:00Z",
    scriptTimeZone: "Asia/Shanghai",
    deployment: "bound",
    ...opts,
  });
  const calls: { handler: string; event: any; at: string }[] = [];
  emu.setHandlerRunner((handler, event) => {
    if (handler === "missing") return false;
    if (handler === "boom") throw new Error("handler failed");
    calls.push({ handler, event, at: emu.clock.now().toISOString() });
    return true;
  });
  const ScriptApp = emu.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp;
  const SpreadsheetApp = emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  return { emu, calls, ScriptApp, SpreadsheetApp };
}

describe("ScriptApp triggers", () => {
  it("creates, lists and deletes triggers with ids, handlers, event types and sources", () => {
    const { ScriptApp, SpreadsheetApp } = script();
    const t = ScriptApp.newTrigger("nightly").timeBased().everyDays(1).atHour(2).create();
    const e = ScriptApp.newTrigger("handleEdit").forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create();
    expect(t.getHandlerFunction()).toBe("nightly");
    expect(t.getEventType()).toBe(ScriptApp.EventType.CLOCK);
    expect(e.getEventType()).toBe(ScriptApp.EventType.ON_EDIT);
    expect(e.getTriggerSource()).toBe(ScriptApp.TriggerSource.SPREADSHEETS);
    expect(t.getUniqueId()).not.toBe(e.getUniqueId());
    expect(ScriptApp.getProjectTriggers().map((x) => x.getHandlerFunction())).toEqual([
      "nightly",
      "handleEdit",
    ]);
    expect(ScriptApp.getUserTriggers(SpreadsheetApp.getActive()).map((x) => x.getHandlerFunction())).toEqual([
      "handleEdit",
    ]);
    ScriptApp.deleteTrigger(ScriptApp.getProjectTriggers()[0]);
    expect(ScriptApp.getProjectTriggers().map((x) => x.getHandlerFunction())).toEqual(["handleEdit"]);
    expect(ScriptApp.AuthMode.FULL).toBe("FULL");
    expect(() => ScriptApp.newTrigger("x").timeBased().everyHours(3)).toThrow();
  });

  it("spreadsheet triggers fire on open, form submit or change as chosen", () => {
    const { ScriptApp, SpreadsheetApp } = script();
    const on = () => ScriptApp.newTrigger("h").forSpreadsheet(SpreadsheetApp.getActive());
    const made = [on().onOpen(), on().onFormSubmit(), on().onChange()].map((b) => b.create());
    expect(made.map((t) => t.getEventType())).toEqual(["ON_OPEN", "ON_FORM_SUBMIT", "ON_CHANGE"]);
  });

  it("fires a daily trigger at its hour in the script zone, with Apps Script's event object", () => {
    const { emu, calls, ScriptApp } = script();
    const t = ScriptApp.newTrigger("nightly").timeBased().everyDays(1).atHour(2).create();
    // now is 17:00 in Shanghai; 02:00 Shanghai = 18:00Z the same UTC day.
    expect(emu.advanceAndFire(8 * 3_600_000)).toHaveLength(0);
    emu.advanceAndFire(2 * 3_600_000);
    expect(calls.map((c) => c.at)).toEqual(["2026-11-23T18:00:00.000Z"]);
    expect(calls[0].event).toEqual({
      authMode: "FULL",
      triggerUid: t.getUniqueId(),
      year: 2026,
      month: 11,
      "day-of-month": 23,
      "day-of-week": 1,
      "week-of-year": expect.any(Number),
      hour: 18,
      minute: 0,
      second: 0,
      timezone: "UTC",
    });
    expect(emu.clock.now().toISOString()).toBe("2026-11-23T19:00:00.000Z");
    emu.advanceAndFire(3 * 24 * 3_600_000);
    expect(calls.map((c) => c.at.slice(0, 13))).toEqual([
      "2026-11-23T18",
      "2026-11-24T18",
      "2026-11-25T18",
      "2026-11-26T18",
    ]);
  });

  it("honours inTimezone, weekly, hourly and one-off triggers, in chronological order", () => {
    const { emu, calls, ScriptApp } = script();
    ScriptApp.newTrigger("weekly")
      .timeBased()
      .onWeekDay(ScriptApp.WeekDay.MONDAY)
      .atHour(8)
      .inTimezone("UTC")
      .create();
    ScriptApp.newTrigger("hourly").timeBased().everyHours(6).create();
    ScriptApp.newTrigger("once")
      .timeBased()
      .after(90 * 60_000)
      .create();
    ScriptApp.newTrigger("at").timeBased().at(new Date("2026-11-24T00:00:00Z")).create();
    emu.advanceAndFire(7 * 24 * 3_600_000);
    const seq = calls.map((c) => `${c.handler}@${c.at.slice(5, 16)}`);
    expect(seq.slice(0, 4)).toEqual([
      "once@11-23T10:30",
      "hourly@11-23T15:00",
      "hourly@11-23T21:00",
      "at@11-24T00:00",
    ]);
    expect(seq.filter((s) => s.startsWith("weekly"))).toEqual(["weekly@11-30T08:00"]);
    expect(seq.filter((s) => s.startsWith("hourly"))).toHaveLength(28);
    const sorted = [...calls.map((c) => c.at)].sort();
    expect(calls.map((c) => c.at)).toEqual(sorted);
    expect(
      ScriptApp.getProjectTriggers()
        .map((t) => t.getHandlerFunction())
        .sort(),
    ).toEqual(["hourly", "weekly"]);
  });

  it("runDueTriggers fires what is due at the current time; atDate schedules midnight in the script zone", () => {
    const { emu, calls, ScriptApp } = script();
    ScriptApp.newTrigger("report").timeBased().atDate(2026, 11, 25).create();
    emu.clock.set("2026-11-24T15:59:59Z");
    expect(emu.runDueTriggers()).toEqual([]);
    emu.clock.set("2026-11-24T16:30:00Z"); // 00:30 on the 25th in Shanghai
    expect(emu.runDueTriggers().map((r) => r.handler)).toEqual(["report"]);
    expect(calls[0].at).toBe("2026-11-24T16:30:00.000Z");
    expect(calls[0].event.minute).toBe(0);
    expect(ScriptApp.getProjectTriggers()).toHaveLength(0);
  });

  it("everyWeeks(2) fires every other week", () => {
    const { emu, calls, ScriptApp } = script();
    ScriptApp.newTrigger("fortnight")
      .timeBased()
      .everyWeeks(2)
      .onWeekDay(ScriptApp.WeekDay.FRIDAY)
      .atHour(9)
      .create();
    emu.advanceAndFire(35 * 24 * 3_600_000);
    expect(calls.map((c) => c.at.slice(0, 10))).toEqual(["2026-11-27", "2026-12-11", "2026-12-25"]);
  });

  it("onMonthDay fires monthly at its hour, skipping months without the day", () => {
    const { emu, calls, ScriptApp } = script({ now: "2026-12-01T00:00:00Z" });
    ScriptApp.newTrigger("monthly").timeBased().onMonthDay(31).atHour(6).inTimezone("UTC").create();
    emu.advanceAndFire(130 * 24 * 3_600_000);
    expect(calls.map((c) => c.at.slice(0, 13))).toEqual(["2026-12-31T06", "2027-01-31T06", "2027-03-31T06"]);
  });

  it("records handler errors as failed executions instead of throwing", () => {
    const { emu, ScriptApp } = script();
    ScriptApp.newTrigger("boom").timeBased().after(1000).create();
    const runs = emu.advanceAndFire(2000);
    expect(runs).toHaveLength(1);
    expect(runs[0].error!.message).toBe("handler failed");
    expect(emu.executions).toHaveLength(1);
  });

  it("limits a user to 20 triggers per script", () => {
    const { ScriptApp } = script();
    for (let i = 0; i < 20; i++) ScriptApp.newTrigger(`h${i}`).timeBased().everyHours(1).create();
    expect(() => ScriptApp.newTrigger("h21").timeBased().everyHours(1).create()).toThrow(
      "This script has too many triggers. Triggers must be deleted from the script before more can be added.",
    );
  });
});

describe("user edits", () => {
  it("applies the edit, then runs simple onEdit (LIMITED) and installable onEdit (FULL) with event objects", () => {
    // One Workspace domain, so the editor's e-mail is visible (see fidelity/identity for other accounts).
    const { emu, calls, ScriptApp, SpreadsheetApp } = script({
      workspaceDomain: "corp.cn",
      owner: "owner@corp.cn",
    });
    const sheet = emu.sheetFromValues("Customers", [["Name"], ["Ann"]]);
    const t = ScriptApp.newTrigger("handleEdit").forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create();
    const runs = emu.edit("Customers!A2", "Bob", { user: "sales@corp.cn" });
    expect(runs.map((r) => `${r.kind}:${r.handler}`)).toEqual(["simple:onEdit", "installable:handleEdit"]);
    expect(sheet.getRange("A2").getValue()).toBe("Bob");
    const [simple, installable] = calls.map((c) => c.event);
    expect(simple.authMode).toBe("LIMITED");
    expect([simple.value, simple.oldValue]).toEqual(["Bob", "Ann"]);
    expect(simple.range.getA1Notation()).toBe("A2");
    expect(simple.range.getSheet().getName()).toBe("Customers");
    expect(simple.user.getEmail()).toBe("sales@corp.cn");
    expect(simple.source.getId()).toBe(SpreadsheetApp.getActive().getId());
    expect(installable.authMode).toBe("FULL");
    expect(installable.triggerUid).toBe(t.getUniqueId());
  });

  it("multi-cell edits carry no value; protected and invalid edits are refused and change nothing", () => {
    const { emu, calls, SpreadsheetApp } = script();
    const sheet = emu.sheetFromValues("T", [["a", "b"]]);
    emu.edit("T!A2:B2", [[1, 2]]);
    expect(calls[0].event.value).toBeUndefined();
    emu.edit("T!C2", true);
    expect(calls[1].event.value).toBe("TRUE");
    expect(calls[0].event.range.getA1Notation()).toBe("A2:B2");
    sheet
      .getRange("C1")
      .setDataValidation(
        SpreadsheetApp.newDataValidation()
          .requireValueInList(["x", "y"])
          .setAllowInvalid(false)
          .setHelpText("x or y")
          .build(),
      );
    expect(() => emu.edit("T!C1", "z")).toThrow("x or y");
    const p = sheet.protect();
    p.removeEditors(p.getEditors());
    expect(() => emu.edit("T!A1", "zz", { user: "other@example.com" })).toThrow(
      "You are trying to edit a protected cell",
    );
    expect(sheet.getRange("A1:C1").getValues()).toEqual([["a", "b", ""]]);
  });

  it("change() applies a structural change and runs onChange triggers; edits fire onChange EDIT", () => {
    const { emu, calls, ScriptApp, SpreadsheetApp } = script({
      workspaceDomain: "corp.cn",
      owner: "owner@corp.cn",
    });
    emu.sheetFromValues("T", [["a"], ["b"]]);
    const t = ScriptApp.newTrigger("changed").forSpreadsheet(SpreadsheetApp.getActive()).onChange().create();
    emu.change("INSERT_ROW", (ss) => ss.getSheetByName("T")!.insertRowsBefore(1, 1), {
      user: "u@corp.cn",
    });
    expect(emu.spreadsheet.getSheetByName("T")!.getRange("A2").getValue()).toBe("a");
    expect(
      calls.map((c) => [c.handler, c.event.changeType, c.event.triggerUid, c.event.user.getEmail()]),
    ).toEqual([["changed", "INSERT_ROW", t.getUniqueId(), "u@corp.cn"]]);
    emu.edit("T!A1", "x");
    expect(calls.map((c) => `${c.handler}:${c.event.changeType ?? ""}`)).toEqual([
      "changed:INSERT_ROW",
      "onEdit:",
      "changed:EDIT",
    ]);
  });

  it("open() runs onOpen with an event", () => {
    const { emu, calls } = script();
    emu.open("NONE");
    expect(calls[0].handler).toBe("onOpen");
    expect(calls[0].event.authMode).toBe("NONE");
  });

  it("simple triggers run in their auth mode: NONE allows only the menu, LIMITED refuses mail", () => {
    const emu = createEmulator();
    const g = emu.globals as any;
    const seen: string[] = [];
    emu.setHandlerRunner((handler) => {
      const attempt = (what: string, fn: () => unknown) => {
        try {
          fn();
          seen.push(`${handler} ${what}: ok`);
        } catch (e) {
          seen.push(`${handler} ${what}: ${(e as Error).message}`);
        }
      };
      attempt("menu", () => g.SpreadsheetApp.getUi().createAddonMenu().addItem("x", "y").addToUi());
      attempt("properties", () => g.PropertiesService.getDocumentProperties());
      attempt("mail", () => g.MailApp.sendEmail("a@example.com", "s", "b"));
      return true;
    });
    emu.open("NONE");
    emu.edit("A1", 1);
    expect(seen).toEqual([
      "onOpen menu: ok",
      "onOpen properties: You do not have permission to call PropertiesService.getDocumentProperties. Required permissions are not granted in this authorization mode.",
      "onOpen mail: You do not have permission to call MailApp.sendEmail. Required permissions are not granted in this authorization mode.",
      "onEdit menu: ok",
      "onEdit properties: ok",
      "onEdit mail: You do not have permission to call MailApp.sendEmail. Required permissions are not granted in this authorization mode.",
    ]);
    (g.PropertiesService as GoogleAppsScript.Properties.PropertiesService).getDocumentProperties();
  });
});
