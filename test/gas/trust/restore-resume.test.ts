/**
 * A restore too big for one Apps Script run: under a cost model where reading is slow enough that the
 * fixture's restore cannot fit one run's budget, it pauses, the hourly dispatcher continues it, and the
 * book ends cell for cell as the backup held it; a run cut at any point of it (the 6-minute cut) loses
 * nothing, copies nothing twice and leaves nothing half written once the next run is done.
 */
import { compareGrids } from "../../../src/core/trust/backups";
import { DEFAULT_COSTS } from "../../../src/local/emulator/cost-model";
import { TIME_LIMIT_TEXT } from "../../../src/local/emulator/faults";
import { MANAGER, OWNER, fixtureSheets } from "../../../src/local/faults/fixture";
import { loadBundle, type LoadedBundle } from "../../../src/local/load-bundle";
import { ROLE_TABLE } from "./harness";

const HOUR = 3_600_000;
const SIX_MINUTES = 360_000;
const CANONICAL = ["Customers", "Orders", "Interactions", "Feedback"];
const CHECKPOINT = "resume:restore-backup";

/**
 * 400 customers (~17,000 cells of Customers, ~31,000 in the four sheets) read at 3 ms a cell: checking
 * every copy takes ~90 s, restoring Customers ~150 s, so a restore needs more than one run's 270 s budget.
 */
function slowBook(): LoadedBundle {
  const loaded = loadBundle({
    owner: OWNER,
    user: OWNER,
    dist: process.env.SHEET_CRM_DIST,
    costModel: { ...DEFAULT_COSTS, readCellMs: 3 },
  });
  for (const s of fixtureSheets(2, 400)) loaded.emulator.sheetFromValues(s.name, s.values);
  loaded.emulator.properties.document.set("roles", JSON.stringify(ROLE_TABLE));
  return loaded;
}

function values(loaded: LoadedBundle, name: string): unknown[][] {
  const sheet = loaded.emulator.spreadsheet.getSheetByName(name);
  if (!sheet) return [];
  return sheet
    .getRange(1, 1, Math.max(1, sheet.getLastRow()), Math.max(1, sheet.getLastColumn()))
    .getValues();
}

const book = (loaded: LoadedBundle) => new Map(CANONICAL.map((n) => [n, values(loaded, n)]));

function sameBook(loaded: LoadedBundle, expected: Map<string, unknown[][]>): void {
  for (const [name, grid] of expected)
    expect([name, compareGrids(grid, values(loaded, name))]).toEqual([name, []]);
}

/** Backs the book up, then changes all four sheets the way a user would; returns both states. */
function backedUpThenEdited(loaded: LoadedBundle): {
  id: string;
  original: Map<string, unknown[][]>;
  edited: Map<string, unknown[][]>;
} {
  const { emulator, ctx } = loaded;
  const original = book(loaded);
  ctx.menuBackupNow();
  const id = ctx.listBackups()[0].id as string;
  emulator.clock.advance(60_000);
  const ss = emulator.spreadsheet;
  const customers = ss.getSheetByName("Customers")!;
  customers.getRange(2, 2, 2, 1).setValues([["overwritten 1"], ["overwritten 2"]]);
  customers.deleteRow(7);
  customers.insertRowsBefore(300, 1);
  customers.getRange(300, 1, 1, 2).setValues([["C9999", "added since"]]);
  ss.getSheetByName("Orders")!.getRange(5, 6).setValue(123456);
  ss.getSheetByName("Interactions")!.deleteRow(3);
  ss.getSheetByName("Feedback")!.getRange(2, 4).setValue("changed since");
  return { id, original, edited: book(loaded) };
}

/** The registered set made by restoring `id`: each sheet's copy, read from its backup spreadsheet. */
function undoCopies(loaded: LoadedBundle, id: string): Map<string, unknown[][]> {
  const { emulator } = loaded;
  const props = emulator.properties.document;
  const index = JSON.parse(props.get("backupIndex")!) as { sets: string[] };
  const sets = index.sets.map(
    (s) =>
      JSON.parse(props.get(`backupSet:${s}`)!) as {
        reason: string;
        file: string;
        tabs: { sheet: string; tabId: number; file?: string }[];
      },
  );
  const undo = sets.filter((s) => s.reason === `restore of ${id}`);
  expect(undo).toHaveLength(1);
  const out = new Map<string, unknown[][]>();
  for (const tab of undo[0].tabs) {
    const copy = emulator.openSpreadsheet(tab.file ?? undo[0].file)!.getSheetById(tab.tabId)!;
    out.set(
      tab.sheet,
      copy.getRange(1, 1, Math.max(1, copy.getLastRow()), Math.max(1, copy.getLastColumn())).getValues(),
    );
  }
  return out;
}

const paused = (loaded: LoadedBundle) => loaded.emulator.properties.document.has(CHECKPOINT);

/** Hourly dispatcher runs until no restore is paused (at most `max`). */
function continueHourly(loaded: LoadedBundle, max = 6): number {
  let runs = 0;
  while (paused(loaded) && runs < max) {
    loaded.emulator.advanceAndFire(HOUR);
    runs++;
  }
  return runs;
}

/** Tabs of the book named like a copy a cut run could leave behind. */
const strayCopies = (loaded: LoadedBundle) =>
  loaded.emulator.spreadsheet
    .getSheets()
    .map((s) => s.getName())
    .filter((n) => n.startsWith("Copy "));

describe("a restore bigger than one run", () => {
  it("pauses within the budget, continues hourly and ends as the backup was, undoable", () => {
    const loaded = slowBook();
    const { id, original, edited } = backedUpThenEdited(loaded);
    const mark = loaded.executions.length;
    const first = loaded.ctx.restoreBackup(id);
    expect(first).toEqual({ restored: id, rows: 0, undoId: null, continues: true });
    expect(paused(loaded)).toBe(true);
    // The first run stopped short: some sheet is not restored yet.
    expect(CANONICAL.some((n) => compareGrids(original.get(n)!, values(loaded, n)).length > 0)).toBe(true);
    expect(continueHourly(loaded)).toBeGreaterThan(0);
    expect(paused(loaded)).toBe(false);
    sameBook(loaded, original);
    const runs = loaded.executions.slice(mark);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (const run of runs) {
      expect(run.error).toBeNull();
      expect(run.elapsedMs).toBeLessThanOrEqual(SIX_MINUTES);
    }
    // The undo set holds every sheet as it was before the restore; restoring it puts the edits back.
    const undo = undoCopies(loaded, id);
    for (const name of CANONICAL) expect(compareGrids(edited.get(name)!, undo.get(name)!)).toEqual([]);
    const undoId = loaded.ctx
      .listBackups()
      .find((b: { reason: string }) => b.reason === `restore of ${id}`).id;
    loaded.ctx.restoreBackup(undoId);
    continueHourly(loaded);
    sameBook(loaded, edited);
    // The audit log names the restore once it is done.
    const audit = values(loaded, "AuditLog").map((r) => r.join(" "));
    expect(audit.some((line) => line.includes(`restored ${id}; undo with`))).toBe(true);
  });

  it("cut at any point, the next run finishes it: nothing lost, copied twice or half written", () => {
    // Cut points spread over the first run (the user's) and over the dispatcher's continuation.
    for (const [where, afterMs] of [
      ["first", 20_000],
      ["first", 95_000],
      ["first", 140_000],
      ["first", 200_000],
      ["first", 235_000],
      ["continuation", 1_000],
      ["continuation", 10_000],
      ["continuation", 25_000],
      ["continuation", 40_000],
      ["continuation", 60_000],
      ["continuation", 85_000],
    ] as const) {
      const loaded = slowBook();
      const { emulator, ctx } = loaded;
      const { id, original, edited } = backedUpThenEdited(loaded);
      if (where === "first") {
        emulator.faults.timeLimit(afterMs, 0);
        expect(() => ctx.restoreBackup(id)).toThrow(TIME_LIMIT_TEXT);
        emulator.faults.reset();
        // The user runs it again (or the hourly run continues it).
        ctx.restoreBackup(id);
      } else {
        expect(ctx.restoreBackup(id).continues).toBe(true);
        emulator.clock.advance(HOUR - 1_000);
        emulator.faults.timeLimit(1_000 + afterMs, 0);
        emulator.advanceAndFire(1_000);
        emulator.faults.reset();
      }
      continueHourly(loaded);
      expect([where, afterMs, paused(loaded)]).toEqual([where, afterMs, false]);
      sameBook(loaded, original);
      expect(strayCopies(loaded)).toEqual([]);
      // One undo set, holding each sheet as it was before the restore touched it.
      const undo = undoCopies(loaded, id);
      for (const name of CANONICAL) expect(compareGrids(edited.get(name)!, undo.get(name)!)).toEqual([]);
    }
  });

  it("a restore of another backup waits for the paused one, which still finishes", () => {
    const loaded = slowBook();
    const { emulator, ctx } = loaded;
    const { id, original } = backedUpThenEdited(loaded);
    emulator.clock.advance(1_000);
    ctx.menuBackupNow();
    const other = ctx.listBackups()[0].id as string;
    expect(ctx.restoreBackup(id).continues).toBe(true);
    expect(() => ctx.restoreBackup(other)).toThrow(`Backup ${id} is still being restored`);
    // Nor can another user's run take it over: the undo copies go to the starter's backup spreadsheets.
    expect(() => loaded.invoke("restoreBackup", [id], { user: MANAGER })).toThrow(
      `started by ${OWNER}; it continues in their runs`,
    );
    continueHourly(loaded);
    sameBook(loaded, original);
  });

  it("stops, and says so, when a copy is changed between two runs; what it restored can be undone", () => {
    const loaded = slowBook();
    const { emulator, ctx } = loaded;
    const { id, edited } = backedUpThenEdited(loaded);
    expect(ctx.restoreBackup(id).continues).toBe(true);
    // Someone edits a copy not restored yet in the backup spreadsheet.
    const props = emulator.properties.document;
    const set = JSON.parse(props.get(`backupSet:${id}`)!) as {
      file: string;
      tabs: { sheet: string; tabId: number; file?: string }[];
    };
    const feedback = set.tabs.find((t) => t.sheet === "Feedback")!;
    emulator
      .openSpreadsheet(feedback.file ?? set.file)!
      .getSheetById(feedback.tabId)!
      .getRange(2, 4)
      .setValue("tampered");
    continueHourly(loaded);
    expect(paused(loaded)).toBe(false);
    expect(values(loaded, "Feedback")).toEqual(edited.get("Feedback"));
    const audit = values(loaded, "AuditLog").map((r) => r.join(" "));
    expect(
      audit.some((line) => /stopped after \d of \d sheets/.test(line) && line.includes("was changed")),
    ).toBe(true);
    // The sheets it did restore are in its undo set.
    const undo = undoCopies(loaded, id);
    expect(undo.size).toBeGreaterThan(0);
    for (const [name, grid] of undo) expect(compareGrids(edited.get(name)!, grid)).toEqual([]);
  });
});
