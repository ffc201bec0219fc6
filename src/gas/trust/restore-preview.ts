/**
 * What restoring a backup set would change, per sheet, before anything is written: rows the restore would
 * change, add and remove, counted the way the restore matches rows (restore-plan.ts: by the sheet's ID
 * column when it has one, else by the whole row). Only counts leave the server, never cells, so a preview
 * shows nothing of the book the restore-backups permission does not already cover.
 *
 * Every copy is read and checked against its digest first, as a restore does, so a tampered set is refused
 * here as well. The read is capped (PREVIEW_CELLS): a sheet too big to compare whole within what is left is
 * compared by its key column only (added and removed rows exact, changed rows an upper bound, marked
 * `approximate`), and its copy is then checked when it is restored (the restore refuses before writing).
 */
import { rowText, type BackupSetEntry, type BackupTabEntry } from "../../core/trust/backups";
import { matchRows } from "../../core/trust/restore-plan";
import type { RestorePreview, RestorePreviewSheet } from "../../shared/trust";
import { tabFile, tryOpen } from "./backup-pool";
import { BackupRefusedError, readContents, registeredSet, verifiedCopy, written } from "./backups";
import { keyColumn, mayWrite, tabCost, targetOf } from "./restore-job";
import { isSystemTabName } from "../../core/schema/system-tabs";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Cells a preview reads at most (copies and sheets together): ~5 s of reads under the cost model of
 * 0.01 ms a cell, well inside a call's 6 minutes (https://developers.google.com/apps-script/guides/services/quotas).
 */
export const PREVIEW_CELLS = 500_000;

/** Counts of what turning `current` into `backup` changes, rows matched as restore-plan.ts matches them. */
function countChanges(
  backup: readonly (readonly unknown[])[],
  current: readonly (readonly unknown[])[],
  key: number | null,
): Pick<RestorePreviewSheet, "changed" | "added" | "removed" | "headerChanged"> {
  const keyOf = (row: readonly unknown[]) => {
    const id = key === null ? "" : String(row[key] ?? "").trim();
    return id ? `id:${id}` : `row:${rowText(row)}`;
  };
  const pairs = current.length ? matchRows(backup.map(keyOf), current.map(keyOf)) : [];
  const data = pairs.filter(([i]) => i > 0);
  const header = pairs.find(([i]) => i === 0);
  return {
    changed: data.filter(([i, j]) => rowText(backup[i]) !== rowText(current[j])).length,
    added: Math.max(0, backup.length - 1) - data.length,
    removed: Math.max(0, current.length - 1) - data.length,
    headerChanged: header ? rowText(backup[0]) !== rowText(current[0]) : backup.length > 0,
  };
}

/** Column `column` (1-based) of rows 1..`rows` of `sheet`, as trimmed texts. */
function columnTexts(sheet: Sheet, rows: number, column: number): string[] {
  if (rows < 1) return [];
  return sheet
    .getRange(1, column, rows, 1)
    .getValues()
    .map((r) => String(r[0] ?? "").trim());
}

/**
 * A big sheet by its key column (the ID column, else the first): added and removed rows by key, and the
 * rows matched, any of which may have changed (an upper bound). The copy is not digest-checked here.
 */
function approximate(
  set: BackupSetEntry,
  tab: BackupTabEntry,
  target: Sheet,
): Pick<RestorePreviewSheet, "changed" | "added" | "removed" | "headerChanged"> {
  const copy = tryOpen(tabFile(set, tab))?.getSheetById(tab.tabId) ?? null;
  if (!copy)
    throw new BackupRefusedError(
      `The copy of "${tab.sheet}" in backup "${set.id}" cannot be read; nothing can be restored from it.`,
    );
  const width = target.getLastColumn();
  const backupHeader = copy.getRange(1, 1, 1, Math.max(1, tab.columns)).getValues()[0];
  const currentHeader = target.getRange(1, 1, 1, Math.max(1, width)).getValues()[0];
  const column = (keyColumn(tab.sheet, backupHeader) ?? 0) + 1;
  const keysOf = (texts: string[]) => texts.map((k, i) => (i === 0 ? "" : `k:${k}`));
  const pairs = matchRows(
    keysOf(columnTexts(copy, tab.rows, column)),
    keysOf(columnTexts(target, target.getLastRow(), column)),
  );
  const data = pairs.filter(([i]) => i > 0).length;
  return {
    changed: data,
    added: Math.max(0, tab.rows - 1) - data,
    removed: Math.max(0, target.getLastRow() - 1) - data,
    headerChanged: rowText(backupHeader) !== rowText(currentHeader),
  };
}

/**
 * The preview of restoring set `id`: per sheet of the set, its data rows in the backup and now, and the
 * rows the restore would change, add and remove. Throws (refuses) when the set is unknown, or a copy is
 * gone, unreadable or changed since it was made.
 */
export function previewRestore(id: string): RestorePreview {
  const set = registeredSet(String(id ?? ""));
  let budget = PREVIEW_CELLS;
  // First every copy small enough is checked (nothing is compared until all pass), as a restore does.
  const plans = set.tabs.map((tab) => {
    const target = targetOf(tab);
    const { copyCells, sheetCells } = tabCost(tab, target);
    const cost = copyCells + sheetCells;
    const exact = cost <= budget;
    if (exact) budget -= cost;
    return { tab, target, exact, cells: exact ? verifiedCopy(set, tab).cells : null };
  });
  const sheets = plans.map(({ tab, target, cells }): RestorePreviewSheet => {
    const base = {
      sheet: tab.sheet,
      backupRows: Math.max(0, tab.rows - 1),
      currentRows: target ? Math.max(0, target.getLastRow() - 1) : 0,
      missing: !target,
      skipped: false,
      approximate: false,
    };
    if (target && isSystemTabName("vault", tab.sheet) && !mayWrite(target))
      return { ...base, skipped: true, changed: 0, added: 0, removed: 0, headerChanged: false };
    if (!target)
      return { ...base, changed: 0, added: base.backupRows, removed: 0, headerChanged: tab.rows > 0 };
    if (!cells) return { ...base, approximate: true, ...approximate(set, tab, target) };
    const current = written(readContents(target, target.getLastRow(), target.getLastColumn()));
    return { ...base, ...countChanges(cells, current, keyColumn(tab.sheet, cells[0])) };
  });
  return { id: set.id, stamp: set.id.replace(/ #\d+$/, ""), reason: set.reason, sheets };
}
