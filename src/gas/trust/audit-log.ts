import { writeValues } from "../platform/write-values";
import {
  AUDIT_FIELDS,
  AUDIT_HEADERS,
  archiveName,
  auditRow,
  clip,
  needsRollover,
  type AuditEntry,
} from "../../core/trust/audit";
import {
  type AuditVerification,
  type LogSheet,
  digestCell,
  linkRows,
  parseDigestCell,
  verifyChain,
} from "../../core/trust/audit-chain";
import { utf8Length } from "../../core/table/import/utf8-size";
import {
  MAX_QUEUE_BYTES,
  enqueueRows,
  readQueue,
  userTag,
  type QueueKind,
  type QueueTag,
  type QueueUsage,
  type QueuedRows,
  type QueueOwner,
} from "./property-queue";
import { reportToCall } from "../platform/call-audit";
import { withDocumentLock } from "../platform/lock";
import { ensureRows, trimGrid } from "../platform/tab-grid";
import {
  type ChainState,
  cellTexts,
  keyedDigest,
  newChainState,
  readChainState,
  saveChainState,
} from "./audit-chain";
import { AUDIT_PROTECTION, protectOwnerOnly } from "./protection";
import { readTrustSettings } from "./settings";
import { SYSTEM_TAB_NAMES, auditArchiveNumber } from "../../core/schema/system-tabs";
import { auditArchives, findSystemTab, insertSystemTab } from "../platform/system-tabs";

/** One audit entry for an add-on job. */
export interface JobEntry {
  readonly job: string;
  readonly user: string;
  readonly at: Date;
  readonly rows: number;
  readonly detail: string;
}

/** The log's English name, for messages (the tab itself may be named in Chinese: platform/system-tabs.ts). */
const AUDIT_SHEET = SYSTEM_TAB_NAMES.audit.en;
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
/** The column of each entry's link in the hash chain (after its fields). */
const DIGEST_COLUMN = AUDIT_HEADERS.length;
/** How long an append waits for the document lock (a long job may hold it) before queueing instead. */
const AUDIT_LOCK_WAIT_MS = 10_000;

/**
 * Shares of the queue (MAX_QUEUE_BYTES in all). An audited call is admitted before it runs only if its
 * entry will fit, so a change is never made unaudited. Writes may use the queue but for a headroom kept
 * for entries of calls already admitted, and one user's writes only part of it; exports and reveals
 * ("disclose") get a small share, and each user a part of that, so a viewer calling export in a loop is
 * refused long before the queue is full and a manager's delete is still admitted and audited.
 */
const WRITE_HEADROOM_BYTES = 16 * 1024;
const USER_WRITE_BYTES = 48 * 1024;
const DISCLOSE_BYTES = 24 * 1024;
const USER_DISCLOSE_BYTES = 6 * 1024;
/**
 * The most one queued entry may take (four property values): a paste's old and new grids can be 100,000
 * characters, which would crowd everything else out of the queue; past this they are clipped, noted.
 */
const MAX_QUEUED_ENTRY_BYTES = 30 * 1024;
/** What one export or reveal entry is allowed for when admitting it (they take ~300 bytes). */
const DISCLOSE_ENTRY_BYTES = 1024;

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * A new log tab: named `name` (a rollover keeps the log's name), else in the book's language, read from
 * `all`, the document properties as just read.
 */
function createAuditSheet(all: Readonly<Record<string, string>>, name?: string): Sheet {
  const sheet = name ? SpreadsheetApp.getActive().insertSheet(name) : insertSystemTab("audit", all);
  trimGrid(sheet, 1 + AUDIT_GROW_ROWS, AUDIT_HEADERS.length);
  sheet.getRange(1, 1, 1, AUDIT_HEADERS.length).setValues([[...AUDIT_HEADERS]]);
  sheet.setFrozenRows(1);
  protectOwnerOnly(sheet, AUDIT_PROTECTION);
  return sheet;
}

/**
 * The current log sheet, rolled over first when `incoming` more rows would pass the configured size;
 * `created` when it was made just now (with every column).
 */
function auditSheetFor(
  incoming: number,
  all: Readonly<Record<string, string>>,
): { sheet: Sheet; created: boolean } {
  const ss = SpreadsheetApp.getActive();
  const sheet = findSystemTab("audit");
  if (!sheet) return { sheet: createAuditSheet(all), created: true };
  const dataRows = Math.max(0, sheet.getLastRow() - 1);
  if (!needsRollover(dataRows, incoming, readTrustSettings().auditMaxRows)) return { sheet, created: false };
  // Renaming keeps the archive's protection (and its sheet id, by which the chain knows it); the new
  // sheet gets its own. The archive and the new log keep the log's name ("审计日志 2", "审计日志"; an
  // English log stays English after the book's language changes), numbered after the archives of either
  // name (a book whose log was deleted and re-made in the other language may have both).
  const base = sheet.getName();
  const numbered = ss.getSheets().flatMap((s) => {
    const n = auditArchiveNumber(s.getName());
    return n === undefined ? [] : [`${base} ${n}`];
  });
  sheet.setName(archiveName(base, numbered));
  dropOldArchives();
  return { sheet: createAuditSheet(all, base), created: true };
}

/** The archives ("AuditLog 1", "审计日志 2", …), oldest (lowest number) first. */
function archives(): Sheet[] {
  return auditArchives();
}

/** Deletes the oldest archives beyond AUDIT_ARCHIVES_KEPT. */
function dropOldArchives(): void {
  const all = archives();
  const ss = SpreadsheetApp.getActive();
  for (const old of all.slice(0, Math.max(0, all.length - AUDIT_ARCHIVES_KEPT))) ss.deleteSheet(old);
}

/** The log tabs, oldest first: the archives, then the current log. */
function logSheets(): Sheet[] {
  const current = findSystemTab("audit");
  return current ? [...archives(), current] : archives();
}

/** Queued rows, oldest first; dates travel as ISO strings and come back as dates. */
function queued(all?: Readonly<Record<string, string>>): QueuedRows {
  const queue = readQueue(QUEUE.prefix, all);
  const rows = queue.rows.map((row) =>
    row.map((v, i) => (i === 0 && typeof v === "string" ? new Date(v) : v)),
  );
  return { ...queue, rows };
}

/** A row cut to fit `budget` bytes as JSON: its longest texts clipped (with a note of how much). */
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

/**
 * Queues rows, a row larger than one property value split over several (up to MAX_QUEUED_ENTRY_BYTES).
 * Longer rows, and rows too big for the room left in the queue, have their longest texts clipped (noted
 * in the entry: "…(+N chars)") so who, what and when still wait; when there is no room even for that,
 * queueing fails with a clear error (property-queue.ts).
 */
function enqueue(rows: unknown[][], queuedBytes: number, failure: unknown, tag: QueueTag): void {
  const room = MAX_QUEUE_BYTES - queuedBytes;
  // Keys take ~100 bytes a value; a budget under 1 KB cannot hold an entry worth keeping.
  const budget = Math.min(MAX_QUEUED_ENTRY_BYTES, Math.floor(room / rows.length) - 1024);
  const fitted = rows.map((row) => (budget >= 1024 ? fitRow(row, budget) : row));
  enqueueRows(QUEUE, fitted, queuedBytes, failure, tag);
}

/** Makes sure `sheet` (a log tab of an earlier version, without links) has the Digest column. */
function ensureDigestColumn(sheet: Sheet): void {
  const columns = sheet.getMaxColumns();
  if (columns < DIGEST_COLUMN) sheet.insertColumnsAfter(columns, DIGEST_COLUMN - columns);
  const header = sheet.getRange(1, DIGEST_COLUMN);
  if (columns < DIGEST_COLUMN || header.getValue() !== AUDIT_HEADERS[DIGEST_COLUMN - 1])
    header.setValue(AUDIT_HEADERS[DIGEST_COLUMN - 1]);
}

/**
 * Writes entry rows (their fields) after the last entry of the log, each with its link in the hash chain,
 * and records the chain's new state. Continues from the recorded newest link, or from a newer one the
 * tab holds (a run cut between writing its rows and recording them). Throws when the tab cannot be
 * written; nothing is recorded then.
 */
function writeChained(
  rows: unknown[][],
  recorded: ChainState | null,
  all: Readonly<Record<string, string>>,
): void {
  const { sheet, created } = auditSheetFor(rows.length, all);
  const id = String(sheet.getSheetId());
  let anchors = recorded?.sheets ?? {};
  if (!anchors[id] && !created) ensureDigestColumn(sheet);
  const lastRow = sheet.getLastRow();
  const lastLink = lastRow >= 2 ? parseDigestCell(sheet.getRange(lastRow, DIGEST_COLUMN).getValue()) : null;
  const tail = recorded?.tail ?? null;
  const after = lastLink && (!tail || lastLink.seq > tail.seq) ? lastLink : tail;
  // Without a recorded state (a new log, or a copy of the document: its key is gone) a new key starts
  // numbering after the newest link present; what came before cannot be verified.
  const state = recorded ?? { ...newChainState(), from: (after?.seq ?? 0) + 1 };
  if (!anchors[id]) {
    const existing = new Set(
      SpreadsheetApp.getActive()
        .getSheets()
        .map((s) => String(s.getSheetId())),
    );
    anchors = Object.fromEntries(Object.entries(anchors).filter(([k]) => existing.has(k)));
    anchors = { ...anchors, [id]: { seq: (after?.seq ?? 0) + 1, prev: after?.digest ?? "" } };
  }
  const texts = cellTexts(SpreadsheetApp.getActive().getSpreadsheetTimeZone());
  const links = linkRows(after, rows.map(texts), keyedDigest(state.key));
  ensureRows(sheet, lastRow + rows.length, AUDIT_GROW_ROWS);
  writeValues(
    sheet.getRange(lastRow + 1, 1, rows.length, DIGEST_COLUMN),
    rows.map((row, i) => [...row, digestCell(links[i])]),
  );
  saveChainState({ ...state, tail: links[links.length - 1], sheets: anchors });
}

/**
 * Under the document lock (so two executions never link onto the same entry or store the same waiting
 * ones twice): writes the entries waiting in the queue, then `fresh`, linked, and removes the waiting
 * ones from the queue. One read of the document properties serves the queue and the chain's state.
 * Throws, having written nothing, when the tab cannot be written (or the lock is busy).
 */
function storeEntries(fresh: unknown[][]): void {
  withDocumentLock(() => {
    const all = PropertiesService.getDocumentProperties().getProperties();
    const backlog = queued(all);
    const rows = [...backlog.rows, ...fresh];
    if (rows.length) writeChained(rows, readChainState(all), all);
    const props = PropertiesService.getDocumentProperties();
    for (const key of backlog.keys) props.deleteProperty(key);
  }, AUDIT_LOCK_WAIT_MS);
}

/**
 * Appends entries to the audit log in one write (after any entries queued earlier), growing the tab first
 * when it is full, each linked into the hash chain. If the write fails (say the caller may not edit the
 * protected log), the new rows are queued, tagged with `kind` and their user, and written by the next
 * append that succeeds, so an entry is never silently lost and a finished job is not reported as failed.
 * Throws only when the queue has no room (a server call was admitted only with room for its entry).
 */
export function appendAuditEntries(entries: readonly AuditEntry[], kind: QueueKind = "write"): void {
  if (entries.length === 0) return;
  const fresh = entries.map(auditRow);
  try {
    storeEntries(fresh);
  } catch (e) {
    enqueue(fresh, readQueue(QUEUE.prefix).bytes, e, { kind, user: entries[0].user });
  }
}

/**
 * Writes the entries waiting in the queue to the log, if the caller may. Returns whether none wait any
 * more. The owner's edit trigger does this with every edit; admitting a call tries it when the queue is
 * full.
 */
/** Whether audit entries wait in the queue (the hourly dispatcher then stores them). */
export function hasQueuedEntries(): boolean {
  return readQueue(QUEUE.prefix).keys.length > 0;
}

export function storeQueuedEntries(): boolean {
  if (readQueue(QUEUE.prefix).keys.length === 0) return true;
  try {
    storeEntries([]);
    return true;
  } catch {
    return false;
  }
}

/** Raised before an audited call runs when its entry could not be recorded; nothing was done. */
export class AuditQueueFullError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuditQueueFullError";
  }
}

const kb = (bytes: number) => `${Math.ceil(bytes / 1024)} KB`;

/** Why an entry of `kind` by `user` would not fit in the queue as it is, or null when it would. */
function noRoom(usage: QueueUsage, kind: QueueKind, user: string): string | null {
  if (usage.total === 0) return null;
  const waiting =
    `${kb(usage.total)} of audit entries already wait for the ${AUDIT_SHEET} tab, which only the ` +
    `spreadsheet's owner can write; they are stored the next time the owner edits the sheet or runs a job.`;
  if (usage.total + WRITE_HEADROOM_BYTES > MAX_QUEUE_BYTES)
    return `Not done: the audit log cannot record this now. ${waiting} Nothing was changed; try again then.`;
  const mine = usage.byUser[`${kind}:${userTag(user)}`] ?? 0;
  if (kind === "write" && mine + WRITE_HEADROOM_BYTES > USER_WRITE_BYTES)
    return `Not done: ${kb(mine)} of your own changes are still waiting to be recorded in the audit log. ${waiting} Nothing was changed; try again then.`;
  if (kind === "disclose") {
    if (
      mine + DISCLOSE_ENTRY_BYTES > USER_DISCLOSE_BYTES ||
      usage.byKind.disclose + DISCLOSE_ENTRY_BYTES > DISCLOSE_BYTES
    )
      return `Not done: too many exports and reveals are still waiting to be recorded in the audit log. ${waiting} Try again then.`;
  }
  return null;
}

/**
 * Admits an audited server call before it runs: throws AuditQueueFullError (nothing has run) unless its
 * entry will be recorded, written to the log or queued within the shares above. When the queue is too
 * full, the waiting entries are first stored if the caller may write the log (the owner), which makes
 * room. So a change is never made without its entry, and reads, which are never audited, never queue.
 */
export function admitAuditedCall(kind: QueueKind, user: string): void {
  if (!noRoom(readQueue(QUEUE.prefix).usage, kind, user)) return;
  storeQueuedEntries();
  const problem = noRoom(readQueue(QUEUE.prefix).usage, kind, user);
  if (problem) throw new AuditQueueFullError(problem);
}

/** How many entries wait in the queue (not yet in the log, so not yet chained). */
export function queuedEntryCount(): number {
  return readQueue(QUEUE.prefix).rows.length;
}

/**
 * Verifies the hash chain over every log tab (see core/trust/audit-chain.ts): one getValues per tab, one
 * keyed digest per chained entry. Without the chain's state (never chained, or a copy of the document,
 * whose properties do not come along) only legacy entries can be counted.
 */
export function verifyAuditLog(): AuditVerification {
  const state = readChainState();
  const texts = cellTexts(SpreadsheetApp.getActive().getSpreadsheetTimeZone());
  const sheets: LogSheet[] = logSheets().map((sheet) => {
    const last = sheet.getLastRow();
    const width = Math.min(sheet.getMaxColumns(), DIGEST_COLUMN);
    const values = last >= 2 ? sheet.getRange(2, 1, last - 1, width).getValues() : [];
    return {
      name: sheet.getName(),
      anchor: state?.sheets[String(sheet.getSheetId())] ?? null,
      rows: values.map((row) => ({
        fields: texts(row.slice(0, AUDIT_FIELDS.length)),
        digest: row[DIGEST_COLUMN - 1] ?? "",
      })),
    };
  });
  if (!state) {
    const rows = sheets.flatMap((s) => s.rows);
    const chained = rows.some((r) => parseDigestCell(r.digest) !== null);
    return { ok: !chained, entries: 0, legacy: rows.length, broken: null, keyMissing: chained };
  }
  return verifyChain(sheets, state.tail, keyedDigest(state.key), state.from);
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

/** Reads page `page` (0 = newest) of `size` entries (their fields) from the current log, in one getValues. */
export function readAuditPage(page: number, size: number): AuditPage {
  const sheet = findSystemTab("audit");
  const total = sheet ? Math.max(0, sheet.getLastRow() - 1) : 0;
  const pages = Math.max(1, Math.ceil(total / size));
  const p = Math.min(Math.max(0, Math.floor(page)), pages - 1);
  const last = total - p * size;
  const first = Math.max(1, last - size + 1);
  if (!sheet || last < 1) return { headers: AUDIT_FIELDS, rows: [], page: p, pages };
  const values = sheet.getRange(first + 1, 1, last - first + 1, AUDIT_FIELDS.length).getValues();
  return { headers: AUDIT_FIELDS, rows: values.reverse(), page: p, pages };
}
