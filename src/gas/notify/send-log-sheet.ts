import { writeValues } from "../platform/write-values";
import type { DateKey } from "../../core/calendar";
import {
  logRow,
  parseLogRows,
  SEND_LOG_HEADERS,
  tripleKey,
  tripleStates,
  type SendLogEntry,
  type SendStatus,
} from "../../core/notify/send-log";
import { findSystemTab, insertSystemTab } from "../platform/system-tabs";
import { ensureRows, trimGrid } from "../platform/tab-grid";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Welcome rows are kept forever (a welcome goes out once per customer, ever), which at one row per
 * customer would make the log as long as Customers. Rows that can no longer change — the baseline taken
 * when welcome mails are turned on, and welcomes done before the last PACK_AFTER_DAYS — are rolled up:
 * one row holds many (recipient, customer) pairs in its CustomerID cell, marked by PACKED_NOTE, and reads
 * expand it back into the same entries, so every rule sees the log it saw.
 */
export const PACKED_NOTE = "(rolled up)";
const PACKED_PREFIX = "packed:";
/** Characters of one packed cell: under Sheets' 50,000 a cell. */
const PACKED_CELL_CHARS = 45_000;
/** Welcome rows dated this many days before the log's newest row or earlier are rolled up on rewrite. */
const PACK_AFTER_DAYS = 2;
/** Fewer entries than this stay one row each: rolling up pays off for whole customer lists, not a few. */
export const PACK_MIN_ENTRIES = 100;
/** Rows the log grows by when full. */
const LOG_GROW_ROWS = 200;

/** Packed rows for `entries` (all of one rule and status), dated `date`. */
function packRows(
  entries: readonly SendLogEntry[],
  date: string,
  status: SendStatus,
  at: string,
): string[][] {
  const rows: string[][] = [];
  let cell = PACKED_PREFIX;
  const flush = () => {
    if (cell !== PACKED_PREFIX) rows.push([date, "", cell, "welcome", status, at, PACKED_NOTE, "", ""]);
    cell = PACKED_PREFIX;
  };
  for (const e of entries) {
    const pair = `${e.recipient.replace(/[\t\n]/g, " ")}\t${e.customerId.replace(/[\t\n]/g, " ")}`;
    if (cell.length + pair.length + 1 > PACKED_CELL_CHARS) flush();
    cell += (cell === PACKED_PREFIX ? "" : "\n") + pair;
  }
  flush();
  return rows;
}

/** The entries of one packed row. */
function unpack(row: readonly unknown[], dateOf: (v: unknown) => DateKey | undefined): SendLogEntry[] {
  const date = dateOf(row[0]);
  const text = String(row[2] ?? "");
  if (!date || !text.startsWith(PACKED_PREFIX)) return [];
  const status = String(row[4]) as SendStatus;
  const at = String(row[5] ?? "");
  return text
    .slice(PACKED_PREFIX.length)
    .split("\n")
    .map((pair) => {
      const tab = pair.indexOf("\t");
      return {
        date,
        recipient: pair.slice(0, tab).toLowerCase(),
        customerId: pair.slice(tab + 1),
        rule: "welcome",
        status,
        at,
        note: "",
        by: "",
        channel: "",
      };
    });
}

/** Whether a sheet row is a rolled-up one. */
function isPacked(row: readonly unknown[]): boolean {
  return row[6] === PACKED_NOTE && String(row[2] ?? "").startsWith(PACKED_PREFIX);
}

/** The hidden SendLog (发送记录) tab if it exists (previews read it without creating it). */
export function existingSendLogSheet(): Sheet | null {
  return findSystemTab("sendLog");
}

/**
 * The hidden SendLog tab, created with its header (and text-formatted, so dates stay keys) on first use. A
 * log written before sends were attributed gains the By column (older rows read as "").
 */
export function sendLogSheet(): Sheet {
  const existing = findSystemTab("sendLog");
  if (existing) {
    addMissingColumns(existing);
    return existing;
  }
  const sheet = insertSystemTab("sendLog");
  trimGrid(sheet, 1 + LOG_GROW_ROWS, SEND_LOG_HEADERS.length);
  sheet.getRange(1, 1, 1, SEND_LOG_HEADERS.length).setValues([[...SEND_LOG_HEADERS]]);
  sheet.getRange(1, 1, sheet.getMaxRows(), SEND_LOG_HEADERS.length).setNumberFormat("@");
  sheet.hideSheet();
  return sheet;
}

/** Appends the columns SEND_LOG_HEADERS gained since `sheet` was created, header and text format. */
function addMissingColumns(sheet: Sheet): void {
  const used = sheet.getLastColumn();
  const missing = SEND_LOG_HEADERS.length - used;
  if (missing <= 0) return;
  const grid = sheet.getMaxColumns();
  if (grid < SEND_LOG_HEADERS.length) sheet.insertColumnsAfter(grid, SEND_LOG_HEADERS.length - grid);
  sheet.getRange(1, used + 1, 1, missing).setValues([SEND_LOG_HEADERS.slice(used)]);
  sheet.getRange(1, used + 1, sheet.getMaxRows(), missing).setNumberFormat("@");
}

/** Every entry, in written order (rolled-up rows expanded in place), with one getValues. */
export function readSendLog(
  sheet: Sheet | null,
  dateOf: (v: unknown) => DateKey | undefined,
): SendLogEntry[] {
  if (!sheet) return [];
  const last = sheet.getLastRow();
  if (last < 2) return [];
  // A log from before the By column (read by a preview, which adds nothing) has fewer columns.
  const width = Math.min(SEND_LOG_HEADERS.length, sheet.getMaxColumns());
  const rows = sheet.getRange(2, 1, last - 1, width).getValues();
  const out: SendLogEntry[] = [];
  let from = 0;
  const plain = (to: number) => {
    if (to > from) for (const e of parseLogRows(rows.slice(from, to), dateOf)) out.push(e);
  };
  rows.forEach((row, i) => {
    if (!isPacked(row)) return;
    plain(i);
    for (const e of unpack(row, dateOf)) out.push(e);
    from = i + 1;
  });
  plain(rows.length);
  return out;
}

/** Room for rows up to `lastRow`, new rows text-formatted like the first ones (so dates stay keys). */
function growLog(sheet: Sheet, lastRow: number): void {
  const before = sheet.getMaxRows();
  ensureRows(sheet, lastRow, LOG_GROW_ROWS);
  const added = sheet.getMaxRows() - before;
  if (added > 0) sheet.getRange(before + 1, 1, added, SEND_LOG_HEADERS.length).setNumberFormat("@");
}

/**
 * Appends entries in one setValues; returns the sheet row of the first entry that is not a welcome
 * baseline (or 0 when there were none). Baseline entries, which never change, are written rolled up after
 * the others when there are at least PACK_MIN_ENTRIES of them.
 */
export function appendSendLog(sheet: Sheet, entries: readonly SendLogEntry[]): number {
  if (!entries.length) return 0;
  const isBaseline = (e: SendLogEntry) => e.status === "baseline" && e.rule === "welcome";
  const many = entries.filter(isBaseline).length >= PACK_MIN_ENTRIES;
  const baseline = many ? entries.filter(isBaseline) : [];
  const others = many ? entries.filter((e) => !isBaseline(e)) : entries;
  const rows = [
    ...others.map(logRow),
    ...(baseline.length ? packRows(baseline, baseline[0].date, "baseline", baseline[0].at) : []),
  ];
  const first = sheet.getLastRow() + 1;
  growLog(sheet, first + rows.length - 1);
  writeValues(sheet.getRange(first, 1, rows.length, SEND_LOG_HEADERS.length), rows);
  return first;
}

/**
 * `entries` with the welcome triples that can no longer change rolled up: done (sent, pending or
 * baseline) and not held back since, all of their rows dated before `cutoff`. One pair per triple remains,
 * with the status its rows settle on; everything else keeps its row and order.
 */
function rollUp(entries: readonly SendLogEntry[]): string[][] {
  const newest = entries.reduce((m, e) => (e.date > m ? e.date : m), "");
  const cutoff = newest ? shiftDay(newest, -PACK_AFTER_DAYS) : "";
  const states = tripleStates(entries, newest as DateKey);
  const recent = new Set<string>();
  for (const e of entries)
    if (e.rule === "welcome" && e.date >= cutoff) recent.add(tripleKey(e.recipient, e.customerId, e.rule));
  const settled = (e: SendLogEntry) => {
    if (e.rule !== "welcome") return false;
    const key = tripleKey(e.recipient, e.customerId, e.rule);
    const s = states.get(key);
    return !recent.has(key) && !!s?.everDone && s.outstandingSince === undefined;
  };
  if (entries.filter(settled).length < PACK_MIN_ENTRIES) return entries.map(logRow);
  const packed = new Map<string, SendLogEntry>();
  const rows: string[][] = [];
  let at = "";
  let date = "";
  for (const e of entries) {
    if (!settled(e)) {
      rows.push(logRow(e));
      continue;
    }
    const key = tripleKey(e.recipient, e.customerId, e.rule);
    const prev = packed.get(key);
    const status: SendStatus = prev?.status === "sent" || e.status !== "baseline" ? "sent" : "baseline";
    packed.delete(key);
    packed.set(key, { ...e, status });
    if (e.date > date) date = e.date;
    if (e.at > at) at = e.at;
  }
  const all = [...packed.values()];
  for (const status of ["baseline", "sent"] as const)
    rows.push(
      ...packRows(
        all.filter((e) => e.status === status),
        date,
        status,
        at,
      ),
    );
  return rows;
}

/** The calendar day `days` after (or before) a yyyy-MM-dd key. */
function shiftDay(day: string, days: number): string {
  const t = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Sets Status and At of `count` consecutive rows from `row`, and their Note when `note` is given (an error
 * message), in one setValues. Without one the Note stays: a sent reminder keeps the mark it was logged
 * pending with (repeat.ts), which tells the next runs whether it escalated.
 */
export function markSendLog(
  sheet: Sheet,
  row: number,
  count: number,
  status: SendStatus,
  at: string,
  note?: string,
): void {
  if (count <= 0) return;
  const statusColumn = SEND_LOG_HEADERS.indexOf("Status") + 1;
  const cells = note === undefined ? [status, at] : [status, at, note];
  writeValues(
    sheet.getRange(row, statusColumn, count, cells.length),
    Array.from({ length: count }, () => cells),
  );
}

/**
 * Replaces the whole log with `entries` (after pruning), settled welcome rows rolled up: one setValues for
 * the kept rows and one deleteRows for the rest of the grid but LOG_GROW_ROWS spare rows.
 */
export function rewriteSendLog(sheet: Sheet, entries: readonly SendLogEntry[]): void {
  const last = sheet.getLastRow();
  const rows = rollUp(entries);
  // Rolled-up rows read back expanded may not all pack again (getRange past the grid throws).
  growLog(sheet, rows.length + 1);
  if (rows.length) writeValues(sheet.getRange(2, 1, rows.length, SEND_LOG_HEADERS.length), rows);
  if (last - 1 > rows.length)
    sheet.getRange(rows.length + 2, 1, last - 1 - rows.length, SEND_LOG_HEADERS.length).clearContent();
  const keep = rows.length + 1 + LOG_GROW_ROWS;
  const spare = sheet.getMaxRows() - keep;
  if (spare > 0) sheet.deleteRows(keep + 1, spare);
}
