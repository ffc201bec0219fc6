// What the book holds about one customer, read for a privacy export or an erasure (privacy-export.ts,
// privacy-erase.ts): their Customers row, the rows of the other canonical sheets naming their ID, their
// send-log entries, audit entries naming them and cells of other tabs naming them.
import type { ExportCell } from "../../core/browse/export-file";
import { dateKeyReader } from "../../core/calendar/cell-day";
import type { SendLogEntry } from "../../core/notify/send-log";
import { systemTabOf } from "../../core/schema/system-tabs";
import { specOfTabName } from "../platform/tab-map";
import { CUSTOMERS } from "../../core/schema/sheets";
import type { SheetSpec } from "../../core/schema/types";
import { a1 } from "../../core/table/a1";
import { isDateObject } from "../../core/table/parse/result";
import { AUDIT_FIELDS } from "../../core/trust/audit";
import { mentions, personMarks, type PersonMarks } from "../../core/trust/privacy-scrub";
import { existingSendLogSheet, readSendLog } from "../notify/send-log-sheet";
import { callerAccess } from "../platform/guard";
import { spreadsheetTimeZone } from "../platform/locale";
import { readTable, type TableSnapshot } from "../platform/sheet-table";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** One customer as the book holds them now. */
export interface CustomerInBook {
  readonly id: string;
  readonly customers: TableSnapshot | null;
  /** 0-based data rows of Customers holding the ID (normally one; none once deleted). */
  readonly rows: readonly number[];
  /** Their (first) row's cells by column key, or null when no row holds the ID. */
  readonly fields: ReadonlyMap<string, unknown> | null;
  readonly marks: PersonMarks;
}

/** A CustomerID as given by a caller: text, trimmed; refused when empty or absurdly long. */
export function customerIdArg(customerId: unknown): string {
  const id =
    typeof customerId === "string" || typeof customerId === "number" ? String(customerId).trim() : "";
  if (!id) throw new Error("Give the CustomerID of the customer.");
  if (id.length > 100) throw new Error("That is not a CustomerID.");
  return id;
}

/** Data rows (0-based) of `table` whose CustomerID cell is `id`. */
export function rowsNaming(table: TableSnapshot | null, id: string): number[] {
  const at = table?.map.index.get("CustomerID");
  if (!table || at === undefined) return [];
  return table.rows.flatMap((r, i) => (String(r[at] ?? "").trim() === id ? [i] : []));
}

/**
 * Customer `id` as the book holds them. With `checkAccess`, a customer the caller may not see is reported
 * as not found (the same words as one that does not exist), before anything of theirs is returned.
 */
export function customerInBook(id: string, checkAccess = true): CustomerInBook {
  const customers = readTable(CUSTOMERS);
  const rows = rowsNaming(customers, id);
  const first = rows.length ? customers!.rows[rows[0]] : null;
  const fields = first ? new Map([...customers!.map.index].map(([key, at]) => [key, first[at]])) : null;
  if (checkAccess && fields && !callerAccess().sees(fields.get("Owner") ?? ""))
    throw new Error(`There is no customer "${id}".`);
  const named = (key: string) => (fields ? fields.get(key) : "");
  const marks = personMarks(id, {
    Name: named("Name"),
    ContactName: named("ContactName"),
    Email: named("Email"),
    Phone: named("Phone"),
  });
  return { id, customers, rows, fields, marks };
}

/** A cell as an export holds it: text, numbers as numbers, dates as ISO instants, blanks as null. */
export function exportCell(v: unknown): ExportCell {
  if (v === null || v === undefined || v === "") return null;
  if (isDateObject(v)) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (typeof v === "number") return Number.isFinite(v) ? v : String(v);
  return String(v);
}

/** The rows of canonical sheet `spec` naming customer `id`: its table and their 0-based data rows. */
export function sheetRowsOf(spec: SheetSpec, id: string): { table: TableSnapshot | null; rows: number[] } {
  const table = readTable(spec);
  return { table, rows: rowsNaming(table, id) };
}

/** Their entries in the send log: about them (CustomerID) or to them (their e-mail). */
export function sendLogOf(who: PersonMarks): { all: SendLogEntry[]; theirs: SendLogEntry[] } {
  const sheet = existingSendLogSheet();
  const all = readSendLog(sheet, dateKeyReader(spreadsheetTimeZone()));
  const theirs = all.filter((e) => isTheirMail(e, who));
  return { all, theirs };
}

/** Whether a send-log entry is about customer `who` or was sent to them. */
export function isTheirMail(e: SendLogEntry, who: PersonMarks): boolean {
  return e.customerId.trim() === who.id || who.emails.includes(e.recipient.trim().toLowerCase());
}

/** The audit log's tabs under either name: the current log and its archives ("AuditLog 1", "审计日志 2", …). */
function auditTabs(): Sheet[] {
  return SpreadsheetApp.getActive()
    .getSheets()
    .filter((s) => systemTabOf(s.getName()) === "audit");
}

/**
 * Audit entries naming them (their ID, name, e-mail or phone in any field). Edits are logged by cell, so an
 * edit of their row is listed only when a value it records names them.
 */
export function auditEntriesOf(who: PersonMarks): { tab: string; row: number; values: unknown[] }[] {
  const out: { tab: string; row: number; values: unknown[] }[] = [];
  for (const sheet of auditTabs()) {
    const last = sheet.getLastRow();
    if (last < 2) continue;
    const width = Math.min(AUDIT_FIELDS.length, sheet.getLastColumn());
    sheet
      .getRange(2, 1, last - 1, width)
      .getValues()
      .forEach((r, i) => {
        if (r.some((v) => mentions(v, who))) out.push({ tab: sheet.getName(), row: i + 2, values: r });
      });
  }
  return out;
}

/**
 * Tabs whose data is read on their own terms (canonical sheets, vault, send log, segment history, audit
 * log): they pack many customers into one cell or row, so a cell naming someone is never taken whole.
 */
function isOwnTab(name: string): boolean {
  const system = systemTabOf(name);
  // The campaign log, suppression list and alerts hold one customer per row: their cells are read like any tab's.
  if (system === "campaignLog" || system === "suppression" || system === "alerts") return false;
  return specOfTabName(name) !== undefined || system !== undefined;
}

/** A cell of another tab (a report, the Problems list, the user's own tab) naming them. */
export interface Mention {
  readonly tab: string;
  readonly row: number;
  readonly column: number;
  readonly a1: string;
  readonly value: unknown;
}

/** Every cell of the other tabs naming them (one getValues per tab). */
export function mentionsElsewhere(who: PersonMarks): Mention[] {
  const out: Mention[] = [];
  for (const sheet of SpreadsheetApp.getActive().getSheets()) {
    const name = sheet.getName();
    if (isOwnTab(name)) continue;
    const rows = sheet.getLastRow();
    const columns = sheet.getLastColumn();
    if (rows < 1 || columns < 1) continue;
    sheet
      .getRange(1, 1, rows, columns)
      .getValues()
      .forEach((r, i) =>
        r.forEach((v, c) => {
          if (mentions(v, who))
            out.push({ tab: name, row: i + 1, column: c + 1, a1: a1(i + 1, c), value: v });
        }),
      );
  }
  return out;
}
