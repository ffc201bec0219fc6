import {
  backupSets,
  backupTabName,
  expiredSets,
  nextSetId,
  type BackupSet,
  type BackupTab,
} from "../../core/trust/backups";
import { SHEETS } from "../../core/schema/sheets";
import { findSheet } from "../platform/sheet-table";
import { sheetSpecForName } from "../../core/schema/headers";
import { sealPlaintext } from "./vault";
import { getDocumentJson, setDocumentJson } from "../platform/properties";
import { readTrustSettings } from "./settings";

/** Why each backup set was made, by set id; pruned with the sets. */
const REASONS_KEY = "backupReasons";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function tabNames(): string[] {
  return SpreadsheetApp.getActive()
    .getSheets()
    .map((s) => s.getName());
}

/** Deletes the sets retention no longer keeps. Returns how many sets went. */
function applyRetention(): number {
  const ss = SpreadsheetApp.getActive();
  const expired = expiredSets(backupSets(tabNames()), readTrustSettings().backupKeep);
  for (const set of expired) {
    for (const tab of set.tabs) {
      const sheet = ss.getSheetByName(tab.tab);
      if (sheet) ss.deleteSheet(sheet);
    }
  }
  if (expired.length) {
    const reasons = { ...getDocumentJson<Record<string, string>>(REASONS_KEY, {}) };
    for (const set of expired) delete reasons[set.id];
    setDocumentJson(REASONS_KEY, reasons);
  }
  return expired.length;
}

/** Copies sheets to one new hidden backup set; returns its id and tab names. */
function makeBackupSet(sheetNames: readonly string[], reason: string): { id: string; tabs: string[] } {
  const ss = SpreadsheetApp.getActive();
  const stamp = Utilities.formatDate(new Date(), ss.getSpreadsheetTimeZone(), "yyyy-MM-dd HH:mm:ss");
  const id = nextSetId(stamp, tabNames());
  const tabs: string[] = [];
  for (const name of sheetNames) {
    const sheet = ss.getSheetByName(name);
    if (!sheet) continue;
    const copy = sheet.copyTo(ss).setName(backupTabName(id, name));
    // Plaintext typed before the add-on was installed must not live on in a backup: the copy gets masks
    // (the vault keeps the values under the same row keys, so a restore can still reveal them).
    const spec = sheetSpecForName(name);
    if (spec) sealPlaintext(copy, spec);
    copy.hideSheet();
    // Warning-only: an owner-only lock would stop managers' retention from deleting old copies.
    copy.protect().setDescription(`Sheet CRM backup ${id}`).setWarningOnly(true);
    tabs.push(copy.getName());
  }
  if (tabs.length)
    setDocumentJson(REASONS_KEY, {
      ...getDocumentJson<Record<string, string>>(REASONS_KEY, {}),
      [id]: reason,
    });
  return { id, tabs };
}

/**
 * Copies sheets to hidden, warning-protected backups named "Backup <yyyy-MM-dd HH:mm:ss> <sheet>" before
 * destructive work, then applies retention. Sheets that do not exist are skipped. Returns the backup
 * tab names.
 */
export function backupSheets(sheetNames: readonly string[], reason: string): string[] {
  const { tabs } = makeBackupSet(sheetNames, reason);
  if (tabs.length) applyRetention();
  return tabs;
}

/** The canonical sheets present in the workbook, by their tab names (the weekly and manual backups). */
export function canonicalSheetNames(): string[] {
  return SHEETS.map(findSheet)
    .filter((s): s is Sheet => s !== null)
    .map((s) => s.getName());
}

/** One backup set as the sidebar lists it. */
export interface BackupInfo {
  readonly id: string;
  readonly stamp: string;
  readonly sheets: readonly string[];
  readonly reason: string;
}

export function listBackupSets(): BackupInfo[] {
  const reasons = getDocumentJson<Record<string, string>>(REASONS_KEY, {});
  return backupSets(tabNames()).map((set) => ({
    id: set.id,
    stamp: set.stamp,
    sheets: set.tabs.map((t) => t.sheet),
    reason: reasons[set.id] ?? "",
  }));
}

/** The sheet a backup tab restores into: by exact name, or by prefix when the tab name was cut. */
function restoreTarget(tab: BackupTab): Sheet | null {
  const ss = SpreadsheetApp.getActive();
  const exact = ss.getSheetByName(tab.sheet);
  if (exact) return exact;
  if (tab.tab.length < 100) return null;
  return ss.getSheets().find((s) => s.getName().startsWith(tab.sheet) && !s.isSheetHidden()) ?? null;
}

/**
 * Copies a backup tab's contents (formulas where it has them, else values) over `target` in ONE
 * setValues that also blanks whatever lies beyond the backup's extent, so a run cut short leaves the
 * sheet wholly old or wholly restored.
 */
function copyContents(from: Sheet, target: Sheet): number {
  const rows = Math.max(0, from.getLastRow());
  const columns = Math.max(0, from.getLastColumn());
  const height = Math.max(rows, target.getLastRow());
  const width = Math.max(columns, target.getLastColumn());
  if (height < 1 || width < 1) return 0;
  let merged: unknown[][] = [];
  if (rows > 0 && columns > 0) {
    const range = from.getRange(1, 1, rows, columns);
    const formulas = range.getFormulas();
    merged = range.getValues().map((row, r) => row.map((v, c) => formulas[r][c] || v));
  }
  const grid = Array.from({ length: height }, (_, r) =>
    Array.from({ length: width }, (_, c) => (r < rows && c < columns ? merged[r][c] : "")),
  );
  target.getRange(1, 1, height, width).setValues(grid);
  return Math.max(0, rows - 1);
}

/**
 * Restores every sheet of backup set `id` in one step. The sheets it overwrites are backed up first,
 * so a restore can itself be undone. A deleted sheet is re-created from its backup. Returns the rows
 * restored. Call under the document lock.
 */
export function restoreBackupSet(id: string): { readonly rows: number; readonly undoId: string | null } {
  const set: BackupSet | undefined = backupSets(tabNames()).find((s) => s.id === id);
  if (!set) throw new Error(`There is no backup "${id}".`);
  const ss = SpreadsheetApp.getActive();
  const targets = set.tabs.map((tab) => ({ tab, target: restoreTarget(tab) }));
  const existing = targets.filter((t) => t.target !== null).map((t) => t.target!.getName());
  // Retention waits until the restore is done: it could otherwise delete the very set being restored.
  const undo = makeBackupSet(existing, `restore of ${id}`);
  let rows = 0;
  for (const { tab, target } of targets) {
    const source = ss.getSheetByName(tab.tab);
    if (!source) continue;
    if (target) {
      rows += copyContents(source, target);
    } else {
      const copy = source.copyTo(ss).setName(tab.sheet);
      copy.showSheet();
      for (const p of copy.getProtections(SpreadsheetApp.ProtectionType.SHEET)) p.remove();
      rows += Math.max(0, copy.getLastRow() - 1);
    }
  }
  applyRetention();
  return { rows, undoId: undo.tabs.length ? undo.id : null };
}
