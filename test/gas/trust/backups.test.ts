import { compareGrids } from "../../../src/core/trust/backups";
import { fixtureSheets, MANAGER, OWNER, SALES_A } from "../../../src/local/faults/fixture";
import { loadBundle } from "../../../src/local/load-bundle";
import { loadTrustBundle } from "./harness";

type Loaded = ReturnType<typeof loadTrustBundle>;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function grid(sheet: GoogleAppsScript.Spreadsheet.Sheet): unknown[][] {
  return sheet
    .getRange(1, 1, Math.max(1, sheet.getLastRow()), Math.max(1, sheet.getLastColumn()))
    .getValues();
}

function values(loaded: Loaded, name: string): unknown[][] {
  return grid(loaded.emulator.spreadsheet.getSheetByName(name)!);
}

interface SetEntry {
  id: string;
  file: string;
  by: string;
  tabs: { sheet: string; sheetId: number; tabId: number; rows: number; columns: number; digest: string }[];
}

/** A set as the registry (document properties) holds it. */
function registered(loaded: Loaded, id: string): SetEntry {
  return JSON.parse(loaded.emulator.properties.document.get(`backupSet:${id}`)!) as SetEntry;
}

/** The backup spreadsheet a set lives in (uncounted), and the copy of one sheet. */
function copyOf(loaded: Loaded, id: string, sheet: string) {
  const set = registered(loaded, id);
  const file = loaded.emulator.openSpreadsheet(set.file)!;
  const tab = set.tabs.find((t) => t.sheet === sheet)!;
  return { file, copy: file.getSheetById(tab.tabId)! };
}

/** A registered copy, found in the file its tab entry names. */
function copyOf2(loaded: Loaded, set: SetEntry, tab: SetEntry["tabs"][number]) {
  const file = loaded.emulator.openSpreadsheet((tab as { file?: string }).file ?? set.file)!;
  return file.getSheetById(tab.tabId);
}

function tabNames(ss: Spreadsheet): string[] {
  return ss.getSheets().map((s) => s.getName());
}

describe("backups outside the book", () => {
  it("copies every canonical sheet to a backup spreadsheet in the owner's Drive, registered as one set", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    const tabsBefore = tabNames(emulator.spreadsheet);
    ctx.menuBackupNow();
    const [set] = ctx.listBackups();
    expect(set.sheets).toEqual(["Customers", "Orders", "Interactions", "Feedback"]);
    expect(set.reason).toBe("manual");
    // The book gains only the job's audit log, no copy.
    expect(tabNames(emulator.spreadsheet).filter((n) => n !== "AuditLog")).toEqual(tabsBefore);
    const [file] = emulator.driveFiles();
    expect(file.owner).toBe(OWNER);
    expect(file.name).toBe(`${emulator.spreadsheet.getName()} — Sheet CRM backups`);
    expect(registered(loaded, set.id).file).toBe(file.id);
    for (const sheet of set.sheets)
      expect(compareGrids(values(loaded, sheet), grid(copyOf(loaded, set.id, sheet).copy))).toEqual([]);
  });

  it("restores a set, cell for cell, after backing up what it overwrites", () => {
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
    customers.insertRowsBefore(9, 2);
    customers.getRange(9, 1, 1, 2).setValues([["C9999", "added since"]]);
    customers.getRange(40, 1).setValue("stray");
    emulator.spreadsheet.deleteSheet(emulator.spreadsheet.getSheetByName("Orders")!);
    const edited = values(loaded, "Customers");

    const result = ctx.restoreBackup(set.id);
    expect(compareGrids(original, values(loaded, "Customers"))).toEqual([]);
    expect(compareGrids(orders, values(loaded, "Orders"))).toEqual([]);
    expect(emulator.spreadsheet.getSheetByName("Orders")!.isSheetHidden()).toBe(false);
    expect(result.rows).toBeGreaterThan(0);
    const undo = ctx.listBackups().find((b: { id: string }) => b.id === result.undoId);
    expect(undo.reason).toBe(`restore of ${set.id}`);
    expect(compareGrids(edited, grid(copyOf(loaded, result.undoId, "Customers").copy))).toEqual([]);
    // The undo undoes.
    ctx.restoreBackup(result.undoId);
    expect(compareGrids(edited, values(loaded, "Customers"))).toEqual([]);
  });

  it("restore writes only what differs: a one-cell change costs about one row", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    const customers = emulator.spreadsheet.getSheetByName("Customers")!;
    const rows = Array.from({ length: 3000 }, (_, i) => [`C${String(i + 1000).padStart(5, "0")}`, `N${i}`]);
    customers.insertRowsAfter(customers.getMaxRows(), rows.length);
    customers.getRange(customers.getLastRow() + 1, 1, rows.length, 2).setValues(rows);
    const original = values(loaded, "Customers");
    ctx.menuBackupNow();
    const [set] = ctx.listBackups();
    customers.getRange(1500, 2).setValue("changed");
    ctx.restoreBackup(set.id);
    expect(compareGrids(original, values(loaded, "Customers"))).toEqual([]);
    const restore = loaded.executions.filter((e) => e.name === "restoreBackup").pop()!;
    // One cell of Customers, plus the job's audit entry; the sheet holds tens of thousands of cells.
    expect(restore.cellsWritten).toBeLessThan(40);
    expect(original.length * original[0].length).toBeGreaterThan(30_000);
  });

  it("ten backups of a large book do not grow the book's own cell count", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    const customers = emulator.spreadsheet.getSheetByName("Customers")!;
    customers.insertRowsAfter(customers.getMaxRows(), 20_000);
    ctx.menuBackupNow(); // the first job also makes the AuditLog tab
    emulator.clock.advance(1000);
    const before = emulator.cellCount();
    for (let i = 0; i < 9; i++) {
      ctx.menuBackupNow();
      emulator.clock.advance(1000);
    }
    expect(ctx.listBackups()).toHaveLength(10);
    expect(emulator.cellCount()).toBe(before);
    const [file] = emulator.driveFiles();
    expect(file.cells).toBeGreaterThan(10 * customers.getMaxRows() * customers.getMaxColumns());
  });

  it("twelve backups of a set at 60% of the cell limit rotate through as many files as sets are kept", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    ctx.saveTrustSettings({ backupKeep: 3 });
    const customers = emulator.spreadsheet.getSheetByName("Customers")!;
    const rows = Math.ceil(6_000_000 / customers.getMaxColumns()) - customers.getMaxRows();
    customers.insertRowsAfter(customers.getMaxRows(), rows);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      ctx.menuBackupNow();
      ids.push(ctx.listBackups()[0].id);
      emulator.clock.advance(1000);
    }
    expect(ctx.listBackups().map((b: { id: string }) => b.id)).toEqual(ids.slice(-3).reverse());
    const files = emulator.driveFiles();
    expect(files).toHaveLength(3);
    for (const f of files) expect(f.cells).toBeLessThanOrEqual(10_000_000);
    // Every kept set is whole, each in a file of its own; the newest restores.
    const held = ids.slice(-3).map((id) => registered(loaded, id));
    expect(new Set(held.map((s) => s.file)).size).toBe(3);
    for (const set of held)
      for (const tab of set.tabs) expect(copyOf(loaded, set.id, tab.sheet).copy).toBeTruthy();
    expect(ctx.restoreBackup(ids[11]).rows).toBeGreaterThan(0);
  });

  it("spreads a set too big for one file over files of their own, and keeps the newest set whole", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    ctx.saveTrustSettings({ backupKeep: 1 });
    const grow = (name: string, cells: number) => {
      const sheet = emulator.spreadsheet.getSheetByName(name)!;
      sheet.insertRowsAfter(
        sheet.getMaxRows(),
        Math.ceil(cells / sheet.getMaxColumns()) - sheet.getMaxRows(),
      );
    };
    grow("Customers", 5_000_000);
    grow("Orders", 4_900_000);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ctx.menuBackupNow();
      ids.push(ctx.listBackups()[0].id);
      emulator.clock.advance(1000);
      const set = registered(loaded, ids[i]);
      const files = set.tabs.map((t) => (t as { file?: string }).file);
      expect(files[0]).not.toBe(files[1]); // Customers and Orders in files of their own
      for (const tab of set.tabs) expect(copyOf2(loaded, set, tab)).toBeTruthy();
    }
    expect(ctx.listBackups().map((b: { id: string }) => b.id)).toEqual([ids[2]]);
    // Two sets at most exist at once (the newest is never deleted before the next is whole), packed into
    // files with room: no more files than two split sets need, however many backups.
    expect(emulator.driveFiles().length).toBeLessThanOrEqual(4);
    for (const f of emulator.driveFiles()) expect(f.cells).toBeLessThanOrEqual(10_000_000);
  });

  it("keeps only the configured number of sets, deleting the oldest copies by registry", () => {
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
    const file = emulator.openSpreadsheet(emulator.driveFiles()[0].id)!;
    expect(file.getSheets()).toHaveLength(1 + 2 * 4); // "About" and two sets of four sheets
    expect(emulator.properties.document.has(`backupSet:${ids[0]}`)).toBe(false);
  });

  it("ignores tabs that merely look like backups: not listed, not deleted by retention, not restorable", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    ctx.saveTrustSettings({ backupKeep: 1 });
    const forged = "Backup 2099-01-01 00:00:00 Customers";
    emulator.sheetFromValues(forged, [["CustomerID"], ["FORGED"]]);
    emulator.sheetFromValues("Backup 2099-01-01 00:00:00 AuditLog", [["forged"]]);
    ctx.menuBackupNow();
    const file = emulator.openSpreadsheet(emulator.driveFiles()[0].id)!;
    file.insertSheet("2099-01-01 00:00:00 Customers").getRange("A1").setValue("FORGED");
    emulator.clock.advance(1000);
    ctx.menuBackupNow();
    emulator.clock.advance(1000);
    ctx.menuBackupNow();
    const listed = ctx.listBackups();
    expect(listed).toHaveLength(1);
    expect(listed[0].id).not.toMatch(/2099/);
    expect(emulator.spreadsheet.getSheetByName(forged)).not.toBeNull();
    expect(file.getSheetByName("2099-01-01 00:00:00 Customers")).not.toBeNull();
    expect(() => ctx.restoreBackup("2099-01-01 00:00:00")).toThrow(
      'There is no backup "2099-01-01 00:00:00".',
    );
    const audit = values(loaded, "AuditLog");
    ctx.restoreBackup(listed[0].id);
    expect(values(loaded, "Customers").some((r) => r[0] === "FORGED")).toBe(false);
    // The AuditLog is not in a backup set; restoring never touches it beyond its own entry.
    expect(values(loaded, "AuditLog").slice(0, audit.length)).toEqual(audit);
  });

  it("refuses a copy changed in the backup spreadsheet, and writes nothing", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    ctx.menuBackupNow();
    const [set] = ctx.listBackups();
    copyOf(loaded, set.id, "Customers").copy.getRange("B2").setValue("tampered");
    emulator.edit("Customers!B3", "edited after the backup");
    const before = values(loaded, "Customers");
    expect(() => ctx.restoreBackup(set.id)).toThrow(/was changed after it was made; nothing was restored/);
    expect(values(loaded, "Customers")).toEqual(before);
  });

  it("a backup survives the deletion of every tab of the book, vault included", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    const header = values(loaded, "Customers")[0];
    const col = String.fromCharCode(65 + header.indexOf("IDNumber"));
    emulator.edit(`Customers!${col}2`, "110101199003074518");
    expect(emulator.spreadsheet.getSheetByName("Vault")).not.toBeNull();
    const names = ["Customers", "Orders", "Interactions", "Feedback", "Vault"];
    const originals = new Map(names.map((n) => [n, values(loaded, n)]));
    const revealed = ctx.revealSensitive("C0001", "IDNumber");
    ctx.menuBackupNow();
    const [set] = ctx.listBackups();
    expect(set.sheets).toEqual(names);
    const ss = emulator.spreadsheet;
    ss.insertSheet("Blank");
    for (const s of ss.getSheets()) if (s.getName() !== "Blank") ss.deleteSheet(s);
    const result = ctx.restoreBackup(set.id);
    expect(result.undoId).toBeNull();
    for (const n of names) expect(compareGrids(originals.get(n)!, values(loaded, n))).toEqual([]);
    expect(ss.getSheetByName("Vault")!.isSheetHidden()).toBe(true);
    expect(ctx.revealSensitive("C0001", "IDNumber")).toBe(revealed);
  });

  it("a set in another user's Drive cannot be restored by them; the owner can", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    emulator.setUser(MANAGER);
    ctx.menuBackupNow();
    const [set] = ctx.listBackups();
    expect(registered(loaded, set.id).by).toBe(MANAGER);
    emulator.setUser(OWNER);
    expect(() => ctx.restoreBackup(set.id)).toThrow(
      /kept in a spreadsheet you cannot open \(made by manager/,
    );
    emulator.setUser(MANAGER);
    expect(ctx.restoreBackup(set.id).rows).toBeGreaterThan(0);
  });

  it("two backups in the same second get distinct sets", () => {
    // No cost model: with it each backup moves the emulated clock past a second as the book grows.
    const loaded = loadBundle({
      owner: OWNER,
      user: OWNER,
      dist: process.env.SHEET_CRM_DIST,
      costModel: false,
    });
    for (const s of fixtureSheets(1)) loaded.emulator.sheetFromValues(s.name, s.values);
    loaded.ctx.menuBackupNow();
    loaded.ctx.menuBackupNow();
    const ids = loaded.ctx.listBackups().map((b: { id: string }) => b.id);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/ #2$/);
  });

  it("turns the weekly backup on once (one hourly dispatcher), which backs up when Monday's hour comes", () => {
    const loaded = loadTrustBundle();
    const { emulator, ctx } = loaded;
    ctx.menuInstallWeeklyBackup();
    ctx.menuInstallWeeklyBackup();
    const clocks = emulator.triggers().filter((t) => t.eventType === "CLOCK");
    expect(clocks.map((t) => t.handler)).toEqual(["handleDispatch"]);
    const runs = emulator.advanceAndFire(8 * 86_400_000).filter((r) => r.handler === "handleDispatch");
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
