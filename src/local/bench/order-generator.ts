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
    const orderId = rand() < 0.05 ? "" : `SO${String(o + 1).padStart(8, "0")}`;
    const refund = rand() < 0.02 ? -1 : 1;
    for (let l = 0; l < lines; l++) {
      const quantity = 1 + Math.floor(rand() * 4);
      const amount = (refund * Math.round(quantity * (20 + Math.exp(3 + 2 * rand())) * 100)) / 100;
      orderRows.push([
        orderId,
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
