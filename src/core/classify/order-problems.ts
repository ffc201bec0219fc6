import type { Book, BookProblem } from "../book";
import { dateKeyOfDay, type DayNumber } from "../calendar";
import { a1 } from "../table/a1";
import type { Aggregates } from "./aggregate";

/** A cell that could not be used, addressed as the user sees it. */
export interface CellProblem {
  readonly sheet: string;
  /** A1 address, e.g. "C17"; "1:1" (the header row) for a missing column. */
  readonly a1: string;
  readonly value: string;
  readonly rule: "required" | "date" | "amount" | "future-date" | "missing-column";
  readonly message: string;
}

/** Customers the Orders sheet names that Customers lacks: reported, not added, and not scored. */
export interface UnknownCustomer {
  readonly customerId: string;
  readonly orderLines: number;
  readonly net: number;
  /** Sheet row of the first line naming them. */
  readonly firstRow: number;
}

const MESSAGES: Readonly<Record<CellProblem["rule"], string>> = {
  required: "CustomerID is required.",
  date: "Not a date (use YYYY-MM-DD, YYYYMMDD or a date cell).",
  amount: "Not an amount (a number; refunds negative).",
  "future-date": "The order date is after the analysis date.",
  "missing-column": "",
};

/** The columns classification needs, per sheet (by key). */
export const CLASSIFY_NEEDS: Readonly<Record<"customers" | "orders", readonly string[]>> = {
  customers: ["CustomerID"],
  orders: ["CustomerID", "OrderDate", "Amount"],
};

function missing(sheet: string, key: string): CellProblem {
  return {
    sheet,
    a1: "1:1",
    value: "",
    rule: "missing-column",
    message: `The header row has no ${key} column.`,
  };
}

/** The needed columns the Customers and Orders sheets lack; classification uses no order line then. */
export function missingColumns(book: Book): { problems: CellProblem[]; ordersUnusable: boolean } {
  const problems: CellProblem[] = [];
  let ordersUnusable = false;
  for (const part of ["customers", "orders"] as const) {
    const sheet = book.sheets[part];
    if (sheet === null) continue;
    for (const p of book.problems) {
      if (p.why !== "missing-column" || p.sheet !== sheet || !CLASSIFY_NEEDS[part].includes(p.key)) continue;
      problems.push(missing(sheet, p.key));
      if (part === "orders") ordersUnusable = true;
    }
  }
  return { problems, ordersUnusable };
}

/**
 * The order lines classification leaves out, one problem each, in row order: a blank CustomerID, else an
 * unreadable date, else a date after `asOf`, else an unreadable amount (the first reason only).
 */
export function orderLineProblems(book: Book, asOf: DayNumber): CellProblem[] {
  const { orders } = book;
  const sheet = book.sheets.orders;
  if (sheet === null) return [];
  const cellOf = new Map<string, BookProblem>();
  for (const p of book.problems) if (p.sheet === sheet && p.column >= 0) cellOf.set(`${p.row}:${p.key}`, p);
  const out: CellProblem[] = [];
  const add = (row: number, key: string, rule: CellProblem["rule"], value?: string) => {
    const p = cellOf.get(`${row}:${key}`);
    const column = orders.columns.get(key) ?? 0;
    out.push({ sheet, a1: a1(row, column), value: value ?? p?.value ?? "", rule, message: MESSAGES[rule] });
  };
  for (let i = 0; i < orders.length; i++) {
    const row = orders.row[i];
    const d = orders.day[i];
    if (orders.customer[i] < 0) add(row, "CustomerID", "required");
    else if (d !== d) add(row, "OrderDate", "date");
    else if (d > asOf) add(row, "OrderDate", "future-date", dateKeyOfDay(d));
    else if (orders.amount[i] !== orders.amount[i]) add(row, "Amount", "amount");
  }
  return out;
}

/**
 * Customers that only Orders names, with the lines classification used (at least one), in the order of
 * their first used line.
 */
export function unknownCustomers(book: Book, agg: Aggregates, asOf: DayNumber): UnknownCustomer[] {
  const { customers, orders } = book;
  const known = customers.known;
  const firstRow = new Int32Array(Math.max(customers.count - known, 0));
  for (let i = 0; i < orders.length; i++) {
    const c = orders.customer[i];
    const d = orders.day[i];
    if (c < known || !(d <= asOf) || orders.amount[i] !== orders.amount[i]) continue;
    if (firstRow[c - known] === 0) firstRow[c - known] = orders.row[i];
  }
  const out: UnknownCustomer[] = [];
  for (let c = known; c < customers.count; c++) {
    if (agg.lines[c] === 0) continue;
    out.push({
      customerId: customers.ids[c],
      orderLines: agg.lines[c],
      net: agg.net[c],
      firstRow: firstRow[c - known],
    });
  }
  return out.sort((a, b) => a.firstRow - b.firstRow);
}
