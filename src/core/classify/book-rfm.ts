import type { Book } from "../book";
import type { DayNumber } from "../calendar";
import { aggregateLines, type Aggregates } from "./aggregate";

/** The book's purchase histories and the RFM values of the customers being scored. */
export interface BookRfm {
  readonly agg: Aggregates;
  /** Indexes of the known customers with usable order lines (the scored population), in Customers order. */
  readonly scored: Int32Array;
  /** Known customers without usable order lines (prospects), in Customers order. */
  readonly prospects: Int32Array;
  /** Per scored customer (same order as `scored`): days since the last order, distinct orders, net amount. */
  readonly recency: Float64Array;
  readonly frequency: Float64Array;
  readonly monetary: Float64Array;
}

/**
 * Aggregates the book's order lines dated on or before `asOf` and takes the RFM values of the known
 * customers with orders: the part of the classification DuckDB's GROUP BY does, and what the benchmark
 * compares with it. Lines without a customer, a date or an amount are left out (classification reports
 * them). Does not depend on the order of the lines.
 */
export function bookRfm(book: Book, asOf: DayNumber): BookRfm {
  const { orders, customers } = book;
  const agg = aggregateLines(
    {
      length: orders.length,
      customer: orders.customer,
      day: orders.day,
      amount: orders.amount,
      order: orders.order,
      orderCount: orders.orderIds.length,
    },
    customers.count,
    asOf,
  );
  const known = customers.known;
  let n = 0;
  for (let c = 0; c < known; c++) if (agg.lines[c] > 0) n++;
  const scored = new Int32Array(n);
  const prospects = new Int32Array(known - n);
  const recency = new Float64Array(n);
  const frequency = new Float64Array(n);
  const monetary = new Float64Array(n);
  let k = 0;
  let p = 0;
  for (let c = 0; c < known; c++) {
    if (agg.lines[c] === 0) {
      prospects[p++] = c;
      continue;
    }
    scored[k] = c;
    recency[k] = asOf - agg.lastDay[c];
    frequency[k] = agg.orders[c];
    monetary[k] = agg.net[c];
    k++;
  }
  return { agg, scored, prospects, recency, frequency, monetary };
}
