import { type AuditEntry } from "../../core/trust/audit";
import { redactValue } from "../../core/trust/mask";
import { mapHeaders } from "../../core/schema/headers";
import { specOfSheet } from "../platform/tab-map";
import type { SheetSpec } from "../../core/schema/types";
import { UNKNOWN_EDITOR, editorOf } from "../platform/edit-event";
import { appendAuditEntries } from "./audit-log";
import { newestBackupValues } from "./backups";
import { sensitivePositions } from "./sensitive-columns";
import { sealRows } from "./vault";

type EditEvent = GoogleAppsScript.Events.SheetsOnEdit;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Grid = unknown[][];

/** Old values of a multi-cell edit from the newest registered backup of the sheet, when there is one. */
function snapshotValues(sheetName: string, a1: string): { values: Grid; tab: string } | null {
  const found = newestBackupValues(sheetName, a1);
  return found ? { values: found.values, tab: found.label } : null;
}

const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Who the audit entry names for an edit: the editor the event reports (platform/edit-event.ts), never
 * the trigger's creator by mistake. The trigger runs as its creator (the effective user); an edit by the
 * creator shows them as the active user too, since the active user is visible to itself
 * (https://developers.google.com/apps-script/reference/base/session#getActiveUser()). An editor Google
 * will not name can still arrive as the creator in the event's user (reported for signed-out editors of
 * a link-shared sheet), so an edit reported as the creator's while the active user is someone hidden is
 * an unknown editor's.
 */
function actorOf(e: EditEvent): string {
  const editor = editorOf(e);
  if (editor === UNKNOWN_EDITOR) return editor;
  const creator = Session.getEffectiveUser().getEmail();
  if (!creator || !sameEmail(editor, creator)) return editor;
  return sameEmail(Session.getActiveUser().getEmail(), creator) ? editor : UNKNOWN_EDITOR;
}

/** Masks the values of sensitive columns in a grid that starts at 1-based `firstColumn`. */
function redactGrid(grid: Grid, firstColumn: number, sensitive: ReadonlyMap<number, string>): Grid {
  return grid.map((row) => row.map((v, c) => redactValue(v, sensitive.has(firstColumn - 1 + c))));
}

/**
 * The installable edit trigger's trust part. Appends the audit entry (single cell: old and new value;
 * several cells: the new grid and the old one from the last backup snapshot), with sensitive values
 * masked; then encrypts any plaintext typed into a sensitive column into the vault and leaves its mask.
 * Reads the header row and the edited rows once each; writes one audit batch.
 */
export function onAuditedEdit(e: EditEvent): void {
  if (!e || !e.range) return;
  const range = e.range;
  const sheet: Sheet = range.getSheet();
  const sheetName = sheet.getName();
  const spec: SheetSpec | null = specOfSheet(sheet) ?? null;
  const row = range.getRow();
  const column = range.getColumn();
  const rows = range.getNumRows();
  const columns = range.getNumColumns();
  let headers: unknown[] = [];
  let sensitive: ReadonlyMap<number, string> = new Map();
  if (spec && sheet.getLastColumn() > 0) {
    headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
    sensitive = sensitivePositions(spec, mapHeaders(spec, headers));
  }
  const touchesSensitive = [...sensitive.keys()].some((i) => i + 1 >= column && i + 1 < column + columns);
  const at = new Date();
  const user = actorOf(e);
  const a1 = range.getA1Notation();

  let entry: AuditEntry;
  if (rows === 1 && columns === 1) {
    const isSensitive = sensitive.has(column - 1);
    entry = {
      kind: "edit",
      at,
      user,
      sheet: sheetName,
      range: a1,
      oldValue: redactValue(e.oldValue ?? "", isSensitive),
      newValue: redactValue(e.value ?? (e.oldValue === undefined ? range.getValue() : ""), isSensitive),
    };
  } else {
    const snap = snapshotValues(sheetName, a1);
    entry = {
      kind: "paste",
      at,
      user,
      sheet: sheetName,
      range: a1,
      oldValues: snap ? redactGrid(snap.values, column, sensitive) : null,
      newValues: redactGrid(range.getValues(), column, sensitive),
      snapshot: snap?.tab,
    };
  }
  appendAuditEntries([entry]);

  if (spec && touchesSensitive && row + rows - 1 >= 2) {
    const first = Math.max(2, row);
    const count = row + rows - first;
    const values = sheet.getRange(first, 1, count, headers.length).getValues();
    sealRows(sheet, spec, headers, first, values);
  }
}
