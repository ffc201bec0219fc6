import { compareGrids } from "../../../src/core/trust/backups";
import { MANAGER, SALES_A } from "../../../src/local/faults/fixture";
import { loadTrustBundle } from "./harness";

type Loaded = ReturnType<typeof loadTrustBundle>;

function values(loaded: Loaded, name: string): unknown[][] {
  const sheet = loaded.emulator.spreadsheet.getSheetByName(name)!;
  return sheet
    .getRange(1, 1, Math.max(1, sheet.getLastRow()), Math.max(1, sheet.getLastColumn()))
    .getValues();
}

describe("backups", () => {
  it("backs up every canonical sheet to hidden tabs and lists them as one set", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    ctx.menuBackupNow();
    const [set] = ctx.listBackups();
    expect(set.sheets).toEqual(["Customers", "Orders", "Interactions", "Feedback"]);
    expect(set.reason).toBe("manual");
    for (const sheet of set.sheets) {
      const tab = emulator.spreadsheet.getSheetByName(`Backup ${set.id} ${sheet}`)!;
      expect(tab.isSheetHidden()).toBe(true);
      expect(compareGrids(values(loaded, sheet), values(loaded, tab.getName()))).toEqual([]);
    }
  });

  it("restores a set in one step, cell for cell, after backing up what it overwrites", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    const original = values(loaded, "Customers");
    const orders = values(loaded, "Orders");
    ctx.menuBackupNow();
    const [set] = ctx.listBackups();
    emulator.clock.advance(60_000);
    emulator.edit("Customers!B2:C3", [
      ["gone", "gone"],
      ["gone", "gone"],
    ]);
    const customers = emulator.spreadsheet.getSheetByName("Customers")!;
    customers.deleteRow(5);
    customers.getRange(40, 1).setValue("stray");
    emulator.spreadsheet.deleteSheet(emulator.spreadsheet.getSheetByName("Orders")!);
    const edited = values(loaded, "Customers");

    const result = ctx.restoreBackup(set.id);
    expect(compareGrids(original, values(loaded, "Customers"))).toEqual([]);
    expect(compareGrids(orders, values(loaded, "Orders"))).toEqual([]);
    expect(emulator.spreadsheet.getSheetByName("Orders")!.isSheetHidden()).toBe(false);
    expect(result.rows).toBeGreaterThan(0);
    expect(result.undoId).not.toBeNull();
    const undo = ctx.listBackups().find((b: { id: string }) => b.id === result.undoId);
    expect(undo.reason).toBe(`restore of ${set.id}`);
    expect(compareGrids(edited, values(loaded, `Backup ${result.undoId} Customers`))).toEqual([]);
  });

  it("keeps only the configured number of sets, newest first", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    ctx.saveTrustSettings({ backupKeep: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ctx.menuBackupNow();
      ids.push(ctx.listBackups()[0].id);
      emulator.clock.advance(1000);
    }
    expect(ctx.listBackups().map((b: { id: string }) => b.id)).toEqual([ids[3], ids[2]]);
    const tabs = emulator.spreadsheet.getSheets().filter((s) => s.getName().startsWith("Backup "));
    expect(tabs).toHaveLength(8);
  });

  it("two backups in the same second get distinct sets", () => {
    const loaded = loadTrustBundle();
    loaded.ctx.menuBackupNow();
    loaded.ctx.menuBackupNow();
    const ids = loaded.ctx.listBackups().map((b: { id: string }) => b.id);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/ #2$/);
  });

  it("installs one weekly trigger that backs up when it fires", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    ctx.menuInstallWeeklyBackup();
    ctx.menuInstallWeeklyBackup();
    expect(emulator.triggers().filter((t) => t.handler === "handleWeeklyBackup")).toHaveLength(1);
    const runs = emulator.advanceAndFire(8 * 86_400_000).filter((r) => r.handler === "handleWeeklyBackup");
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs.every((r) => r.error === null)).toBe(true);
    expect(ctx.listBackups()[0].reason).toBe("weekly");
  });

  it("sales cannot back up, list or restore; a manager can", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    emulator.setUser(SALES_A);
    expect(() => ctx.menuBackupNow()).toThrow(/does not allow/);
    expect(() => ctx.listBackups()).toThrow(/does not allow/);
    expect(() => ctx.menuInstallWeeklyBackup()).toThrow(/does not allow/);
    emulator.setUser(MANAGER);
    ctx.menuBackupNow();
    expect(ctx.listBackups()).toHaveLength(1);
  });
});

describe("trust settings", () => {
  it("are checked before they are saved, and extra sensitive columns take effect", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    expect(() => ctx.saveTrustSettings({ backupKeep: 0 })).toThrow(
      "backupKeep must be a whole number from 1 to 100",
    );
    expect(() => ctx.saveTrustSettings({ auditMaxRows: 5 })).toThrow(/auditMaxRows/);
    expect(ctx.getTrustSettings()).toEqual({ auditMaxRows: 20000, backupKeep: 10, extraSensitive: [] });
    ctx.saveTrustSettings({ extraSensitive: ["Address"] });
    emulator.edit("Customers!R2", "No. 88 Century Avenue, Pudong");
    expect(emulator.spreadsheet.getSheetByName("Customers")!.getRange("R2").getValue()).toBe(
      "No. ********dong",
    );
    expect(ctx.revealSensitive("C0001", "Address")).toBe("No. 88 Century Avenue, Pudong");
  });
});
