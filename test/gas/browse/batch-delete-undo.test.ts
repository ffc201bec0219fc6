import { seededBundle } from "./seed-book";

/**
 * Batch delete and undo on a sheet of 2,000 customers: the delete reads the ID column once (and the rows
 * around each run), the undo only the rows it puts back, and the undo puts back exactly what went.
 */

type Bundle = ReturnType<typeof seededBundle>;

const COUNT = 2_000;
const WIDTH = 20;
/** Runs: 10-12 (rows 11-13), then single rows far apart, one at the very bottom. */
const TARGETS = ["C010", "C011", "C012", "C500", "C1500", "C2000"];

function grid(b: Bundle): { values: unknown[][]; formulas: string[][] } {
  const sheet = b.emulator.spreadsheet.getSheetByName("Customers")!;
  const range = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn());
  return { values: range.getValues(), formulas: range.getFormulas() };
}

/** A book whose row of C011 holds a formula, as a user may have typed. */
function book(): Bundle {
  const b = seededBundle(COUNT);
  b.emulator.spreadsheet.getSheetByName("Customers")!.getRange(12, WIDTH).setFormula('=CONCAT("note ", 11)');
  return b;
}

/** The copy of Customers in the newest backup set, in its backup spreadsheet. */
function backupCopy(b: Bundle): GoogleAppsScript.Spreadsheet.Sheet {
  const id = b.ctx.listBackups()[0].id as string;
  const set = JSON.parse(b.emulator.properties.document.get(`backupSet:${id}`)!) as {
    file: string;
    tabs: { sheet: string; tabId: number; file?: string }[];
  };
  const tab = set.tabs.find((t) => t.sheet === "Customers")!;
  return b.emulator.openSpreadsheet(tab.file ?? set.file)!.getSheetById(tab.tabId)!;
}

describe("batch delete and undo on a large sheet", () => {
  it("reads the ID column once, and undo reads only the rows it puts back, formulas as formulas", () => {
    const b = book();
    const before = grid(b);
    const mark = b.executions.length;
    const del = b.ctx.batchDeleteCustomers(TARGETS);
    expect(del.deleted).toBe(TARGETS.length);
    const cells = (COUNT + 1) * WIDTH;
    const deleting = b.executions[mark];
    // The backup copy, read once (values and formulas) to seal and digest it, is most of it; the rest is
    // the header row, the ID column once and a window of rows around each of the four runs.
    expect(deleting.cellsRead).toBeGreaterThanOrEqual(2 * cells);
    expect(deleting.cellsRead).toBeLessThan(2 * cells + 2 * (COUNT + 1) + 4 * 200);
    const after = grid(b).values.map((r) => r[0]);
    expect(after).toEqual(before.values.map((r) => r[0]).filter((id) => !TARGETS.includes(String(id))));

    const undoing = b.executions.length;
    expect(b.ctx.undoDelete(del.undoToken).restored).toBe(TARGETS.length);
    // The header and the six rows from the copy (values, and formulas of the one column holding any),
    // the sheet's header, and the formats of the rows written: not the copy's 40,000 cells.
    expect(b.executions[undoing].cellsRead).toBeLessThan(1_000);
    const restored = grid(b);
    expect(restored.values).toEqual(before.values);
    expect(restored.formulas).toEqual(before.formulas);
    expect(restored.formulas[11][WIDTH - 1]).toBe('=CONCAT("note ", 11)');
  });

  it("undo refuses a deleted row changed in the backup spreadsheet since, and inserts nothing", () => {
    const b = book();
    const del = b.ctx.batchDeleteCustomers(TARGETS);
    const mid = grid(b);
    // C500 was row 501 of the sheet, and of its copy.
    backupCopy(b).getRange(501, 2).setValue("changed in the backup");
    expect(() => b.ctx.undoDelete(del.undoToken)).toThrow(/was changed after it was made/);
    expect(grid(b)).toEqual(mid);
  });
});
