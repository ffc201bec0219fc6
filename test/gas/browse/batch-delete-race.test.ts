import { maskSensitive } from "../../../src/core/trust/mask";
import { CUSTOMER_HEADERS, customerRows, seededBundle } from "./seed-book";

/**
 * Batch delete while another user inserts a row: whichever service call the insert lands before, the
 * intended customers go and every other row stays, with its values, in its order.
 */

const TARGETS = ["C003", "C004", "C005", "C020", "C030"];
const COUNT = 30;

type Bundle = ReturnType<typeof seededBundle>;

function customers(b: Bundle): unknown[][] {
  return b.emulator.snapshot().sheets.find((s) => s.name === "Customers")!.values as unknown[][];
}

/**
 * Rows with their ID-card cells shown as masks. Backups never hold plaintext (the copy is sealed), so a row
 * put back from the backup shows the mask of what it held; the vault keeps the value itself.
 */
const ID_CARD = CUSTOMER_HEADERS.indexOf("身份证号");
const masked = (rows: readonly unknown[][]) =>
  rows.map((row) => row.map((v, c) => (c === ID_CARD && v !== "" ? maskSensitive(String(v)) : v)));

const isBlank = (row: readonly unknown[]) => row.every((v) => v === "" || v === null || v === undefined);

/** Service calls a fault-free delete makes (the range of call numbers an insert can land before). */
function cleanRun(): { calls: number; expected: unknown[][]; counts: Record<string, number> } {
  const b = seededBundle(COUNT);
  b.emulator.resetCounts();
  b.ctx.batchDeleteCustomers(TARGETS);
  const counts = b.emulator.counts();
  return { calls: Object.values(counts).reduce((a, n) => a + n, 0), expected: customers(b), counts };
}

/**
 * One loaded bundle reused across runs (loading one per call number would take minutes): Customers is
 * written afresh, uncounted, so every run starts alike (backups go to the backup spreadsheet, where
 * retention keeps the last ten).
 */
function reusable(): { bundle: Bundle; reset(): void } {
  const bundle = seededBundle(COUNT);
  const reset = () => {
    const ss = bundle.emulator.spreadsheet;
    ss.deleteSheet(ss.getSheetByName("Customers")!);
    bundle.emulator.sheetFromValues("Customers", customerRows(COUNT));
    bundle.emulator.faults.reset();
    bundle.emulator.resetCounts();
  };
  return { bundle, reset };
}

/** Deletes TARGETS with a blank row inserted before `beforeRow` just before service call `n`. */
function deleteWithInsert(
  r: ReturnType<typeof reusable>,
  n: number,
  beforeRow: number,
): { deleted: number; after: unknown[][]; inserted: boolean; rowsGone: number } {
  r.reset();
  const sheet = () => r.bundle.emulator.spreadsheet.getSheetByName("Customers")!;
  const maxRows = sheet().getMaxRows();
  r.bundle.emulator.faults.insertRowAtCall(n, "Customers", beforeRow);
  const { deleted } = r.bundle.ctx.batchDeleteCustomers(TARGETS);
  const calls = Object.values(r.bundle.emulator.counts()).reduce((a, k) => a + k, 0);
  // Past the job's last call the insert never happens; those runs check the bound covers the job.
  const inserted = n <= calls;
  // Counted on the sheet's full height, so a blank row deleted by mistake shows even at the bottom.
  return {
    deleted,
    after: customers(r.bundle),
    inserted,
    rowsGone: maxRows + (inserted ? 1 : 0) - sheet().getMaxRows(),
  };
}

describe("batch delete under a concurrent row insert", () => {
  const clean = cleanRun();
  // A few calls past the clean run's count, in case the insert itself makes the job read once more.
  const lastCall = clean.calls + 5;

  it("stays batched: a few ID-column reads and one deleteRows per contiguous run", () => {
    // Runs: rows 4-6, 21 and 31, so three deleteRows, bottom-up. Each tab the job creates (AuditLog, and
    // the Vault the backup's sealing needs) is trimmed once (one deleteRows and one deleteColumns).
    const trimmed = clean.counts["Sheet.deleteColumns"] ?? 0;
    expect(clean.counts["Sheet.deleteRows"] - trimmed).toBe(3);
    // The header row and the ID column, once each; the backup copy (in the backup spreadsheet) read once
    // to seal and digest it (it also says where the rows were, for undo); then, per run, the rows around
    // it before and after its delete: never the whole column again. And the vault once, to detach the
    // deleted customers' encrypted values (kept for undo, gone from the live vault).
    expect(clean.counts["Range.getValues"]).toBe(10);
    expect(clean.expected.map((row) => row[0])).toEqual(
      customerRows(COUNT)
        .map((row) => row[0])
        .filter((id) => !TARGETS.includes(String(id))),
    );
  });

  it("covers every call of the job, the last one too", () => {
    const r = reusable();
    expect(deleteWithInsert(r, lastCall - 5, 3).inserted).toBe(true);
    expect(deleteWithInsert(r, lastCall, 3).inserted).toBe(false);
  });

  it("puts back a row a shifted run removed and deletes the intended one instead (the reported loss)", () => {
    // Inserted above every run: landing between an ID read and a deleteRows, it shifts the run by one,
    // so a delete by row number would remove C002's neighbour C003... and keep a target.
    const r = reusable();
    for (let n = 1; n <= lastCall; n++) {
      const { deleted, after, inserted, rowsGone } = deleteWithInsert(r, n, 3);
      expect(deleted).toBe(TARGETS.length);
      expect(rowsGone).toBe(TARGETS.length);
      // With the user's blank row taken out, the sheet is what a fault-free delete leaves...
      expect(masked(after.filter((row) => !isBlank(row)))).toEqual(masked(clean.expected));
      // ...and a put-back row's ID number, masked or not, is still the one it had.
      expect(r.bundle.ctx.revealSensitive("C002", "IDNumber")).toBe("110101199003071234");
      // ...and the blank row is still where the user put it, between C001 and C002.
      expect(after.filter(isBlank).length).toBe(inserted ? 1 : 0);
      if (inserted) expect(after.findIndex(isBlank)).toBe(2);
    }
  });

  it("loses or changes no user row wherever the row is inserted, at every call", () => {
    const r = reusable();
    // Inside the first run, between runs, on the last target and below the last row.
    for (const beforeRow of [5, 6, 21, 31, 32]) {
      for (let n = 1; n <= lastCall; n++) {
        const { deleted, after, inserted, rowsGone } = deleteWithInsert(r, n, beforeRow);
        expect(deleted).toBe(TARGETS.length);
        expect(rowsGone).toBe(TARGETS.length);
        expect(masked(after.filter((row) => !isBlank(row)))).toEqual(masked(clean.expected));
        // Every row from 31 down ends up deleted or blank, so a blank row there ends the data and the
        // snapshot (which stops at the last row with content) does not hold it; rowsGone still counts it.
        expect(after.filter(isBlank).length).toBe(inserted && beforeRow <= 21 ? 1 : 0);
      }
    }
  });

  it("keeps undo working after a delete that had to repair itself", () => {
    // Inserted right above C030 (the bottom run), the blank row is the one a shifted delete removes;
    // everything below it is deleted, so undo's rows land back exactly where they were.
    const r = reusable();
    let repaired = 0;
    for (let n = 1; n <= lastCall; n++) {
      r.reset();
      const original = customers(r.bundle);
      r.bundle.emulator.faults.insertRowAtCall(n, "Customers", 31);
      const del = r.bundle.ctx.batchDeleteCustomers(TARGETS);
      if (r.bundle.emulator.counts()["Sheet.insertRowsBefore"]) repaired++;
      expect(r.bundle.ctx.undoDelete(del.undoToken).restored).toBe(TARGETS.length);
      // Every customer is back, values and order; the user's blank row is kept (wherever undo's row
      // numbers put it: undo restores by position, as it always has).
      const after = customers(r.bundle);
      expect(after.filter((row) => !isBlank(row))).toEqual(original);
      expect(after.filter(isBlank).length).toBeLessThanOrEqual(1);
    }
    expect(repaired).toBeGreaterThan(0);
  });
});
