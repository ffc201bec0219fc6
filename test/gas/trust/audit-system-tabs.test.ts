import { MANAGER, OWNER } from "../../../src/local/faults/fixture";
import type { LoadedBundle } from "../../../src/local/load-bundle";
import type { ImportRequest } from "../../../src/shared/table";
import { loadNotifyBundle } from "../notify/harness";
import { auditRows, loadTrustBundle } from "./harness";

const ID_HEADER = "IDNumber";

/** An 18-digit ID number for customer n (the check digit need not be valid for sealing). */
const idNumber = (n: number) => `110105198501${String(10_000 + n).padStart(6, "0")}`;

/** Imports `count` customers N<from>… with ID numbers (dedupe `dedupe`) as the owner. */
function importWithIds(
  loaded: LoadedBundle,
  count: number,
  from = 0,
  dedupe: ImportRequest["dedupe"] = "skip",
  shift = 500_000,
) {
  const request: ImportRequest = { sheet: "Customers", headers: ["CustomerID", "Name", ID_HEADER], dedupe };
  const rows = Array.from({ length: count }, (_, i) => [
    `N${from + i}`,
    `Imported ${from + i}`,
    idNumber(from + i + (dedupe === "update" ? shift : 0)),
  ]);
  const jobId = loaded.ctx.importStage(
    null,
    request,
    rows,
    rows.map((_, i) => i + 2),
  );
  return loaded.ctx.importCommit(jobId, request);
}

describe("the audit log grows instead of queueing", () => {
  it("is created with a trimmed grid and grows past a full grid by inserting rows in batches", () => {
    const loaded = loadTrustBundle();
    const { emulator } = loaded;
    emulator.edit("Customers!B2", "first");
    const log = emulator.spreadsheet.getSheetByName("AuditLog")!;
    expect([log.getMaxRows(), log.getMaxColumns()]).toEqual([201, 10]); // 9 fields and the Digest
    // Fill the grid to its last row, as 200 entries would.
    const filler = Array.from({ length: 199 }, (_, i) => [
      new Date(0),
      OWNER,
      "Customers",
      `B${i}`,
      "",
      "",
      "",
      "",
      "",
    ]);
    log.getRange(3, 1, 199, 9).setValues(filler);
    expect(log.getLastRow()).toBe(log.getMaxRows());
    emulator.resetCounts();
    for (let i = 0; i < 3; i++) emulator.edit("Customers!B2", `after full ${i}`);
    expect(emulator.counts()["Sheet.insertRowsAfter"]).toBe(1);
    expect(log.getMaxRows()).toBe(401);
    expect(log.getRange(log.getLastRow(), 6).getValue()).toBe("after full 2");
    expect([...emulator.properties.document.keys()].filter((k) => k.startsWith("auditQueue:"))).toEqual([]);
  });

  it("keeps one archive at rollover, deleting older ones", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    ctx.saveTrustSettings({ auditMaxRows: 100 });
    for (let i = 0; i < 230; i++) emulator.edit("Customers!X2", `note ${i}`);
    const names = emulator.spreadsheet
      .getSheets()
      .map((s) => s.getName())
      .filter((n) => n.startsWith("AuditLog"));
    expect(names.sort()).toEqual(["AuditLog", "AuditLog 2"]);
    expect(emulator.spreadsheet.getSheetByName("AuditLog 2")!.getLastRow()).toBe(101);
    const log = emulator.spreadsheet.getSheetByName("AuditLog")!;
    expect(log.getRange(log.getLastRow(), 6).getValue()).toBe("note 229");
  });

  it("queues only what cannot be written: big entries split under 9 KB a value, huge ones clipped, full refused", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    emulator.edit("Customers!B2", "first"); // the owner creates the owner-only log
    // The edit trigger runs as whoever installed it: here a manager (who cannot write the owner-only log).
    const ScriptApp = emulator.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp;
    for (const t of ScriptApp.getUserTriggers(emulator.spreadsheet)) ScriptApp.deleteTrigger(t);
    emulator.setUser(MANAGER);
    emulator.execution(() =>
      ScriptApp.newTrigger("handleEdit").forSpreadsheet(emulator.spreadsheet).onEdit().create(),
    );
    const queued = () =>
      [...emulator.properties.document.entries()].filter(([k]) => k.startsWith("auditQueue:"));
    const notes = (repeat: number) => Array.from({ length: 12 }, (_, i) => [`客户备注${i}：`.repeat(repeat)]);
    // An entry of ~13 KB: split over two values, read back whole.
    const medium = notes(60);
    expect(emulator.edit("Customers!B2:B13", medium, { user: MANAGER }).filter((r) => r.error)).toEqual([]);
    expect(queued().length).toBe(2);
    for (const [, v] of queued()) expect(Buffer.byteLength(v, "utf8")).toBeLessThanOrEqual(8 * 1024);
    expect(JSON.parse(String(auditRows(loaded).at(-1)![5]))).toEqual(medium);
    // An entry of ~72 KB would crowd the queue: clipped to ~30 KB, the cut noted; still under 9 KB a value.
    const huge = notes(300);
    expect(emulator.edit("Customers!B2:B13", huge, { user: MANAGER }).filter((r) => r.error)).toEqual([]);
    expect(String(auditRows(loaded).at(-1)![5])).toMatch(/…\(\+\d+ chars\)$/);
    for (const [, v] of queued()) expect(Buffer.byteLength(v, "utf8")).toBeLessThanOrEqual(8 * 1024);
    // More: the queue fills up and the trigger fails with a clear error instead of passing 100 KB.
    let error: Error | null = null;
    for (let i = 0; i < 10 && error === null; i++)
      error = emulator.edit("Customers!B2:B13", huge, { user: MANAGER }).find((r) => r.error)?.error ?? null;
    expect(String(error?.message)).toMatch(
      /The AuditLog tab could not be written \(.*\) and \d+ KB of entries already wait for it, so \d+ KB more do not fit; the spreadsheet's owner must run Set up/,
    );
    const bytes = queued().reduce((n, [k, v]) => n + Buffer.byteLength(k + v, "utf8"), 0);
    expect(bytes).toBeLessThanOrEqual(100 * 1024);
    // A change by the manager now fails closed, before anything runs; nothing is queued.
    const before = JSON.stringify([emulator.snapshot(), queued()]);
    expect(() => ctx.clearProblemMarks()).toThrow(/^Not done: .*Nothing was changed/);
    expect(JSON.stringify([emulator.snapshot(), queued()])).toBe(before);
    // The owner's next audited job stores the queue, then its own entry; the chain holds.
    emulator.setUser(OWNER);
    ctx.clearProblemMarks();
    expect(queued()).toEqual([]);
    const last = auditRows(loaded).at(-1)!;
    expect([last[1], last[6]]).toEqual([OWNER, "clear-problem-marks"]);
    expect(ctx.verifyAuditLog()).toMatchObject({ ok: true, waiting: 0 });
  });
});

describe("the vault grows, appends and compacts", () => {
  it("holds more than a new sheet's 1,000 rows, writes only new rows, and compacts replaced ones", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    expect(importWithIds(loaded, 1_100)).toMatchObject({ added: 1_100, rejected: [] });
    const vault = emulator.spreadsheet.getSheetByName("Vault")!;
    expect(vault.getLastRow()).toBe(1_101);
    // Sheet, RowKey, Column, Ciphertext, UpdatedAt, UpdatedBy, Key.
    expect(vault.getMaxColumns()).toBe(7);
    expect(vault.getMaxRows()).toBeLessThanOrEqual(1_101 + 200);
    expect([...emulator.properties.document.keys()].filter((k) => k.startsWith("vaultQueue:"))).toEqual([]);
    expect(ctx.revealSensitive("N1099", ID_HEADER)).toBe(idNumber(1_099));

    // Ten more: ten rows appended, the 1,100 before untouched.
    importWithIds(loaded, 10, 2_000);
    expect(vault.getLastRow()).toBe(1_111);

    // Replaced values are appended (dead rows stay until they outnumber live ones)…
    expect(importWithIds(loaded, 1_100, 0, "update")).toMatchObject({ updated: 1_100 });
    expect(vault.getLastRow()).toBe(2_211);
    // The same file again is already present: nothing is sealed again.
    expect(importWithIds(loaded, 1_100, 0, "update")).toMatchObject({ updated: 0, present: 1_100 });
    expect(vault.getLastRow()).toBe(2_211);
    // …new numbers again: the tab is rewritten with live entries only, its grid trimmed.
    expect(importWithIds(loaded, 1_100, 0, "update", 600_000)).toMatchObject({ updated: 1_100 });
    expect(vault.getLastRow()).toBe(1_111);
    expect(vault.getMaxRows()).toBeLessThanOrEqual(1_111 + 200);
    expect(ctx.revealSensitive("N5", ID_HEADER)).toBe(idNumber(600_005));
    expect(ctx.revealSensitive("N2009", ID_HEADER)).toBe(idNumber(2_009));
  });
});

describe("send log and segment history stay compact", () => {
  it("rolls a welcome baseline of 150 customers into one row that reads back as 150 entries", () => {
    const customers = Array.from({ length: 150 }, (_, i) => [
      `C${i + 1}`,
      `Customer ${i + 1}`,
      `c${i + 1}@example.com`,
      "Regular",
      "Won",
      "2026-11-20",
      "rep@example.com",
      "North",
      "",
      100,
      "",
    ]);
    const WELCOME = { enabled: true, subject: "Welcome {{Name}}", body: "Dear {{ContactName}}" };
    const loaded = loadNotifyBundle(
      { customers, settings: { welcome: WELCOME } },
      { now: "2026-11-23T02:00:00Z" },
    );
    const { emulator, ctx } = loaded;
    ctx.sendRemindersNow();
    const log = emulator.spreadsheet.getSheetByName("SendLog")!;
    const rows = log.getRange(2, 1, log.getLastRow() - 1, 7).getValues();
    const packed = rows.filter((r) => r[6] === "(rolled up)");
    expect(packed).toHaveLength(1);
    expect(String(packed[0][2]).split("\n")).toHaveLength(151); // the marker and 150 customers
    expect(log.getMaxColumns()).toBe(9); // Date … Note, By, Channel
    // The baseline still holds: nobody on the list gets a welcome, a new customer does.
    emulator.outbox.length = 0;
    emulator.clock.advance(86_400_000);
    ctx.sendRemindersNow();
    expect(emulator.outbox.filter((m) => m.subject.startsWith("Welcome"))).toEqual([]);
  });
});
