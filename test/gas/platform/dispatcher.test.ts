/**
 * The add-on's triggers as an Editor Add-on must hold them: one hourly time-driven dispatcher and one edit
 * trigger per user per document, found with getUserTriggers, and every scheduled job run by the dispatcher
 * once per slot (https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions).
 * The bundle runs on the emulator in add-on mode (its default); the book starts on Monday 2026-11-23 at
 * 17:00 in the spreadsheet's zone (Asia/Shanghai).
 */
import { createProject, type Project } from "../../../src/local/emulator";
import { MANAGER, OWNER, fixtureSheets } from "../../../src/local/faults/fixture";
import { loadBundle, type LoadedBundle } from "../../../src/local/load-bundle";
import { auditRows } from "../trust/harness";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function book(project?: Project): LoadedBundle {
  const loaded = loadBundle({ owner: OWNER, user: OWNER, ...(project ? { project } : {}) });
  for (const s of fixtureSheets(1)) loaded.emulator.sheetFromValues(s.name, s.values);
  loaded.ctx.setUpSheets();
  return loaded;
}

/** This document's triggers of `user`, as [handler, event type], sorted. */
function triggersOf(b: LoadedBundle, user = OWNER): string[][] {
  return b.emulator
    .triggers()
    .filter((t) => t.owner === user)
    .map((t) => [t.handler, t.eventType])
    .sort();
}

/** How many audit entries the job named `job` wrote (one per run, failed or not). */
function runsOf(b: LoadedBundle, job: string): number {
  return auditRows(b).filter((r) => r[6] === job).length;
}

const menu = (b: LoadedBundle, name: string) => b.invoke(name, [], { context: "menu" });
/** One run of the dispatcher as its trigger would start it. */
const tick = (b: LoadedBundle) => b.invoke("handleDispatch", [{}], { context: "time-trigger" });

function notifyOn(b: LoadedBundle, settings: Record<string, unknown>): void {
  const r = b.ctx.saveNotifySettings({ ...b.ctx.getNotifySettings(), managers: [MANAGER], ...settings });
  expect(r.ok).toBe(true);
  menu(b, "menuInstallNotifications");
}

const ONE_CLOCK_ONE_EDIT = [
  ["handleDispatch", "CLOCK"],
  ["handleEdit", "ON_EDIT"],
];

describe("triggers", () => {
  it("set-up installs the edit trigger only, once however often it runs", () => {
    const b = book();
    b.ctx.setUpSheets();
    expect(triggersOf(b)).toEqual([["handleEdit", "ON_EDIT"]]);
  });

  it("every install path leaves one time-driven and one edit trigger", () => {
    const b = book();
    menu(b, "menuInstallNightly");
    menu(b, "menuInstallNightly");
    expect(b.ctx.setNightlyClassify(true)).toBe(true);
    notifyOn(b, {});
    notifyOn(b, { reminderHour: 7 });
    menu(b, "menuInstallWeeklyBackup");
    menu(b, "menuInstallWeeklyBackup");
    b.ctx.setUpSheets();
    b.emulator.edit("Orders!D2", 600);
    b.emulator.edit("Orders!D3", 700);
    expect(triggersOf(b)).toEqual(ONE_CLOCK_ONE_EDIT);
    expect(b.ctx.getNightlyClassify()).toBe(true);
  });

  it("turning every scheduled feature off removes the time-driven trigger, not the edit trigger", () => {
    const b = book();
    b.ctx.setNightlyClassify(true);
    expect(triggersOf(b)).toEqual(ONE_CLOCK_ONE_EDIT);
    menu(b, "menuRemoveNightly");
    expect(b.ctx.getNightlyClassify()).toBe(false);
    expect(triggersOf(b)).toEqual([["handleEdit", "ON_EDIT"]]);
  });

  it("finds triggers with getUserTriggers: another document's triggers survive", () => {
    const project = createProject();
    const first = book(project);
    const second = book(project);
    expect(first.emulator.spreadsheet.getId()).not.toBe(second.emulator.spreadsheet.getId());
    first.ctx.setNightlyClassify(true);
    second.ctx.setNightlyClassify(true);
    menu(second, "menuInstallWeeklyBackup");
    first.ctx.setNightlyClassify(false);
    first.ctx.setUpSheets();
    const all = project.allTriggers().map((t) => [t.handler, t.eventType, t.owner]);
    expect(all.filter(([h]) => h === "handleDispatch")).toEqual([["handleDispatch", "CLOCK", OWNER]]);
    expect(triggersOf(second)).toEqual(ONE_CLOCK_ONE_EDIT);
    expect(triggersOf(first)).toEqual([["handleEdit", "ON_EDIT"]]);
    expect(first.emulator.countOf("ScriptApp.getProjectTriggers")).toBe(0);
    expect(second.emulator.countOf("ScriptApp.getProjectTriggers")).toBe(0);
  });

  it("replaces an older version's trigger with the dispatcher, keeping its feature on", () => {
    const b = book();
    const ScriptApp = b.emulator.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp;
    ScriptApp.newTrigger("handleNightlyClassify").timeBased().everyDays(1).atHour(2).create();
    // The old trigger fires: it runs its job as before, then the dispatcher takes over.
    b.invoke("handleNightlyClassify", [{}], { context: "time-trigger" });
    expect(runsOf(b, "classify")).toBe(1);
    expect(triggersOf(b)).toEqual(ONE_CLOCK_ONE_EDIT);
    expect(b.ctx.getNightlyClassify()).toBe(true);
    // The dispatcher does not repeat that night's run.
    tick(b);
    expect(runsOf(b, "classify")).toBe(1);
  });
});

describe("the dispatcher", () => {
  it("runs the nightly classification once in its hour, not twice, once after missed hours, never while off", () => {
    const b = book();
    b.ctx.setNightlyClassify(true);
    // Mon 17:00 → Tue 01:30: nothing is owed yet (Monday's 02:00 was before it was turned on).
    b.emulator.advanceAndFire(8.5 * HOUR);
    expect(runsOf(b, "classify")).toBe(0);
    b.emulator.advanceAndFire(HOUR); // Tuesday's 02:00 run
    expect(runsOf(b, "classify")).toBe(1);
    tick(b); // a second run in the same hour
    tick(b);
    b.emulator.advanceAndFire(20 * HOUR);
    expect(runsOf(b, "classify")).toBe(1);
    // Nothing fires from Tue 22:30 to Wed 05:30 (missed hours): the next run catches up, once.
    b.emulator.clock.advance(7 * HOUR);
    b.emulator.runDueTriggers();
    tick(b);
    expect(runsOf(b, "classify")).toBe(2);
    // Off (the reminders keep the dispatcher running): no more classification.
    notifyOn(b, {});
    b.ctx.setNightlyClassify(false);
    b.emulator.advanceAndFire(2 * DAY);
    expect(runsOf(b, "classify")).toBe(2);
    expect(runsOf(b, "notify.reminders")).toBe(2);
    const runs = b.emulator.executions.filter((e) => e.handler === "handleDispatch");
    expect(runs.length).toBeGreaterThan(40);
    expect(runs.filter((e) => e.error)).toEqual([]);
  });

  it("sends reminders daily at their hour and the report on its weekday and hour, each once", () => {
    const b = book();
    notifyOn(b, { reminderHour: 8, weekday: 3, reportHour: 9 });
    b.emulator.advanceAndFire(7 * DAY); // to next Monday 17:00
    expect(runsOf(b, "notify.reminders")).toBe(7);
    expect(runsOf(b, "notify.weekly-report")).toBe(1);
    tick(b);
    expect(runsOf(b, "notify.reminders")).toBe(7);
    // A later hour applies from the next run: today's 20:00 is a new slot.
    notifyOn(b, { reminderHour: 20, weekday: 3, reportHour: 9 });
    b.emulator.advanceAndFire(4 * HOUR);
    expect(runsOf(b, "notify.reminders")).toBe(8);
    expect(runsOf(b, "classify")).toBe(0);
    expect(runsOf(b, "backup (weekly)")).toBe(0);
  });

  it("backs up weekly on Monday in the 2 o'clock hour", () => {
    const b = book();
    menu(b, "menuInstallWeeklyBackup");
    b.emulator.advanceAndFire(6 * DAY);
    expect(runsOf(b, "backup (weekly)")).toBe(0);
    b.emulator.advanceAndFire(DAY);
    expect(runsOf(b, "backup (weekly)")).toBe(1);
  });

  it("re-classifies once at the next run after a burst of Orders edits, then removes itself", () => {
    const b = book();
    b.emulator.edit("Orders!D2", 600);
    b.emulator.edit("Customers!C2", "note"); // not Orders
    b.emulator.edit("Orders!D3", 700);
    expect(triggersOf(b)).toEqual(ONE_CLOCK_ONE_EDIT);
    expect(runsOf(b, "classify")).toBe(0);
    b.emulator.advanceAndFire(HOUR);
    expect(runsOf(b, "classify")).toBe(1);
    b.emulator.advanceAndFire(3 * HOUR);
    expect(runsOf(b, "classify")).toBe(1);
    expect(triggersOf(b)).toEqual([["handleEdit", "ON_EDIT"]]);
  });

  it("a failing job is retried at the next runs, a few times, and does not stop the others", () => {
    const b = book();
    b.ctx.setNightlyClassify(true);
    notifyOn(b, { reminderHour: 2 });
    // A result column deleted by hand: the classification fails until Set up repairs it; the reminders still go.
    const customers = b.emulator.spreadsheet.getSheetByName("Customers")!;
    const headers = customers.getRange(1, 1, 1, customers.getLastColumn()).getValues()[0];
    customers.deleteColumn(headers.indexOf("Segment") + 1);
    b.emulator.advanceAndFire(14 * HOUR); // to Tue 07:00
    expect(runsOf(b, "classify")).toBe(3);
    expect(runsOf(b, "notify.reminders")).toBe(1);
    const failed = b.emulator.executions.filter((e) => e.handler === "handleDispatch" && e.error);
    expect(failed).toHaveLength(3);
    expect(String(failed[0].error?.message)).toContain("nightly-classify");
  });
});

describe("identity", () => {
  it("an edit made by another user is not the trigger owner's in the audit log", () => {
    const b = book();
    b.ctx.saveRoles({ [MANAGER]: "manager" });
    b.emulator.edit("Customers!C2", "by the owner");
    b.emulator.edit("Customers!C3", "by the manager", { user: MANAGER });
    const edits = auditRows(b).filter((r) => r[3] === "C2" || r[3] === "C3");
    expect(edits.map((r) => [r[3], r[1]])).toEqual([
      ["C2", OWNER],
      ["C3", "(unknown editor)"],
    ]);
  });
});
