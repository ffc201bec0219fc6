import { buildBook, type SheetCells } from "../../core/book";
import {
  buildCustomerIndex,
  cellValue,
  type CellValue,
  type IndexedCustomer,
} from "../../core/browse/customer-index";
import { portraitFacts } from "../../core/browse/portrait-facts";
import { idKey } from "../../core/browse/row-index";
import { dateKeyOfDay, dayOfDateKey } from "../../core/calendar";
import { RESULT_COLUMNS } from "../../core/classify/classify";
import { enumOption } from "../../core/schema/headers";
import { CUSTOMERS, FEEDBACK, INTERACTIONS, ORDERS } from "../../core/schema/sheets";
import type { ColumnSpec, Lang, SheetKey, SheetSpec } from "../../core/schema/types";
import type {
  CustomerPortrait,
  PortraitFeedback,
  PortraitField,
  PortraitInteraction,
  PortraitOrder,
} from "../../shared/browse";
import {
  bookDates,
  bookLang,
  bookTimeZone,
  bumpSheetStale,
  callerVisibility,
  customersStamp,
  langOf,
  sheetStamp,
  type Visibility,
} from "./customer-cache";
import { findRows } from "./find-rows";
import { readSheetRows, type SheetStamp } from "./sheet-columns";
import { valueLists } from "../table/settings";

/** Columns shown as the portrait's scores: the classification's results (but its "why") and credit risk. */
const SCORE_KEYS = new Set<string>([
  ...RESULT_COLUMNS.filter((k) => k !== "Why"),
  "CreditRisk",
  "ClassifiedAt",
]);

/**
 * Sensitive cells hold ciphertext (see trust's vault): nothing of it is worth showing, so a fixed mask
 * stands in; the sidebar reveals the plaintext through revealSensitive, which checks and audits.
 */
export function mask(text: string): string {
  return text ? "••••••" : "";
}

function text(column: ColumnSpec | undefined, raw: unknown, lang: Lang, toIso: (d: Date) => string): string {
  if (raw === null || raw === undefined || raw === "") return "";
  if (!column) return raw instanceof Date ? toIso(raw) : String(raw);
  if (column.type === "enum") return enumOption(column, raw)?.label[lang] ?? String(raw);
  if (column.type === "percent" && typeof raw === "number") return `${Math.round(raw * 1000) / 10}%`;
  if (column.type === "boolean") return raw === true || /^(true|yes|是|1)$/i.test(String(raw)) ? "✓" : "✗";
  const v = cellValue(column, raw, toIso);
  return v === null ? "" : String(v);
}

/** The rows of one sheet that name the customer, as read: sheet row and cells. */
interface SheetRows {
  readonly stamp: SheetStamp;
  readonly rows: readonly number[];
  readonly cells: readonly (readonly unknown[])[];
}

/** Rows `rows` of a stamped sheet, read in the cheapest way (readSheetRows), in row order. */
function readRows(stamp: SheetStamp, rows: readonly number[]): SheetRows {
  const byRow = readSheetRows(stamp, rows);
  const found = [...byRow.keys()].sort((a, b) => a - b);
  return { stamp, rows: found, cells: found.map((r) => byRow.get(r)!) };
}

/** Whether every row read names customer `key` (a row index is only as fresh as the sheet's stamp). */
function allName(read: SheetRows, key: string): boolean {
  const at = read.stamp.map.index.get("CustomerID");
  return at !== undefined && read.cells.every((cells) => idKey(cellOf(cells[at])) === key);
}

const cellOf = (raw: unknown): CellValue =>
  raw === null || raw === undefined || raw === "" ? null : typeof raw === "number" ? raw : String(raw);

/** The customer's Customers row and the rows of Orders, Interactions and Feedback that name them. */
interface CustomerRows {
  readonly customer: IndexedCustomer;
  readonly values: readonly unknown[];
  readonly related: ReadonlyMap<SheetKey, SheetRows>;
}

/**
 * Finds the customer `key` and their related rows through the row indexes (one cache read for all four
 * sheets when warm), then reads just those rows; null when there is no such customer or the caller may
 * not see them (their history is then not read at all). "stale" when a row read does not name the
 * customer: the sheet changed without a version bump (a sort by another script); that sheet is then
 * marked stale.
 */
function customerRows(key: string, access: Visibility): CustomerRows | null | "stale" {
  const customers = customersStamp();
  const stamps = RELATED.map((spec) => sheetStamp(spec)).filter((s): s is SheetStamp => s !== null);
  const lookups = [customers, ...stamps].map((stamp) => ({ stamp, column: "CustomerID", key }));
  const [own, ...rest] = findRows(lookups);
  if (own.length === 0) return null;
  // A repeated ID: the first row wins, as in the list.
  const row = own[0];
  const self = readRows(customers, [row]);
  if (self.cells.length === 0 || !allName(self, key)) return staleSheet("Customers");
  const customer = buildCustomerIndex(customers.headers, self.cells, bookDates(), self.rows).customers[0];
  if (!customer || !access.visible(customer)) return null;
  const related = new Map<SheetKey, SheetRows>();
  for (let i = 0; i < stamps.length; i++) {
    const read = readRows(stamps[i], rest[i]);
    if (!allName(read, key) || read.rows.length !== rest[i].length) return staleSheet(stamps[i].spec.key);
    related.set(stamps[i].spec.key, read);
  }
  return { customer, values: self.cells[0], related };
}

function staleSheet(key: SheetKey): "stale" {
  bumpSheetStale(key);
  return "stale";
}

const RELATED: readonly SheetSpec[] = [ORDERS, INTERACTIONS, FEEDBACK];

const columnOf = (spec: SheetSpec, key: string) => spec.columns.find((c) => c.key === key);

/** A read sheet as the book builder takes it (data row i of the small book is `read.rows[i]` on the sheet). */
function cellsOf(read: SheetRows | undefined): SheetCells | null {
  return read ? { name: read.stamp.spec.key, headers: read.stamp.headers, rows: read.cells } : null;
}

/**
 * A day of the book as the portrait shows it: its date key, else the cell as written (a date the book
 * could not read stays visible as typed).
 */
function dayText(
  day: number,
  raw: unknown,
  column: ColumnSpec | undefined,
  lang: Lang,
  toIso: (d: Date) => string,
) {
  return day === day ? dateKeyOfDay(day) : text(column, raw, lang, toIso);
}

/** Indexes 0..n-1 ordered by `day` descending (undated last), sheet order kept among equals. */
function newestFirst(n: number, day: (i: number) => number): number[] {
  const key = (i: number) => (day(i) === day(i) ? day(i) : -Infinity);
  return Array.from({ length: n }, (_, i) => i).sort((a, b) => key(b) - key(a) || a - b);
}

/** Everything about one customer the caller may see, newest history first. */
export function portrait(id: string, requestedLang?: Lang): CustomerPortrait {
  const lang = langOf(requestedLang);
  const key = idKey(String(id ?? ""));
  const access = callerVisibility();
  let rows: CustomerRows | null | "stale" = "stale";
  // A stale index is found out by the rows it points at; the second look reads the sheet afresh.
  for (let attempt = 0; attempt < 2 && rows === "stale"; attempt++)
    rows = key ? customerRows(key, access) : null;
  if (!rows || rows === "stale") throw new Error(`Customer ${id} was not found.`);
  const { customer, values, related } = rows;
  const toIso = bookDates();
  const map = customersStamp().map;
  const field = (column: ColumnSpec): PortraitField => {
    const at = map.index.get(column.key);
    const raw = at === undefined ? "" : values[at];
    const shown = text(column, raw, lang, toIso);
    return {
      key: column.key,
      label: column.header[lang],
      value: column.sensitive ? mask(shown) : shown,
      category: column.category,
      masked: Boolean(column.sensitive && shown),
    };
  };
  const present = CUSTOMERS.columns.filter((c) => map.index.has(c.key));
  const fields = present.filter((c) => !SCORE_KEYS.has(c.key) && c.key !== "Why").map(field);
  const scores = present.filter((c) => SCORE_KEYS.has(c.key)).map(field);
  const custom = map.custom.map((c) => ({
    key: `custom:${c.index}`,
    label: c.header,
    value: text(undefined, values[c.index], lang, toIso),
    category: "custom",
    masked: false,
  }));

  // The customer's facts come from the one book model, built from their own rows only.
  const book = buildBook(
    {
      customers: { name: "Customers", headers: customersStamp().headers, rows: [values] },
      orders: cellsOf(related.get("Orders")),
      interactions: cellsOf(related.get("Interactions")),
      feedback: cellsOf(related.get("Feedback")),
    },
    // The team's lists: a renamed status still means its built-in option (the next action reads it).
    { timeZone: bookTimeZone(), lang: bookLang(), valueLists: valueLists() },
  );
  const c = book.customers.indexOf(key);
  const today = dayOfDateKey(toIso(new Date()));
  const churnRisk = customer.values.ChurnRisk === null ? null : String(customer.values.ChurnRisk);
  const facts = portraitFacts(book, c, today, churnRisk);

  const cellsAt = (sheet: SheetKey, row: number) => related.get(sheet)!.cells[row - 2];
  const get = (sheet: SheetKey, cells: readonly unknown[], column: string) => {
    const at = related.get(sheet)!.stamp.map.index.get(column);
    return at === undefined ? "" : cells[at];
  };
  const { orders: lines, interactions: contacts, feedback: notes } = book;
  const orders: PortraitOrder[] = newestFirst(lines.length, (i) => lines.day[i]).map((i) => {
    const cells = cellsAt("Orders", lines.row[i]);
    const o = (column: string) => get("Orders", cells, column);
    return {
      date: dayText(lines.day[i], o("OrderDate"), columnOf(ORDERS, "OrderDate"), lang, toIso),
      orderId: String(o("OrderID") ?? ""),
      product: String(o("Product") ?? ""),
      amount: lines.amount[i] === lines.amount[i] ? lines.amount[i] : null,
      paymentStatus: text(columnOf(ORDERS, "PaymentStatus"), o("PaymentStatus"), lang, toIso),
    };
  });
  const interactions: PortraitInteraction[] = newestFirst(contacts.length, (i) => contacts.day[i]).map(
    (i) => {
      const cells = cellsAt("Interactions", contacts.row[i]);
      const v = (column: string) => get("Interactions", cells, column);
      return {
        date: dayText(contacts.day[i], v("Date"), columnOf(INTERACTIONS, "Date"), lang, toIso),
        channel: text(columnOf(INTERACTIONS, "Channel"), v("Channel"), lang, toIso),
        type: text(columnOf(INTERACTIONS, "Type"), v("Type"), lang, toIso),
        summary: String(v("Summary") ?? ""),
        owner: String(v("Owner") ?? ""),
        nextFollowUp: dayText(
          contacts.nextFollowUp[i],
          v("NextFollowUp"),
          columnOf(INTERACTIONS, "NextFollowUp"),
          lang,
          toIso,
        ),
      };
    },
  );
  const feedback: PortraitFeedback[] = newestFirst(notes.length, (i) => notes.day[i]).map((i) => ({
    date: dayText(
      notes.day[i],
      get("Feedback", cellsAt("Feedback", notes.row[i]), "Date"),
      columnOf(FEEDBACK, "Date"),
      lang,
      toIso,
    ),
    rating: notes.rating[i] === notes.rating[i] ? notes.rating[i] : null,
    category: notes.category[i],
    comment: notes.comment[i],
    resolved: notes.resolved[i] === 1,
  }));
  const whyAt = map.index.get("Why");
  return {
    id: customer.id,
    row: customer.row,
    name: String(customer.values.Name ?? ""),
    fields: [...fields, ...custom],
    scores,
    why: whyAt === undefined ? "" : String(values[whyAt] ?? ""),
    churnRisk: String(customer.values.ChurnRisk ?? ""),
    orders,
    interactions,
    feedback,
    nextAction: facts.nextAction,
    totalSpent: facts.netSpent,
  };
}
