// The Alerts tab (预警记录): hidden, text-formatted, one line per raised alert, baseline condition or
// armed rule (core/notify/alerts/types.ts). It is the alerts' memory: what has fired (so nothing fires
// twice), and who acknowledged what.
import { ALERT_LOG_HEADERS, alertRow, parseAlertRows, type AlertRecord } from "../../../core/notify/alerts";
import { findSystemTab, insertSystemTab } from "../../platform/system-tabs";
import { ensureRows, trimGrid } from "../../platform/tab-grid";
import { writeValues } from "../../platform/write-values";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const WIDTH = ALERT_LOG_HEADERS.length;
const GROW_ROWS = 200;

/** The tab, created hidden with its header and text format on first use. */
function alertSheet(): Sheet {
  const existing = findSystemTab("alerts");
  if (existing) return existing;
  const sheet = insertSystemTab("alerts");
  trimGrid(sheet, 1 + GROW_ROWS, WIDTH);
  sheet.getRange(1, 1, sheet.getMaxRows(), WIDTH).setNumberFormat("@");
  sheet.getRange(1, 1, 1, WIDTH).setValues([[...ALERT_LOG_HEADERS]]);
  sheet.setFrozenRows(1);
  sheet.hideSheet();
  return sheet;
}

/** Every record (none while the tab does not exist), with one getValues. */
export function readAlerts(): AlertRecord[] {
  const sheet = findSystemTab("alerts");
  if (!sheet || sheet.getLastRow() < 2) return [];
  return parseAlertRows(sheet.getRange(2, 1, sheet.getLastRow() - 1, WIDTH).getValues());
}

/**
 * Replaces the tab's records with `records` in one setValues, clearing what is left below (the list is
 * small: open lines and the last weeks' alerts). Callers hold the document lock.
 */
export function writeAlerts(records: readonly AlertRecord[]): void {
  const sheet = alertSheet();
  const last = sheet.getLastRow();
  const before = sheet.getMaxRows();
  ensureRows(sheet, records.length + 1, GROW_ROWS);
  const added = sheet.getMaxRows() - before;
  if (added > 0) sheet.getRange(before + 1, 1, added, WIDTH).setNumberFormat("@");
  if (records.length) writeValues(sheet.getRange(2, 1, records.length, WIDTH), records.map(alertRow));
  if (last - 1 > records.length)
    sheet.getRange(records.length + 2, 1, last - 1 - records.length, WIDTH).clearContent();
}
