import { writeValues } from "../platform/write-values";
import {
  AUDIT_HEADERS,
  archiveName,
  auditRow,
  clip,
  needsRollover,
  type AuditEntry,
} from "../../core/trust/audit";
import { utf8Length } from "../../core/table/import/utf8-size";
import {
  enqueueRows,
  QUEUE_BATCH_BYTES,
  readQueue,
  type QueuedRows,
  type QueueOwner,
} from "./property-queue";
import { reportToCall } from "../platform/call-audit";
import { ensureRows, trimGrid } from "../platform/tab-grid";
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
 * properties (see property-queue.ts); the next append that succeeds (the owner's edit trigger, say) writes
 * them first. Only for that case: a full tab grows instead.
 */
const QUEUE: QueueOwner = { prefix: "auditQueue:", tab: AUDIT_SHEET, holds: "entries" };
/** Rows the log grows by when full: one insertRowsAfter per this many appended rows at most. */
const AUDIT_GROW_ROWS = 200;
/**
 * Archives ("AuditLog 1", …) kept in the file besides the current log; older ones are deleted at rollover
 * so the log holds at most (1 + this) × auditMaxRows rows (the cell budget in the README).
 */
export const AUDIT_ARCHIVES_KEPT = 1;

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function createAuditSheet(): Sheet {
  const ss = SpreadsheetApp.getActive();
  const sheet = ss.insertSheet(AUDIT_SHEET);
  trimGrid(sheet, 1 + AUDIT_GROW_ROWS, AUDIT_HEADERS.length);
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
  dropOldArchives();
  return createAuditSheet();
}

/** Deletes the oldest archives beyond AUDIT_ARCHIVES_KEPT (by number: "AuditLog 3" is newer than 2). */
function dropOldArchives(): void {
  const ss = SpreadsheetApp.getActive();
  const pattern = new RegExp(`^${AUDIT_SHEET} (\\d+)$`);
  const archives = ss
    .getSheets()
    .map((sheet) => ({ sheet, n: Number(pattern.exec(sheet.getName())?.[1] ?? NaN) }))
    .filter((a) => Number.isFinite(a.n))
    .sort((a, b) => b.n - a.n);
  for (const old of archives.slice(AUDIT_ARCHIVES_KEPT)) ss.deleteSheet(old.sheet);
}

/** Queued rows, oldest first; dates travel as ISO strings and come back as dates. */
function queued(): QueuedRows {
  const queue = readQueue(QUEUE.prefix);
  const rows = queue.rows.map((row) =>
    row.map((v, i) => (i === 0 && typeof v === "string" ? new Date(v) : v)),
  );
  return { ...queue, rows };
}

/** A row cut to fit one queued batch: its longest texts clipped (with a note of how much) until it does. */
function fitRow(row: unknown[], budget: number): unknown[] {
  const out = [...row];
  const fits = () => utf8Length(JSON.stringify(out)) <= budget;
  for (let guard = 0; !fits() && guard < out.length; guard++) {
    let longest = -1;
    for (let i = 0; i < out.length; i++)
      if (typeof out[i] === "string" && (longest < 0 || String(out[i]).length > String(out[longest]).length))
        longest = i;
    if (longest < 0) break;
    // The longest prefix (in characters, which are 1 to 3 bytes) that fits, by bisection.
    const text = String(out[longest]);
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      out[longest] = clip(text, mid);
      if (fits()) lo = mid;
      else hi = mid - 1;
    }
    out[longest] = clip(text, lo);
  }
  return out;
}

/** Queues rows, a row too big for one batch clipped to fit (so a 300-row paste can still wait). */
function enqueue(rows: unknown[][], queuedBytes: number, failure: unknown): void {
  const fitted = rows.map((row) => fitRow(row, QUEUE_BATCH_BYTES - 16));
  enqueueRows(QUEUE, fitted, queuedBytes, failure);
}

/**
 * Appends entries to the audit log in one write (after any entries queued earlier), growing the tab first
 * when it is full. If the write fails (say the caller may not edit the protected log), the new rows are
 * queued and written by the next append that succeeds, so an entry is never silently lost and a finished
 * job is not reported as failed. Throws only when the queue is full.
 */
export function appendAuditEntries(entries: readonly AuditEntry[]): void {
  if (entries.length === 0) return;
  const backlog = queued();
  const fresh = entries.map(auditRow);
  const rows = [...backlog.rows, ...fresh];
  try {
    const sheet = auditSheetFor(rows.length);
    const first = sheet.getLastRow() + 1;
    ensureRows(sheet, first + rows.length - 1, AUDIT_GROW_ROWS);
    writeValues(sheet.getRange(first, 1, rows.length, AUDIT_HEADERS.length), rows);
  } catch (e) {
    enqueue(fresh, backlog.bytes, e);
    return;
  }
  const props = PropertiesService.getDocumentProperties();
  for (const key of backlog.keys) props.deleteProperty(key);
}

/**
 * Appends one job entry to the audit log; inside an audited server call the job's outcome goes into the
 * call's one entry instead (see platform/call-audit.ts).
 */
export function appendJobEntry(entry: JobEntry): void {
  if (reportToCall({ job: entry.job, rows: entry.rows, detail: entry.detail })) return;
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
