// The campaign log (CampaignLog / 营销发送记录) and the suppression list (Suppression / 退订名单): hidden
// system tabs named in the book's language, formatted as text so dates stay keys and nothing typed into
// a cell (an address, an ID) is read as a number or a formula.
import type { DateKey } from "../../core/calendar";
import {
  CAMPAIGN_LOG_HEADERS,
  campaignLogRow,
  parseCampaignLog,
  type CampaignLogEntry,
  type CampaignSendStatus,
} from "../../core/campaigns/campaign-log";
import {
  SUPPRESSION_HEADERS,
  parseSuppression,
  suppressionRow,
  type SuppressionEntry,
} from "../../core/campaigns/suppression";
import type { SystemTab } from "../../core/schema/system-tabs";
import { findSystemTab, insertSystemTab } from "../platform/system-tabs";
import { ensureRows, trimGrid } from "../platform/tab-grid";
import { writeValues } from "../platform/write-values";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Rows a tab grows by when full. */
const GROW_ROWS = 200;

/** System tab `tab`, created hidden with its header and text format on first use. */
function systemSheet(tab: SystemTab, headers: readonly string[]): Sheet {
  const existing = findSystemTab(tab);
  if (existing) return existing;
  const sheet = insertSystemTab(tab);
  trimGrid(sheet, 1 + GROW_ROWS, headers.length);
  sheet.getRange(1, 1, sheet.getMaxRows(), headers.length).setNumberFormat("@");
  sheet.getRange(1, 1, 1, headers.length).setValues([[...headers]]);
  sheet.setFrozenRows(1);
  sheet.hideSheet();
  return sheet;
}

function rowsOf(sheet: Sheet | null, width: number): unknown[][] {
  if (!sheet || sheet.getLastRow() < 2) return [];
  return sheet.getRange(2, 1, sheet.getLastRow() - 1, width).getValues();
}

/** Appends rows in one setValues (growing the grid, new rows text-formatted); returns the first row. */
function append(sheet: Sheet, rows: readonly (readonly string[])[], width: number): number {
  if (!rows.length) return 0;
  const first = sheet.getLastRow() + 1;
  const before = sheet.getMaxRows();
  ensureRows(sheet, first + rows.length - 1, GROW_ROWS);
  const added = sheet.getMaxRows() - before;
  if (added > 0) sheet.getRange(before + 1, 1, added, width).setNumberFormat("@");
  writeValues(sheet.getRange(first, 1, rows.length, width), rows);
  return first;
}

/** The campaign log tab (created on first use). */
export function campaignLogSheet(): Sheet {
  return systemSheet("campaignLog", CAMPAIGN_LOG_HEADERS);
}

/** Every campaign log entry, in written order (none while the tab does not exist). */
export function readCampaignLog(dateOf: (v: unknown) => DateKey | undefined): CampaignLogEntry[] {
  return parseCampaignLog(rowsOf(findSystemTab("campaignLog"), CAMPAIGN_LOG_HEADERS.length), dateOf);
}

/** Appends entries in one write; returns the sheet row of the first. */
export function appendCampaignLog(sheet: Sheet, entries: readonly CampaignLogEntry[]): number {
  return append(sheet, entries.map(campaignLogRow), CAMPAIGN_LOG_HEADERS.length);
}

/**
 * Settles the pending entry on `row` (logged with no reason and no note): its Status, Note and At, which
 * are adjacent to Reason, in one write.
 */
export function markCampaignLog(
  sheet: Sheet,
  row: number,
  status: CampaignSendStatus,
  at: string,
  note = "",
): void {
  const statusColumn = CAMPAIGN_LOG_HEADERS.indexOf("Status") + 1;
  writeValues(sheet.getRange(row, statusColumn, 1, 4), [[status, "", note, at]]);
}

/** The suppression tab (created on first use). */
export function suppressionSheet(): Sheet {
  return systemSheet("suppression", SUPPRESSION_HEADERS);
}

/** Every suppression entry (none while the tab does not exist). */
export function readSuppression(): SuppressionEntry[] {
  return parseSuppression(rowsOf(findSystemTab("suppression"), SUPPRESSION_HEADERS.length));
}

export function appendSuppression(entries: readonly SuppressionEntry[]): void {
  if (entries.length) append(suppressionSheet(), entries.map(suppressionRow), SUPPRESSION_HEADERS.length);
}
