import type { DateKey } from "../../core/notify/calendar";
import {
  logRow,
  parseLogRows,
  SEND_LOG_HEADERS,
  SEND_LOG_SHEET,
  type SendLogEntry,
  type SendStatus,
} from "../../core/notify/send-log";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The hidden SendLog tab if it exists (previews read it without creating it). */
export function existingSendLogSheet(): Sheet | null {
  return SpreadsheetApp.getActive().getSheetByName(SEND_LOG_SHEET);
}

/** The hidden SendLog tab, created with its header (and text-formatted, so dates stay keys) on first use. */
export function sendLogSheet(): Sheet {
  const ss = SpreadsheetApp.getActive();
  const existing = ss.getSheetByName(SEND_LOG_SHEET);
  if (existing) return existing;
  const sheet = ss.insertSheet(SEND_LOG_SHEET);
  sheet.getRange(1, 1, 1, SEND_LOG_HEADERS.length).setValues([[...SEND_LOG_HEADERS]]);
  sheet.getRange(1, 1, sheet.getMaxRows(), SEND_LOG_HEADERS.length).setNumberFormat("@");
  sheet.hideSheet();
  return sheet;
}

/** Every entry, in written order, with one getValues. */
export function readSendLog(
  sheet: Sheet | null,
  dateOf: (v: unknown) => DateKey | undefined,
): SendLogEntry[] {
  if (!sheet) return [];
  const last = sheet.getLastRow();
  if (last < 2) return [];
  const rows = sheet.getRange(2, 1, last - 1, SEND_LOG_HEADERS.length).getValues();
  return parseLogRows(rows, dateOf);
}

/** Appends entries in one setValues; returns the sheet row of the first (or 0 when there were none). */
export function appendSendLog(sheet: Sheet, entries: readonly SendLogEntry[]): number {
  if (!entries.length) return 0;
  const first = sheet.getLastRow() + 1;
  const short = first + entries.length - 1 - sheet.getMaxRows();
  if (short > 0) sheet.insertRowsAfter(sheet.getMaxRows(), short);
  sheet.getRange(first, 1, entries.length, SEND_LOG_HEADERS.length).setValues(entries.map(logRow));
  return first;
}

/** Sets Status, At and Note of `count` consecutive rows from `row`, in one setValues. */
export function markSendLog(
  sheet: Sheet,
  row: number,
  count: number,
  status: SendStatus,
  at: string,
  note = "",
): void {
  if (count <= 0) return;
  const statusColumn = SEND_LOG_HEADERS.indexOf("Status") + 1;
  sheet
    .getRange(row, statusColumn, count, 3)
    .setValues(Array.from({ length: count }, () => [status, at, note]));
}

/**
 * Replaces the whole log with `entries` (after pruning): one setValues for the kept rows and one deleteRows
 * for the rest.
 */
export function rewriteSendLog(sheet: Sheet, entries: readonly SendLogEntry[]): void {
  const last = sheet.getLastRow();
  if (entries.length)
    sheet.getRange(2, 1, entries.length, SEND_LOG_HEADERS.length).setValues(entries.map(logRow));
  const surplus = last - 1 - entries.length;
  if (surplus > 0) sheet.deleteRows(entries.length + 2, surplus);
}
