import type { Book } from "../book";
import { dateKeyOfDay } from "../calendar";

/** One order line as the orders table holds it (classify-sql.ts ORDER_COLUMNS, plus its key and date). */
export interface OrderRecord {
  /** Unique and stable per line: the load job's and insertAll's deduplication key. */
  readonly line_key: string;
  readonly customer_id: string;
  readonly order_id: string | null;
  /** Day number in the spreadsheet's zone (what the SQL compares). */
  readonly order_day: number;
  /** The same day as YYYY-MM-DD, for people querying the table (Connected Sheets, Looker Studio). */
  readonly order_date: string;
  readonly amount: number;
}

/** The orders table's schema, in the REST API's form (Tables.insert, load jobs). */
export const ORDER_TABLE_FIELDS = [
  { name: "line_key", type: "STRING", mode: "REQUIRED" },
  { name: "customer_id", type: "STRING", mode: "REQUIRED" },
  { name: "order_id", type: "STRING", mode: "NULLABLE" },
  { name: "order_day", type: "INTEGER", mode: "REQUIRED" },
  { name: "order_date", type: "DATE", mode: "REQUIRED" },
  { name: "amount", type: "FLOAT", mode: "REQUIRED" },
] as const;

/** The customers table: the known CustomerIDs, replaced whole before each classification. */
export const CUSTOMER_TABLE_FIELDS = [{ name: "customer_id", type: "STRING", mode: "REQUIRED" }] as const;

/** What orderRecords gives: the readable lines' records and how many lines were left out. */
export interface OrderRecords {
  readonly records: readonly OrderRecord[];
  /** Lines in the range without a CustomerID, a readable date or a readable amount (Validate lists them). */
  readonly unreadable: number;
}

/**
 * The book's order lines [from, to) (indexes into book.orders) as records of the orders table, each keyed
 * by `keyOf(i)`. A line without a CustomerID, a readable date or amount is left out and counted: the
 * classification would not use it either (classify.ts reports it by cell).
 */
export function orderRecords(
  book: Book,
  from: number,
  to: number,
  keyOf: (line: number) => string,
): OrderRecords {
  const { orders, customers } = book;
  const records: OrderRecord[] = [];
  let unreadable = 0;
  // The lines of an order mostly follow each other: its ID is made once for them (see CompactTexts).
  let lastOrder = -1;
  let lastId = "";
  for (let i = from; i < Math.min(to, orders.length); i++) {
    const c = orders.customer[i];
    const day = orders.day[i];
    const amount = orders.amount[i];
    if (c < 0 || !Number.isFinite(day) || !Number.isFinite(amount)) {
      unreadable++;
      continue;
    }
    const o = orders.order[i];
    if (o >= 0 && o !== lastOrder) {
      lastOrder = o;
      lastId = orders.orderIds.at(o)!;
    }
    records.push({
      line_key: keyOf(i),
      customer_id: customers.ids[c],
      order_id: o < 0 ? null : lastId,
      order_day: day,
      order_date: dateKeyOfDay(day),
      amount,
    });
  }
  return { records, unreadable };
}

/** Records as newline-delimited JSON, a load job's NEWLINE_DELIMITED_JSON body. */
export function toNdjson(records: readonly object[]): string {
  return records.map((r) => JSON.stringify(r)).join("\n") + (records.length ? "\n" : "");
}
