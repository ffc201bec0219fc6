import { gammaVariate, mulberry32 } from "../random";
import { CUSTOMERS, ORDERS } from "../../core/schema/sheets";

/** A book as getValues would return it: header rows and data rows of Customers and Orders. */
export interface GeneratedBook {
  readonly customerHeaders: readonly string[];
  readonly customerRows: unknown[][];
  readonly orderHeaders: readonly string[];
  readonly orderRows: unknown[][];
}

export interface GeneratorOptions {
  readonly customers: number;
  readonly rows: number;
  readonly seed?: number;
  /** Last possible order day, yyyy-MM-dd; orders span the three years before it. */
  readonly until?: string;
  /** UTC offset of the spreadsheet zone in hours: date cells are midnight there (Asia/Shanghai: 8). */
  readonly zoneOffsetHours?: number;
}

const PRODUCTS = ["Tea set", "Green tea", "Oolong", "Gift box", "Teapot", "Cups", "Pu'er", "Black tea"];

/**
 * A deterministic book drawn from the BG/NBD story, so the churn model has something real to fit: each
 * customer joins on a random day of the three years before `until`, buys at a rate λ ~ Gamma(0.9, 1/45 per
 * day) and after each purchase drops out with probability p ~ Beta(1, 5). Each purchase is one order of
 * one or more lines (the lines are spread so the total is exactly `rows`); 5% of orders have no OrderID and
 * 2% are refunds (negative amounts). Dates are Date objects at midnight in the spreadsheet zone, as
 * getValues returns them. Customers' headers are the canonical English ones, every owned result column
 * present and empty.
 */
export function generateBook(options: GeneratorOptions): GeneratedBook {
  const { customers, rows, seed = 4, until = "2026-11-22", zoneOffsetHours = 8 } = options;
  const rand = mulberry32(seed);
  const lastDay = Date.parse(until) / 86_400_000;
  const span = 3 * 365;
  const buyer: number[] = [];
  const days: number[] = [];
  for (let c = 0; c < customers; c++) {
    const rate = gammaVariate(rand, 0.9) / 45;
    const a = gammaVariate(rand, 1);
    const p = a / (a + gammaVariate(rand, 5));
    let day = lastDay - span + Math.floor(rand() * span);
    for (;;) {
      buyer.push(c);
      days.push(day);
      if (rand() < p) break;
      day += Math.ceil(-Math.log(1 - rand()) / rate);
      if (day > lastDay) break;
    }
  }
  const purchases = buyer.length;
  const id = (c: number) => `C${String(c + 1).padStart(6, "0")}`;
  const orderRows: unknown[][] = [];
  const offsetMs = zoneOffsetHours * 3_600_000;
  for (let o = 0; o < purchases; o++) {
    // Lines per order: the integer steps of o·rows/purchases, so they sum to exactly `rows`.
    const lines = Math.floor(((o + 1) * rows) / purchases) - Math.floor((o * rows) / purchases);
    if (lines === 0) continue;
    const c = buyer[o];
    const date = new Date(days[o] * 86_400_000 - offsetMs);
    const hasId = rand() >= 0.05;
    const refund = rand() < 0.02 ? -1 : 1;
    for (let l = 0; l < lines; l++) {
      const quantity = 1 + Math.floor(rand() * 4);
      const amount = (refund * Math.round(quantity * (20 + Math.exp(3 + 2 * rand())) * 100)) / 100;
      // A fresh string per cell, as getValues returns them (no hash computed ahead by a shared string).
      orderRows.push([
        hasId ? `SO${String(o + 1).padStart(8, "0")}` : "",
        id(c),
        date,
        PRODUCTS[Math.floor(rand() * PRODUCTS.length)],
        quantity,
        amount,
      ]);
    }
  }
  const customerHeaders = CUSTOMERS.columns
    .filter(
      (col) => ["CustomerID", "Name", "Region"].includes(col.key) || (col.owned && col.category === "value"),
    )
    .map((col) => col.header.en);
  const width = customerHeaders.length;
  const customerRows = Array.from({ length: customers }, (_, c) => {
    const row: unknown[] = new Array(width).fill("");
    row[0] = id(c);
    row[1] = `Customer ${c + 1}`;
    row[2] = ["Beijing", "Shanghai", "Hangzhou", "Shenzhen"][c % 4];
    return row;
  });
  const orderHeaders = ["OrderID", "CustomerID", "OrderDate", "Product", "Quantity", "Amount"].map(
    (k) => ORDERS.columns.find((col) => col.key === k)!.header.en,
  );
  return { customerHeaders, customerRows, orderHeaders, orderRows };
}

/** The row orders the bench runs the same lines in. */
export type RowOrder = "grouped" | "date" | "shuffled";

/**
 * The same order lines in another order, as getValues would return that sheet: "grouped" as generated (by
 * customer, OrderIDs rising), "date" as a sheet that grows over time (by date; a day's lines in generated
 * order), "shuffled" in a seeded random order. Except for "grouped" the rows are fresh copies made in the
 * new order (new arrays, strings, Dates and numbers), because getValues builds each row's cells one after
 * the other in sheet order: reading a shuffled sheet walks memory in order, only the values are shuffled.
 */
export function reorderRows(rows: readonly unknown[][], order: RowOrder, seed = 11): unknown[][] {
  if (order === "grouped") return rows.slice();
  return rowOrder(rows, order, seed).map((i) => freshRow(rows[i]));
}

/** The generated rows' positions in `order`: entry k is the generated row that comes k-th. */
export function rowOrder(rows: readonly unknown[][], order: RowOrder, seed = 11): number[] {
  let index: number[];
  if (order === "grouped") index = Array.from(rows, (_, i) => i);
  else if (order === "date") {
    const time = Float64Array.from(rows, (r) => (r[2] as Date).getTime());
    index = Array.from(rows, (_, i) => i);
    index.sort((a, b) => time[a] - time[b] || a - b);
  } else {
    index = Array.from(rows, (_, i) => i);
    const rand = mulberry32(seed);
    for (let i = index.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = index[i];
      index[i] = index[j];
      index[j] = t;
    }
  }
  return index;
}

/** A copy of a row whose cells are new objects (strings, Dates, numbers), allocated together. */
function freshRow(row: readonly unknown[]): unknown[] {
  return row.map((v) =>
    typeof v === "string"
      ? fresh(v)
      : v instanceof Date
        ? new Date(v.getTime())
        : typeof v === "number"
          ? -(-v)
          : v,
  );
}

/** A new string with the same text (not the same object, so no hash is shared with the original). */
function fresh(s: string): string {
  return s === "" ? "" : (s + " ").slice(0, -1);
}

/** How the OrderDate cells are typed: Date objects (getValues of a date cell), serial numbers or text. */
export type DateCells = "date" | "serial" | "text";

/**
 * Copies of the rows with OrderDate as a serial number (days since 1899-12-30, what a sheet returns for a
 * number-formatted date) or as typed text "YYYY-MM-DD", read in the zone `zoneOffsetHours` east of UTC.
 */
export function withDateCells(
  rows: readonly unknown[][],
  cells: DateCells,
  zoneOffsetHours = 8,
): unknown[][] {
  if (cells === "date") return rows.slice();
  const offsetMs = zoneOffsetHours * 3_600_000;
  const texts = new Map<number, string>();
  return rows.map((r) => {
    const day = Math.floor(((r[2] as Date).getTime() + offsetMs) / 86_400_000);
    let text = texts.get(day);
    if (text === undefined) texts.set(day, (text = new Date(day * 86_400_000).toISOString().slice(0, 10)));
    const copy = freshRow(r);
    copy[2] = cells === "serial" ? day + 25569 : fresh(text);
    return copy;
  });
}
