import { AUDIT_HEADERS, archiveName, auditRow, needsRollover, type AuditEntry } from "../../core/trust/audit";
import { setDocumentJson } from "../platform/properties";
import { AUDIT_PROTECTION, protectOwnerOnly } from "./protection";
import { readTrustSettings } from "./settings";

/** One audit entry for an add-on job. */
export interface JobEntry {
  readonly job: string;
  readonly user: string;
  readonly at: Date;
  readonly rows: number;
  readonly detail: string;
}

export const AUDIT_SHEET = "AuditLog";
/**
 * Entries that could not be written (e.g. the caller may not edit the owner-only log) wait in document
 * properties, one key per batch so no single value passes the 9 KB limit; the next append that succeeds
 * (the owner's edit trigger, say) writes them first.
 */
const QUEUE_PREFIX = "auditQueue:";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function createAuditSheet(): Sheet {
  const ss = SpreadsheetApp.getActive();
  const sheet = ss.insertSheet(AUDIT_SHEET);
  sheet.getRange(1, 1, 1, AUDIT_HEADERS.length).setValues([[...AUDIT_HEADERS]]);
  sheet.setFrozenRows(1);
  protectOwnerOnly(sheet, AUDIT_PROTECTION);
  return sheet;
}

/** The current log sheet, rolled over first when `incoming` more rows would pass the configured size. */
function auditSheetFor(incoming: number): Sheet {
  const ss = SpreadsheetApp.getActive();
  const sheet = ss.getSheetByName(AUDIT_SHEET);
  if (!sheet) return createAuditSheet();
  const dataRows = Math.max(0, sheet.getLastRow() - 1);
  if (!needsRollover(dataRows, incoming, readTrustSettings().auditMaxRows)) return sheet;
  // Renaming keeps the archive's protection; the new sheet gets its own.
  sheet.setName(
    archiveName(
      AUDIT_SHEET,
      ss.getSheets().map((s) => s.getName()),
    ),
  );
  return createAuditSheet();
}

/** Queued rows, oldest first; dates travel as ISO strings and come back as dates. */
function queued(): { keys: string[]; rows: unknown[][] } {
  const all = PropertiesService.getDocumentProperties().getProperties();
  const keys = Object.keys(all)
    .filter((k) => k.startsWith(QUEUE_PREFIX))
    .sort();
  const rows = keys.flatMap((k) =>
    (JSON.parse(all[k]) as unknown[][]).map((row) =>
      row.map((v, i) => (i === 0 && typeof v === "string" ? new Date(v) : v)),
    ),
  );
  return { keys, rows };
}

function enqueue(rows: unknown[][]): void {
  const stamp = String(Date.now()).padStart(15, "0");
  setDocumentJson(`${QUEUE_PREFIX}${stamp}:${Utilities.getUuid()}`, rows);
}

/**
 * Appends entries to the audit log in one write (after any entries queued earlier). If the write fails
 * (say the caller may not edit the protected log), the new rows are queued and written by the next append
 * that succeeds, so an entry is never silently lost and a finished job is not reported as failed.
 * Throws only when even the queue cannot take them.
 */
export function appendAuditEntries(entries: readonly AuditEntry[]): void {
  if (entries.length === 0) return;
  const backlog = queued();
  const fresh = entries.map(auditRow);
  const rows = [...backlog.rows, ...fresh];
  try {
    const sheet = auditSheetFor(rows.length);
    sheet.getRange(sheet.getLastRow() + 1, 1, rows.length, AUDIT_HEADERS.length).setValues(rows);
  } catch {
    enqueue(fresh);
    return;
  }
  const props = PropertiesService.getDocumentProperties();
  for (const key of backlog.keys) props.deleteProperty(key);
}

/** Appends one job entry to the audit log. */
export function appendJobEntry(entry: JobEntry): void {
  appendAuditEntries([{ kind: "job", ...entry }]);
}

/** One page of the log, newest first. */
export interface AuditPage {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
  readonly page: number;
  readonly pages: number;
}

/** Reads page `page` (0 = newest) of `size` entries from the current log sheet, in one getValues. */
export function readAuditPage(page: number, size: number): AuditPage {
  const sheet = SpreadsheetApp.getActive().getSheetByName(AUDIT_SHEET);
  const total = sheet ? Math.max(0, sheet.getLastRow() - 1) : 0;
  const pages = Math.max(1, Math.ceil(total / size));
  const p = Math.min(Math.max(0, Math.floor(page)), pages - 1);
  const last = total - p * size;
  const first = Math.max(1, last - size + 1);
  if (!sheet || last < 1) return { headers: AUDIT_HEADERS, rows: [], page: p, pages };
  const values = sheet.getRange(first + 1, 1, last - first + 1, AUDIT_HEADERS.length).getValues();
  return { headers: AUDIT_HEADERS, rows: values.reverse(), page: p, pages };
}
