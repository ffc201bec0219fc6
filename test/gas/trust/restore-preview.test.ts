import { MANAGER, SALES_A, VIEWER } from "../../../src/local/faults/fixture";
import type { RestorePreview, RestorePreviewSheet } from "../../../src/shared/trust";
import { loadTrustBundle } from "./harness";

type Loaded = ReturnType<typeof loadTrustBundle>;

function sheet(loaded: Loaded, name: string): GoogleAppsScript.Spreadsheet.Sheet {
  return loaded.emulator.spreadsheet.getSheetByName(name)!;
}

function values(loaded: Loaded, name: string): unknown[][] {
  const s = sheet(loaded, name);
  return s.getRange(1, 1, s.getLastRow(), s.getLastColumn()).getValues();
}

function counts(preview: RestorePreview, name: string): Partial<RestorePreviewSheet> {
  const p = preview.sheets.find((s) => s.sheet === name)!;
  return { changed: p.changed, added: p.added, removed: p.removed, headerChanged: p.headerChanged };
}

const NONE = { changed: 0, added: 0, removed: 0, headerChanged: false };

/** A backed-up book, and the id of its one set. */
function backedUp(): { loaded: Loaded; id: string } {
  const loaded = loadTrustBundle();
  loaded.ctx.menuBackupNow();
  return { loaded, id: loaded.ctx.listBackups()[0].id as string };
}

describe("previewRestore", () => {
  it("finds nothing to change right after a backup, and lists the set's rows", () => {
    const { loaded, id } = backedUp();
    const preview = loaded.ctx.previewRestore(id) as RestorePreview;
    expect(preview.id).toBe(id);
    expect(preview.sheets.map((s) => s.sheet)).toEqual(loaded.ctx.listBackups()[0].sheets);
    for (const s of preview.sheets) {
      expect(counts(preview, s.sheet)).toEqual(NONE);
      expect(s.backupRows).toBe(s.currentRows);
      expect(s.approximate).toBe(false);
    }
    const rows = preview.sheets.reduce((n, s) => n + s.backupRows, 0);
    expect(loaded.ctx.listBackups()[0].rows).toBe(rows);
    // Plain data only: what google.script.run can carry (no Date survives JSON as a Date).
    expect(JSON.parse(JSON.stringify(preview))).toEqual(preview);
  });

  it("counts rows changed, added back and removed after edits, adds and deletes", () => {
    const { loaded, id } = backedUp();
    const customers = sheet(loaded, "Customers");
    const before = values(loaded, "Customers");
    const width = customers.getLastColumn();
    customers.getRange("B2").setValue("Edited Ltd");
    customers.getRange("B3").setValue("Edited Too");
    customers.deleteRow(5);
    for (const n of [1, 2, 3]) {
      const row = before[1].map(() => "");
      row[0] = `CNEW${n}`;
      row[1] = `New ${n}`;
      customers.getRange(customers.getLastRow() + 1, 1, 1, width).setValues([row]);
    }
    const preview = loaded.ctx.previewRestore(id) as RestorePreview;
    expect(counts(preview, "Customers")).toEqual({ changed: 2, added: 1, removed: 3, headerChanged: false });
    const p = preview.sheets.find((s) => s.sheet === "Customers")!;
    expect(p.backupRows).toBe(before.length - 1);
    expect(p.currentRows).toBe(before.length - 1 - 1 + 3);
    expect(counts(preview, "Orders")).toEqual(NONE);
    // The preview wrote nothing; the restore then does what it said, and its undo set previews the reverse.
    expect(values(loaded, "Customers")).not.toEqual(before);
    const result = loaded.ctx.restoreBackup(id);
    expect(values(loaded, "Customers")).toEqual(before);
    expect(counts(loaded.ctx.previewRestore(id), "Customers")).toEqual(NONE);
    const undo = loaded.ctx.previewRestore(result.undoId) as RestorePreview;
    expect(counts(undo, "Customers")).toEqual({ changed: 2, added: 3, removed: 1, headerChanged: false });
  });

  it("says a deleted sheet is re-created with all its rows", () => {
    const { loaded, id } = backedUp();
    const orders = values(loaded, "Orders").length - 1;
    loaded.emulator.spreadsheet.deleteSheet(sheet(loaded, "Orders"));
    const p = (loaded.ctx.previewRestore(id) as RestorePreview).sheets.find((s) => s.sheet === "Orders")!;
    expect(p).toMatchObject({ missing: true, added: orders, currentRows: 0, removed: 0 });
  });

  it("refuses a set whose copy was changed in the backup spreadsheet, and an unknown set", () => {
    const { loaded, id } = backedUp();
    const set = JSON.parse(loaded.emulator.properties.document.get(`backupSet:${id}`)!) as {
      file: string;
      tabs: { sheet: string; tabId: number; file?: string }[];
    };
    const tab = set.tabs.find((t) => t.sheet === "Orders")!;
    loaded.emulator
      .openSpreadsheet(tab.file ?? set.file)!
      .getSheetById(tab.tabId)!
      .getRange("B2")
      .setValue("tampered");
    expect(() => loaded.ctx.previewRestore(id)).toThrow(
      /"Orders" in backup .* was changed after it was made/,
    );
    expect(() => loaded.ctx.previewRestore("2099-01-01 00:00:00")).toThrow(/There is no backup/);
  });

  it("is refused to sales and viewers before reading anything; a manager may preview", () => {
    const { loaded, id } = backedUp();
    for (const user of [SALES_A, VIEWER]) {
      loaded.emulator.setUser(user);
      loaded.emulator.resetCounts();
      expect(() => loaded.ctx.previewRestore(id)).toThrow(/does not allow/);
      expect(loaded.emulator.countOf("Range.")).toBe(0);
    }
    // A manager may preview, but reads only backups kept in their own Drive (as a restore does).
    loaded.emulator.setUser(MANAGER);
    expect(() => loaded.ctx.previewRestore(id)).toThrow(/cannot open/);
    loaded.ctx.menuBackupNow();
    const own = loaded.ctx.listBackups()[0].id as string;
    expect(counts(loaded.ctx.previewRestore(own), "Customers")).toEqual(NONE);
  });
});
