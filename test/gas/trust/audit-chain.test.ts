/**
 * The audit log's hash chain on the emulated platform: each entry written with its link, the chain
 * verified over what the sheet reads back (odd values included), across rollovers, over a log of an
 * earlier version, after a run cut between writing and recording, and in a copy without the key.
 */
import { MANAGER, OWNER, SALES_A } from "../../../src/local/faults/fixture";
import type { LoadedBundle } from "../../../src/local/load-bundle";
import { auditRows, loadTrustBundle } from "./harness";

const log = (loaded: LoadedBundle, name = "AuditLog") => loaded.emulator.spreadsheet.getSheetByName(name)!;
const digests = (loaded: LoadedBundle) => {
  const sheet = log(loaded);
  return sheet
    .getRange(2, 10, sheet.getLastRow() - 1, 1)
    .getValues()
    .map((r) => String(r[0]));
};

describe("the audit log's hash chain", () => {
  it("links every entry as it is written, and verifies what the sheet reads back", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    // Values Sheets would turn into something else if typed: the log keeps them as text.
    for (const value of ["007", "=1+1", "'quoted", "line\r\nbreak", "TRUE", "1-2", "  spaced  ", "１２３"])
      emulator.edit("Customers!X2", value);
    emulator.edit("Customers!B2:C3", [
      ["a", "b"],
      ["c", "d"],
    ]);
    ctx.menuBackupNow();
    expect(log(loaded).getRange(1, 10).getValue()).toBe("Digest");
    expect(digests(loaded).map((d) => d.split(":")[0])).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
      "10",
    ]);
    for (const d of digests(loaded)) expect(d).toMatch(/^\d+:[0-9a-f]{64}$/);
    expect(ctx.verifyAuditLog()).toMatchObject({
      ok: true,
      entries: 10,
      legacy: 0,
      broken: null,
      waiting: 0,
      message: "Audit log OK: 10 entries verified.",
    });
  });

  it("chains the entries that waited in the queue when they are written, in order", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    emulator.edit("Customers!B2", "first");
    emulator.setUser(MANAGER);
    ctx.menuBackupNow(); // the manager may not write the owner-only log: the entry waits
    const check = ctx.verifyAuditLog();
    expect(check).toMatchObject({ ok: true, entries: 1, waiting: 1 });
    expect(check.message).toBe(
      "Audit log OK: 1 entry verified. 1 more entry waits to be written to the log.",
    );
    emulator.setUser(OWNER);
    emulator.edit("Customers!B3", "second");
    expect(auditRows(loaded).map((r) => r[6] || r[3])).toEqual(["B2", "backup (manual)", "B3"]);
    expect(ctx.verifyAuditLog()).toMatchObject({ ok: true, entries: 3, waiting: 0 });
  });

  it("follows the chain over a rollover, with the oldest archive dropped", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    ctx.saveTrustSettings({ auditMaxRows: 100 });
    for (let i = 0; i < 205; i++) emulator.edit("Customers!X2", `note ${i}`); // rolls over twice
    expect(log(loaded, "AuditLog 2").getLastRow()).toBe(101);
    const check = ctx.verifyAuditLog();
    expect(check).toMatchObject({ ok: true, entries: 100 + log(loaded).getLastRow() - 1 });
    // The archive's last entry deleted: the current tab no longer continues from it.
    log(loaded, "AuditLog 2").deleteRow(101);
    expect(ctx.verifyAuditLog().broken).toMatchObject({
      kind: "deleted",
      sheet: "AuditLog",
      row: 2,
      count: 1,
    });
  });

  it("starts the chain after the entries of an earlier version's log and counts them as legacy", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    const old = emulator.sheetFromValues("AuditLog", [
      ["Time", "User", "Sheet", "Range", "OldValue", "NewValue", "Job", "Rows", "Detail"],
      [new Date("2026-01-05T08:00:00Z"), OWNER, "Customers", "B2", "a", "b", "", "", ""],
      [new Date("2026-01-06T08:00:00Z"), MANAGER, "", "", "", "", "classify", 12, "ok"],
      [new Date("2026-01-07T08:00:00Z"), SALES_A, "Customers", "C4", "x", "y", "", "", ""],
    ]);
    old.deleteColumns(10, old.getMaxColumns() - 9);
    expect(ctx.verifyAuditLog()).toMatchObject({ ok: true, entries: 0, legacy: 3, keyMissing: false });
    emulator.edit("Customers!B2", "after the upgrade");
    expect(log(loaded).getRange(1, 10).getValue()).toBe("Digest");
    const check = ctx.verifyAuditLog();
    expect(check).toMatchObject({ ok: true, entries: 1, legacy: 3 });
    expect(check.message).toBe(
      "Audit log OK: 1 entry verified. 3 legacy entries without digests precede the chain and cannot be verified.",
    );
    // A legacy row edited is not detectable (it has no digest), but one of the chain is.
    log(loaded).getRange(5, 6).setValue("forged");
    expect(ctx.verifyAuditLog().broken).toMatchObject({ kind: "edited", row: 5 });
  });

  it("continues after a run cut between writing its entries and recording them", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    emulator.edit("Customers!B2", "one");
    const recorded = emulator.properties.document.get("auditChain")!;
    emulator.edit("Customers!B3", "two");
    emulator.properties.document.set("auditChain", recorded); // as if the run died before recording
    emulator.edit("Customers!B4", "three");
    expect(ctx.verifyAuditLog()).toMatchObject({ ok: true, entries: 3 });
  });

  it("says it cannot verify when the key is gone (a copy), then chains anew after the old entries", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    emulator.edit("Customers!B2", "one");
    emulator.edit("Customers!B3", "two");
    emulator.properties.document.delete("auditChain");
    const check = ctx.verifyAuditLog();
    expect(check).toMatchObject({ ok: false, keyMissing: true, broken: null });
    expect(check.message).toMatch(/no longer holds the add-on's log key/);
    emulator.edit("Customers!B4", "three");
    expect(digests(loaded)[2]).toMatch(/^3:/);
    expect(ctx.verifyAuditLog()).toMatchObject({ ok: true, entries: 1, legacy: 2 });
  });

  it("is a manager's and owner's check, in the menu and as a server function", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    emulator.edit("Customers!B2", "one");
    emulator.setUser(MANAGER);
    ctx.menuVerifyAuditLog();
    expect(emulator.ui.alerts.at(-1)).toMatchObject({
      title: "Verify audit log",
      message: "Audit log OK: 1 entry verified.",
    });
    emulator.setUser(SALES_A);
    expect(() => loaded.run("verifyAuditLog")).toThrow();
    expect(() => ctx.menuVerifyAuditLog()).toThrow();
  });
});
