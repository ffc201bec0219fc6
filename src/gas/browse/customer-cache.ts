import {
  buildCustomerIndex,
  type CustomerIndex,
  type IndexedCustomer,
} from "../../core/browse/customer-index";
import { CUSTOMERS } from "../../core/schema/sheets";
import type { SheetSpec } from "../../core/schema/types";
import { currentRole } from "../platform/guard";
import { currentUser, spreadsheetTimeZone, userLang } from "../platform/locale";
import type { Lang } from "../../core/schema/types";
import { findSheet, readTable } from "../platform/sheet-table";
import { can } from "../../core/access/roles";

const VERSION_PROPERTY = "browse.version";
/**
 * A warm index is reused only this long: edits typed into the sheet do not bump the version, so a
 * short lifetime bounds how stale a listing can be while keeping paging through a large book fast.
 */
const MAX_AGE_MS = 60_000;

let memo: { version: string; builtAt: number; index: CustomerIndex } | null = null;

/** An ISO date formatter for the spreadsheet's zone (Intl is far cheaper per cell than Utilities.formatDate). */
export function isoDateFormatter(timeZone: string): (d: Date) => string {
  const format = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  return (d) => format.format(d);
}

/** Marks the index stale after the add-on itself wrote to the Customers sheet. */
export function bumpCustomersVersion(): void {
  PropertiesService.getDocumentProperties().setProperty(VERSION_PROPERTY, String(new Date().getTime()));
  memo = null;
}

/** The cheap version of the Customers sheet: its id and size, and the add-on's write counter. */
export function customersVersion(sheet = findSheet(CUSTOMERS)): string {
  if (!sheet) return "none";
  return [
    sheet.getSheetId(),
    sheet.getLastRow(),
    sheet.getLastColumn(),
    PropertiesService.getDocumentProperties().getProperty(VERSION_PROPERTY) ?? "",
  ].join("|");
}

/**
 * The customer index, rebuilt from one getValues of the Customers sheet only when the cheap version
 * (sheet id, last row, last column, the add-on's write counter) changed or the memo is older than a minute.
 */
export function customerIndex(): CustomerIndex {
  const sheet = findSheet(CUSTOMERS);
  if (!sheet) throw new Error('There is no Customers sheet yet; run "Set up / repair" first.');
  const version = customersVersion(sheet);
  const now = new Date().getTime();
  if (memo && memo.version === version && now - memo.builtAt < MAX_AGE_MS) return memo.index;
  const table = readTable(CUSTOMERS)!;
  const index = buildCustomerIndex(table.headers, table.rows, isoDateFormatter(spreadsheetTimeZone()));
  memo = { version, builtAt: now, index };
  return index;
}

/** Who may see and change which customers: managers everything, sales reps the rows they own. */
export interface Visibility {
  readonly scope: "all" | "own";
  readonly canEdit: "all" | "own" | "none";
  readonly canDelete: boolean;
  readonly visible: (c: IndexedCustomer) => boolean;
  /** The visibility filter for the query engine (null: everything) and its cache scope. */
  readonly filter: ((c: IndexedCustomer) => boolean) | null;
  readonly scopeKey: string;
}

export function callerVisibility(): Visibility {
  const role = currentRole();
  const user = currentUser().trim().toLowerCase();
  const own = (c: IndexedCustomer) =>
    String(c.values.Owner ?? "")
      .trim()
      .toLowerCase() === user;
  const all = can(role, "edit-all") || role === "viewer";
  return {
    scope: all ? "all" : "own",
    canEdit: can(role, "edit-all") ? "all" : can(role, "edit-own") ? "own" : "none",
    canDelete: can(role, "edit-all"),
    visible: all ? () => true : own,
    filter: all ? null : own,
    scopeKey: all ? "all" : `own:${user}`,
  };
}

/** The language the sidebar asked for, else the user's own; anything else is ignored. */
export function langOf(requested: unknown): Lang {
  return requested === "en" || requested === "zh-CN" ? requested : userLang();
}

/** A related sheet (Orders, Interactions, Feedback) grouped by customer ID. */
export interface RelatedIndex {
  readonly index: ReadonlyMap<string, number>;
  readonly byCustomer: ReadonlyMap<string, readonly (readonly unknown[])[]>;
}

const relatedMemo = new Map<string, { version: string; builtAt: number; value: RelatedIndex | null }>();

/**
 * A related sheet grouped by customer, rebuilt from one getValues when its size changed or after a
 * minute, so opening portrait after portrait does not re-read 20,000 orders each time.
 */
export function relatedIndex(spec: SheetSpec): RelatedIndex | null {
  const sheet = findSheet(spec);
  if (!sheet) return null;
  const version = [sheet.getSheetId(), sheet.getLastRow(), sheet.getLastColumn()].join("|");
  const now = new Date().getTime();
  const hit = relatedMemo.get(spec.key);
  if (hit && hit.version === version && now - hit.builtAt < MAX_AGE_MS) return hit.value;
  const table = readTable(spec);
  const idAt = table?.map.index.get("CustomerID");
  let value: RelatedIndex | null = null;
  if (table && idAt !== undefined) {
    const byCustomer = new Map<string, (readonly unknown[])[]>();
    for (const row of table.rows) {
      const id = String(row[idAt]).trim();
      const list = byCustomer.get(id);
      if (list) list.push(row);
      else byCustomer.set(id, [row]);
    }
    value = { index: table.map.index, byCustomer };
  }
  relatedMemo.set(spec.key, { version, builtAt: now, value });
  return value;
}
