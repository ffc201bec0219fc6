import { keptCell, writeValues } from "../platform/write-values";
// Backups outside the book: each set copies sheets into separate spreadsheets in the Drive of whoever
// makes it ("<book> — Sheet CRM backups", created as needed and reused in rotation, see backup-pool.ts;
// SpreadsheetApp.create/openById need the `spreadsheets` scope, and the add-on only ever opens the files it
// created), so ten backups do not count against the book's 10,000,000 cells. The registry (backup-registry.ts) is the
// only source of truth for listing, retention and restore; a restore writes only what differs.
import { mapHeaders, sheetSpecForName } from "../../core/schema/headers";
import { SHEETS } from "../../core/schema/sheets";
import type { SheetSpec } from "../../core/schema/types";
import {
  expiredSetIds,
  gridDigestChunks,
  nextSetId,
  type BackupSetEntry,
  type BackupTabEntry,
} from "../../core/trust/backups";
import { isMasked } from "../../core/trust/mask";
import { planRestore, type RestorePlan } from "../../core/trust/restore-plan";
import { findSheet } from "../platform/sheet-table";
import { BackupPool, dropSets, gridCells, setPieces, tabFile, tryOpen } from "./backup-pool";
import { readRegistry, registerSet } from "./backup-registry";
import { sensitivePositions } from "./sensitive-columns";
import { protectOwnerOnly, VAULT_PROTECTION } from "./protection";
import { readTrustSettings } from "./settings";
import { sealValues, VAULT_SHEET } from "./vault";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** A sheet's content as read: values and formulas of its data extent. */
interface Contents {
  readonly values: unknown[][];
  readonly formulas: string[][];
}

function readContents(sheet: Sheet, rows: number, columns: number): Contents {
  if (rows < 1 || columns < 1) return { values: [], formulas: [] };
  const range = sheet.getRange(1, 1, rows, columns);
  return { values: range.getValues(), formulas: range.getFormulas() };
}

/** Cells as they are to be written back (through writeValues): formulas as formulas, values as they are. */
function written(c: Contents): unknown[][] {
  return c.values.map((row, r) => row.map((v, col) => keptCell(c.formulas[r][col], v)));
}

function hex(bytes: readonly number[]): string {
  return bytes.map((b) => ((b + 256) % 256).toString(16).padStart(2, "0")).join("");
}

/** SHA-256 of a grid, hashed a chunk of rows at a time (a 100k-row sheet is never one string). */
function digestOf(grid: readonly (readonly unknown[])[]): string {
  const sha = (text: string) => hex(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text));
  return sha(gridDigestChunks(grid).map(sha).join(""));
}

function effectiveUser(): string {
  return Session.getEffectiveUser().getEmail();
}

/**
 * The sheet's content with plaintext in sensitive columns replaced by masks (sealed into the vault, as
 * before the add-on: no backup holds a plaintext ID number), and the masked cells to write into the copy.
 */
function sealed(
  contents: Contents,
  spec: SheetSpec | undefined,
): { contents: Contents; masks: Map<number, unknown[][]> } {
  const masks = new Map<number, unknown[][]>();
  if (!spec || contents.values.length < 2) return { contents, masks };
  const headers = contents.values[0];
  const positions = sensitivePositions(spec, mapHeaders(spec, headers));
  const rows = contents.values.slice(1);
  const plain = [...positions.keys()].some((c) =>
    rows.some((r) => String(r[c] ?? "").trim() !== "" && !isMasked(r[c])),
  );
  if (!plain) return { contents, masks };
  const cells = sealValues(spec, headers, 2, rows);
  const values = contents.values.map((r) => [...r]);
  for (const cell of cells) values[cell.row - 1][cell.column - 1] = cell.mask;
  for (const column of new Set(cells.map((c) => c.column)))
    masks.set(
      column,
      values.slice(1).map((r) => [r[column - 1]]),
    );
  return { contents: { values, formulas: contents.formulas }, masks };
}

/**
 * Copies one sheet into the backup spreadsheet. The copy itself is then read (not the sheet: a user may
 * type between a read and the copy), sealed, and digested, so the registry describes exactly what it holds.
 */
function copySheet(file: Spreadsheet, setId: string, sheet: Sheet): BackupTabEntry {
  const name = sheet.getName();
  // A server-side copy (values, formulas, formats) costs one call however big the sheet is.
  const copy = sheet.copyTo(file);
  let tabName = `${setId} ${name}`.slice(0, 100);
  if (file.getSheetByName(tabName)) tabName = `${setId} ${copy.getSheetId()}`;
  copy.setName(tabName);
  const read = readContents(copy, copy.getLastRow(), copy.getLastColumn());
  const { contents: safe, masks } = sealed(read, sheetSpecForName(name));
  for (const [column, cells] of masks) writeValues(copy.getRange(2, column, cells.length, 1), cells);
  return {
    sheet: name,
    sheetId: sheet.getSheetId(),
    tabId: copy.getSheetId(),
    rows: safe.values.length,
    columns: safe.values[0]?.length ?? 0,
    digest: digestOf(written(safe)),
  };
}

/** One backup set as made: its id and, per sheet, the copy. */
export interface MadeSet {
  readonly id: string;
  readonly tabs: readonly { readonly sheet: string; readonly tab: Sheet }[];
}

function stampNow(): string {
  const ss = SpreadsheetApp.getActive();
  return Utilities.formatDate(new Date(), ss.getSpreadsheetTimeZone(), "yyyy-MM-dd HH:mm:ss");
}

/**
 * Copies `sheets` into one new registered set, in one backup file or, when they do not fit one, one file
 * per sheet. `protect` (a set being restored) is never deleted to make room.
 */
function makeSet(sheets: readonly Sheet[], reason: string, protect: string | null = null): MadeSet | null {
  if (!sheets.length) return null;
  const registry = readRegistry();
  const user = effectiveUser();
  const pool = BackupPool.open(registry.index, registry.sets, user, readTrustSettings().backupKeep, protect);
  const id = nextSetId(stampNow(), registry.index.sets);
  const tabs: BackupTabEntry[] = [];
  const made: { sheet: string; tab: Sheet }[] = [];
  for (const piece of setPieces(sheets)) {
    const file = pool.fileFor(piece.reduce((sum, s) => sum + gridCells(s), 0));
    for (const sheet of piece) {
      const entry = { ...copySheet(file, id, sheet), file: file.getId() };
      tabs.push(entry);
      made.push({ sheet: entry.sheet, tab: file.getSheetById(entry.tabId)! });
    }
  }
  const entry: BackupSetEntry = { id, at: Date.now(), reason, file: tabs[0].file ?? "", by: user, tabs };
  registerSet(pool.index, entry);
  return { id, tabs: made };
}

/** Deletes the sets retention no longer keeps (by registry, never by tab name). Returns how many went. */
function applyRetention(): number {
  const { index, sets } = readRegistry();
  const expired = expiredSetIds(index, readTrustSettings().backupKeep);
  dropSets(index, sets, expired);
  return expired.length;
}

/** The label a backup copy goes by in messages and audit entries. */
export function backupLabel(id: string, sheet: string): string {
  return `Backup ${id} ${sheet}`;
}

/**
 * Copies one set of sheets to the backup spreadsheet (before destructive work), then applies retention.
 * Sheets that do not exist are skipped. Returns the set, or null when no sheet was found.
 */
export function backupSet(sheetNames: readonly string[], reason: string): MadeSet | null {
  const ss = SpreadsheetApp.getActive();
  const sheets = sheetNames.map((n) => ss.getSheetByName(n)).filter((s): s is Sheet => s !== null);
  const made = makeSet(sheets, reason);
  if (made) applyRetention();
  return made;
}

/** Like backupSet; returns the copies' labels ("Backup <set> <sheet>"). */
export function backupSheets(sheetNames: readonly string[], reason: string): string[] {
  const made = backupSet(sheetNames, reason);
  return made ? made.tabs.map((t) => backupLabel(made.id, t.sheet)) : [];
}

/** The canonical sheets present in the workbook, by their tab names (the weekly and manual backups). */
export function canonicalSheetNames(): string[] {
  return SHEETS.map(findSheet)
    .filter((s): s is Sheet => s !== null)
    .map((s) => s.getName());
}

/** What the weekly and manual backups copy: the canonical sheets and the vault (still encrypted). */
export function fullBackupSheetNames(): string[] {
  const vault = SpreadsheetApp.getActive().getSheetByName(VAULT_SHEET);
  return [...canonicalSheetNames(), ...(vault ? [vault.getName()] : [])];
}

/** One backup set as the sidebar lists it. */
export interface BackupInfo {
  readonly id: string;
  readonly stamp: string;
  readonly sheets: readonly string[];
  readonly reason: string;
}

/** The registered sets, newest first. */
export function listBackupSets(): BackupInfo[] {
  return readRegistry()
    .sets.map((set) => ({
      id: set.id,
      stamp: set.id.replace(/ #\d+$/, ""),
      sheets: set.tabs.map((t) => t.sheet),
      reason: set.reason,
    }))
    .reverse();
}

function registeredSet(id: string): BackupSetEntry {
  const set = readRegistry().sets.find((s) => s.id === id);
  if (!set) throw new Error(`There is no backup "${id}".`);
  return set;
}

/** The backup file holding `tab` of `set`; throws when this user cannot open it. */
function openTabFile(set: BackupSetEntry, tab: BackupTabEntry): Spreadsheet {
  const file = tryOpen(tabFile(set, tab));
  if (!file)
    throw new Error(
      `Backup "${set.id}" is kept in a spreadsheet you cannot open (made by ${set.by}); ask them to restore it.`,
    );
  return file;
}

/** A registered copy, its content read and checked against the digest taken when it was made. */
function verifiedCopy(set: BackupSetEntry, tab: BackupTabEntry): { copy: Sheet; contents: Contents } {
  const copy = openTabFile(set, tab).getSheetById(tab.tabId);
  if (!copy)
    throw new Error(`The copy of "${tab.sheet}" in backup "${set.id}" is gone; nothing was restored.`);
  const contents = readContents(copy, tab.rows, tab.columns);
  if (digestOf(written(contents)) !== tab.digest)
    throw new Error(
      `The copy of "${tab.sheet}" in backup "${set.id}" was changed after it was made; nothing was restored.`,
    );
  return { copy, contents };
}

/**
 * The copy of `sheet` in set `id` (checked against its digest) and its content, for a batch delete's undo.
 */
export function backupCopy(
  id: string,
  sheet: string,
): { copy: Sheet; values: unknown[][]; formulas: string[][] } {
  const set = registeredSet(id);
  const tab = set.tabs.find((t) => t.sheet === sheet);
  if (!tab) throw new Error(`Backup "${id}" holds no copy of "${sheet}".`);
  const { copy, contents } = verifiedCopy(set, tab);
  return { copy, ...contents };
}

/**
 * The values of `a1` in the newest backup holding `sheetName`, for the audit's "old values" of a paste;
 * null when there is none or it cannot be read.
 */
export function newestBackupValues(
  sheetName: string,
  a1: string,
): { values: unknown[][]; label: string } | null {
  const sets = readRegistry().sets;
  for (let i = sets.length - 1; i >= 0; i--) {
    const tab = sets[i].tabs.find((t) => t.sheet === sheetName);
    if (!tab) continue;
    try {
      const copy = tryOpen(tabFile(sets[i], tab))?.getSheetById(tab.tabId) ?? null;
      return copy
        ? { values: copy.getRange(a1).getValues(), label: backupLabel(sets[i].id, sheetName) }
        : null;
    } catch {
      // The pasted range lies beyond the copy's grid: the backup has no old values for it.
      return null;
    }
  }
  return null;
}

/** Whether the effective user may write `sheet` (the vault is owner-only protected). */
function mayWrite(sheet: Sheet): boolean {
  return sheet
    .getProtections(SpreadsheetApp.ProtectionType.SHEET)
    .every((p) => p.canEdit() || p.isWarningOnly());
}

/** Applies a restore plan: deletes bottom-up, inserts top-down, then the changed blocks. */
function applyPlan(target: Sheet, plan: RestorePlan): void {
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
  for (const block of plan.writes)
    writeValues(
      target.getRange(block.row, block.column, block.values.length, block.values[0].length),
      block.values,
    );
}

/** The ID column (0-based) rows are matched by, when the sheet has one. */
function keyColumn(sheet: string, header: readonly unknown[] | undefined): number | null {
  const spec = sheetSpecForName(sheet);
  if (!spec?.idColumn || !header) return null;
  return mapHeaders(spec, header).index.get(spec.idColumn) ?? null;
}

/** Time a restore may spend before its first write; the writes get the rest of the 6-minute run. */
const RESTORE_READ_BUDGET_MS = 180_000;

/**
 * Restores every sheet of backup set `id` (and the vault, when the set holds it and the caller may write
 * it). Every copy is read and checked against its digest before anything is written; the sheets it
 * overwrites are backed up first, so a restore can be undone. Only what differs is written: rows added
 * since are deleted, rows deleted since re-inserted, changed rows rewritten. A deleted sheet is re-created
 * from its copy. Returns the rows restored (data rows of the restored sheets). Call under the document lock.
 */
export function restoreBackupSet(id: string): { readonly rows: number; readonly undoId: string | null } {
  const started = Date.now();
  const set = registeredSet(id);
  const ss = SpreadsheetApp.getActive();
  const work = set.tabs
    .map((tab) => {
      const { copy, contents } = verifiedCopy(set, tab);
      const target = ss.getSheetById(tab.sheetId) ?? ss.getSheetByName(tab.sheet);
      return { tab, copy, contents, target };
    })
    .filter((w) => !w.target || w.tab.sheet !== VAULT_SHEET || mayWrite(w.target));
  // Retention waits until the restore is done, and the undo set never makes room by deleting the set
  // being restored: its copies are still read below.
  const undo = makeSet(
    work.flatMap((w) => (w.target ? [w.target] : [])),
    `restore of ${id}`,
    id,
  );
  const current = work.map((w) =>
    w.target ? readContents(w.target, w.target.getLastRow(), w.target.getLastColumn()) : null,
  );
  // Rows are deleted, inserted and rewritten sheet by sheet: a run cut by Apps Script's 6-minute limit
  // in the middle would leave a half-restored book. When reading and the undo copy have used so much of
  // the run that the writes may not fit, stop here, with nothing changed.
  if (Date.now() - started > RESTORE_READ_BUDGET_MS)
    throw new Error(
      `Backup ${id} is too large to restore in one run (reading it took ${Math.round((Date.now() - started) / 1000)} s of ` +
        `Apps Script's 6 minutes); nothing was changed. Restore fewer sheets, or restore the copy by hand from the backup spreadsheet.`,
    );
  let rows = 0;
  work.forEach((w, i) => {
    if (w.target) {
      const backup = written(w.contents);
      applyPlan(w.target, planRestore(backup, written(current[i]!), keyColumn(w.tab.sheet, backup[0])));
    } else {
      const made = w.copy.copyTo(ss).setName(w.tab.sheet);
      // A re-created vault is hidden and owner-only again, as the vault always is.
      if (w.tab.sheet === VAULT_SHEET) {
        made.hideSheet();
        protectOwnerOnly(made, VAULT_PROTECTION);
      }
    }
    rows += Math.max(0, w.tab.rows - 1);
  });
  applyRetention();
  return { rows, undoId: undo ? undo.id : null };
}
