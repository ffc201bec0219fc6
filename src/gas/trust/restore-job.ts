/**
 * Restoring a backup set as a resumable job (src/gas/platform/resumable.ts), so a set too big for one
 * Apps Script run (6 minutes: https://developers.google.com/apps-script/guides/services/quotas) is
 * restored over several, continued by the hourly dispatcher (src/gas/scheduled-jobs.ts).
 *
 * Steps, each checkpointed: first every copy to restore is read and checked against its digest (nothing
 * is written until all pass); then sheet by sheet, the sheet is copied to the undo set (the checkpoint is
 * saved right after, before any write), the backup copy is read again and checked, and only what differs
 * is written (restore-plan.ts). A run cut at any call resumes from the last checkpoint: a sheet whose undo
 * copy was made is not copied again (its copy holds the sheet before the restore touched it), and a
 * sheet half written is planned again from what it holds now, so nothing is done twice and nothing lost.
 * Between runs some sheets are restored and others not yet, each whole. The undo set is registered at the
 * end, also when the restore stops early (a copy changed or gone after the check), so it can be undone.
 */
import { mapHeaders } from "../../core/schema/headers";
import { specOfTabName } from "../platform/tab-map";
import type { BackupSetEntry, BackupTabEntry } from "../../core/trust/backups";
import { planRestore, writePieces, type RestorePlan } from "../../core/trust/restore-plan";
import type { RestoreResult } from "../../shared/trust";
import { runResumable, type ResumableJob, type StepContext } from "../platform/resumable";
import { writeValues } from "../platform/write-values";
import {
  BackupRefusedError,
  applyRetention,
  copyIntoPool,
  copyReadCells,
  effectiveUser,
  markRestoring,
  newSetId,
  readContents,
  registerCopies,
  registeredSet,
  verifiedCopy,
  written,
} from "./backups";
import { applyErasures } from "./privacy-erase";
import { protectOwnerOnly, VAULT_PROTECTION } from "./protection";
import { isSystemTabName, systemTabOf } from "../../core/schema/system-tabs";
import { findSystemTab } from "../platform/system-tabs";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const RESTORE_JOB = "restore-backup";

/** One copy to restore, with what reading it and its sheet costs (cell estimates, for the run's budget). */
export interface RestoreTab extends TabCost {
  /** Position of the copy in the set's tabs. */
  readonly at: number;
}

/** Cells a read of a copy costs, and cells of the sheet it restores. */
export interface TabCost {
  readonly copyCells: number;
  readonly sheetCells: number;
}

/** What restoring `tab` into `target` (null: a sheet to re-create) reads: the copy, and the sheet now. */
export function tabCost(tab: BackupTabEntry, target: Sheet | null): TabCost {
  return {
    copyCells: copyReadCells(tab),
    sheetCells: target ? target.getLastRow() * target.getLastColumn() : 0,
  };
}

/** A restore in progress, as checkpointed (small: positions and counts, never cells). */
export interface RestoreState {
  /** The set being restored; "" when there is nothing to restore (a continuation with no checkpoint). */
  readonly set: string;
  /** Who started it: the undo copies go to their backup spreadsheets, so only their runs continue it. */
  readonly by: string;
  /** The id the undo set is registered under at the end. */
  readonly undoId: string;
  /** The copies to restore, in order. */
  readonly tabs: readonly RestoreTab[];
  /** Copies checked so far, then sheets restored so far (both count entries of `tabs`). */
  readonly verified: number;
  readonly restored: number;
  /** The undo copies made so far: position in `tabs` → registry entry. */
  readonly undo: readonly { readonly at: number; readonly entry: BackupTabEntry }[];
  /** Data rows of the sheets restored so far. */
  readonly rows: number;
  /** Why the restore stopped before the end (a refusal), or null. */
  readonly stopped: string | null;
}

const NOTHING: RestoreState = {
  set: "",
  by: "",
  undoId: "",
  tabs: [],
  verified: 0,
  restored: 0,
  undo: [],
  rows: 0,
  stopped: null,
};

/**
 * A step's fixed cost in the size estimate's unit (a cell read): a call is ~100 cell reads under the cost
 * model (1 ms vs 0.01 ms), a property read ~30 calls; a step makes a few of each.
 */
const STEP_UNITS = 10_000;
/** Cells one write call covers at most, so a big rewrite can stop between two of them when time runs short. */
const WRITE_PIECE_CELLS = 20_000;

/**
 * The book's sheet a copy restores: by id first, then by name; a system tab's copy (the vault) by either of
 * its names, so a backup made under "Vault" restores onto "加密保管库" and the other way round.
 */
export function targetOf(tab: BackupTabEntry): Sheet | null {
  const ss = SpreadsheetApp.getActive();
  const byId = ss.getSheetById(tab.sheetId);
  if (byId) return byId;
  const system = systemTabOf(tab.sheet);
  // An audit archive ("AuditLog 2") is not the current log: it is found by its own name only.
  if (system && isSystemTabName(system, tab.sheet)) return findSystemTab(system);
  return ss.getSheetByName(tab.sheet);
}

/** Whether the effective user may write `sheet` (the vault is owner-only protected). */
export function mayWrite(sheet: Sheet): boolean {
  return sheet
    .getProtections(SpreadsheetApp.ProtectionType.SHEET)
    .every((p) => p.canEdit() || p.isWarningOnly());
}

/** The ID column (0-based) rows are matched by, when the sheet has one (else rows match by content). */
export function keyColumn(sheet: string, header: readonly unknown[] | undefined): number | null {
  const spec = specOfTabName(sheet);
  if (!spec?.idColumn || !header) return null;
  return mapHeaders(spec, header).index.get(spec.idColumn) ?? null;
}

/**
 * Applies a restore plan: deletes bottom-up, inserts top-down, then the changed blocks, a piece at a time
 * while the run has time (at least one piece, so every step gets on). Returns whether all was written.
 */
function applyPlan(target: Sheet, plan: RestorePlan, msLeft: () => number): boolean {
  const removing = plan.deletes.reduce((n, [, count]) => n + count, 0);
  // Sheets refuses to delete every non-frozen row; keep one spare blank row at the end.
  if (removing && target.getMaxRows() - removing <= target.getFrozenRows())
    target.insertRowsAfter(target.getMaxRows(), 1);
  for (const [first, count] of plan.deletes) target.deleteRows(first, count);
  let present = plan.kept;
  for (const [row, count] of plan.inserts) {
    if (row <= present) {
      target.insertRowsBefore(row, count);
      present += count;
    } else {
      const short = row + count - 1 - target.getMaxRows();
      if (short > 0) target.insertRowsAfter(target.getMaxRows(), short);
      present = row + count - 1;
    }
  }
  const width = plan.writes.reduce((w, b) => Math.max(w, b.column + b.values[0].length - 1), 0);
  if (width > target.getMaxColumns())
    target.insertColumnsAfter(target.getMaxColumns(), width - target.getMaxColumns());
  let slowest = 0;
  const pieces = writePieces(plan.writes, WRITE_PIECE_CELLS);
  for (let i = 0; i < pieces.length; i++) {
    if (i > 0 && msLeft() < slowest) return false;
    const started = Date.now();
    const block = pieces[i];
    writeValues(
      target.getRange(block.row, block.column, block.values.length, block.values[0].length),
      block.values,
    );
    slowest = Math.max(slowest, Date.now() - started);
  }
  return true;
}

/**
 * Re-creates a deleted sheet from its copy (a copy left by a cut run is renamed, not copied again), under
 * the name it was backed up with: a vault backed up as "Vault" comes back as "Vault" in a Chinese book too,
 * where it is found as before (system tabs answer to either name).
 */
function recreate(copy: Sheet, name: string): void {
  const ss = SpreadsheetApp.getActive();
  const made = ss.getSheetByName(`Copy of ${copy.getName()}`) ?? copy.copyTo(ss);
  made.setName(name);
  // A re-created vault is hidden and owner-only again, as the vault always is.
  if (isSystemTabName("vault", name)) {
    made.hideSheet();
    protectOwnerOnly(made, VAULT_PROTECTION);
  }
}

/** Restores the next sheet: undo copy (checkpointed), then what differs. Returns the state after it. */
function restoreNext(set: BackupSetEntry, state: RestoreState, run: StepContext<RestoreState>): RestoreState {
  const k = state.restored;
  const tab = set.tabs[state.tabs[k].at];
  const next = (s: RestoreState): RestoreState => ({
    ...s,
    restored: k + 1,
    rows: s.rows + Math.max(0, tab.rows - 1),
  });
  // Read and checked again: the copy may have changed since the first check, in an earlier run.
  const { copy, cells: backup } = verifiedCopy(set, tab);
  const target = targetOf(tab);
  if (!target) {
    recreate(copy, tab.sheet);
    return next(state);
  }
  let s = state;
  let current: unknown[][];
  if (!s.undo.some((u) => u.at === k)) {
    const { entry, raw } = copyIntoPool(target, s.undoId, s.set);
    s = { ...s, undo: [...s.undo, { at: k, entry }] };
    // Saved before the first write: a repeat of this step must not copy the half-restored sheet as "undo".
    run.save(s);
    current = written(raw);
  } else current = written(readContents(target, target.getLastRow(), target.getLastColumn()));
  const plan = planRestore(backup, current, keyColumn(tab.sheet, backup[0]));
  // Out of time before every piece was written: the next step plans again from what the sheet holds.
  return applyPlan(target, plan, run.msLeft) ? next(s) : s;
}

function step(
  requested: string | null,
  state: RestoreState,
  run: StepContext<RestoreState>,
): { state: RestoreState; done: boolean } {
  if (!state.set || state.stopped !== null) return { state, done: true };
  if (requested !== null && requested !== state.set)
    throw new Error(
      `Backup ${state.set} is still being restored (it continues in the hourly runs); restore ${requested} after it.`,
    );
  // The undo copies go to the starter's backup spreadsheets; another user's run cannot write there.
  if (effectiveUser() !== state.by)
    throw new Error(
      `The restore of backup ${state.set} was started by ${state.by}; it continues in their runs.`,
    );
  try {
    const set = registeredSet(state.set);
    if (state.verified < state.tabs.length) {
      verifiedCopy(set, set.tabs[state.tabs[state.verified].at]);
      return { state: { ...state, verified: state.verified + 1 }, done: false };
    }
    if (state.restored >= state.tabs.length) return { state, done: true };
    const after = restoreNext(set, state, run);
    return { state: after, done: after.restored >= after.tabs.length };
  } catch (e) {
    if (!(e instanceof BackupRefusedError)) throw e;
    // A refusal stops the restore (trying again would be refused again); finish reports it.
    return { state: { ...state, stopped: e.message }, done: true };
  }
}

function begin(requested: string | null): RestoreState {
  if (requested === null) return NOTHING;
  const set = registeredSet(requested);
  const tabs: RestoreTab[] = [];
  set.tabs.forEach((tab, at) => {
    const target = targetOf(tab);
    // The vault is restored only by who may write it (the owner); the rest of the set all the same.
    if (target && isSystemTabName("vault", tab.sheet) && !mayWrite(target)) return;
    tabs.push({ at, ...tabCost(tab, target) });
  });
  // Backups made while this restore is paused must not delete the set to make room.
  markRestoring(set.id);
  return { ...NOTHING, set: set.id, by: effectiveUser(), undoId: newSetId(), tabs };
}

/**
 * A checkpoint of an earlier version (tabs as bare positions, costs in arrays beside them) in today's form,
 * so a restore paused across an update continues; unknown costs count as 0 (the run budget still holds).
 */
function upgraded(state: RestoreState): RestoreState {
  const tabs = state.tabs as readonly (RestoreTab | number)[];
  if (!tabs.some((t) => typeof t === "number")) return state;
  return {
    ...state,
    tabs: tabs.map((t) => (typeof t === "number" ? { at: t, copyCells: 0, sheetCells: 0 } : t)),
  };
}

/** Cells the next step reads: the copy (checked), or the copy, and the sheet (its undo copy or itself). */
function size(state: RestoreState): number {
  if (!state.set || state.stopped !== null) return 0;
  const k = state.verified < state.tabs.length ? state.verified : state.restored;
  if (k >= state.tabs.length) return 0;
  const sheet = state.verified < state.tabs.length ? 0 : 2 * state.tabs[k].sheetCells;
  return STEP_UNITS + state.tabs[k].copyCells + sheet;
}

/** What finishing a restore reports: the rows restored, the undo set, and why it stopped early if it did. */
export interface RestoreFinish {
  readonly rows: number;
  readonly undoId: string | null;
  readonly stopped: string | null;
  /** Sheets restored of those the set holds (for the message when it stopped early). */
  readonly restored: number;
  readonly sheets: number;
}

/**
 * The restore as a resumable job. `requested` is the set a user asked for (a paused restore of another set
 * is not taken over); null is the dispatcher's table entry, which continues whichever restore is paused.
 * `onFinish` hears what the finish did (the caller's result).
 */
export function restoreJob(
  requested: string | null,
  onFinish: (f: RestoreFinish) => void = () => undefined,
): ResumableJob<RestoreState> {
  return {
    name: RESTORE_JOB,
    permission: "restore-backups",
    begin: () => begin(requested),
    step: (state, run) => step(requested, upgraded(state), run),
    size: (state) => size(upgraded(state)),
    finish(state) {
      if (!state.set) return { rowsAffected: 0, detail: "no restore to continue" };
      const undoId = state.undo.length
        ? registerCopies(
            state.undoId,
            `restore of ${state.set}`,
            state.by,
            state.undo.map((u) => u.entry),
          )
        : null;
      if (state.restored > 0) {
        // A backup made before a privacy erasure holds the erased customer: erase them again from what
        // this restore wrote, before anyone can read it.
        const set = registeredSet(state.set);
        applyErasures(
          set.at,
          state.tabs.slice(0, state.restored).map((t) => set.tabs[t.at].sheet),
        );
      }
      markRestoring(null);
      applyRetention();
      onFinish({
        rows: state.rows,
        undoId,
        stopped: state.stopped,
        restored: state.restored,
        sheets: state.tabs.length,
      });
      const undo = `undo with ${undoId ?? "nothing"}`;
      return state.stopped === null
        ? { rowsAffected: state.rows, detail: `restored ${state.set}; ${undo}` }
        : {
            rowsAffected: state.rows,
            detail: `stopped after ${state.restored} of ${state.tabs.length} sheets of ${state.set}: ${state.stopped}; ${undo}`,
          };
    },
  };
}

/**
 * Restores backup set `id` as far as this run allows; the hourly dispatcher continues the rest
 * (`continues`). A refusal (copy changed or gone) is thrown to the caller, after the undo set of any
 * sheet already restored is registered.
 */
export function startRestore(id: string): RestoreResult {
  const heard: { finish?: RestoreFinish } = {};
  const outcome = runResumable(restoreJob(id, (f) => (heard.finish = f)));
  const f = heard.finish;
  if (outcome.status === "paused" || !f) return { restored: id, rows: 0, undoId: null, continues: true };
  if (f.stopped !== null)
    throw new Error(
      f.restored === 0
        ? f.stopped
        : `${f.stopped} (${f.restored} of ${f.sheets} sheets were restored; undo with ${f.undoId})`,
    );
  return { restored: id, rows: f.rows, undoId: f.undoId };
}
