import { PAYMENT, type Book, type PaymentCode } from "../book";
import { monthIndexOfDay } from "../calendar";
import type { OrderLine } from "./types";

/**
 * Order lines in columns, with every string replaced by a small integer. All analyses of one run share one
 * table, so 1,000,000 lines are hashed once and the rest is typed-array loops. The columns may be the
 * book's own arrays (see {@link orderTableOf}): read them, never write them.
 */
export interface OrderTable {
  readonly length: number;
  /** Day number of each line (whole days). */
  readonly day: Float64Array;
  /** Month ordinal (src/core/calendar monthIndexOfDay) of each line; computed on first read. */
  readonly month: Int32Array;
  readonly amount: Float64Array;
  /** Index into `customers`. */
  readonly customer: Int32Array;
  /** Index of the line's order: OrderID, or customer + day when OrderID is blank. */
  readonly order: Int32Array;
  /** Index into `products`; −1 when blank. */
  readonly product: Int32Array;
  /** Index into `categories`; −1 when blank. */
  readonly category: Int32Array;
  readonly customers: readonly string[];
  readonly products: readonly string[];
  readonly categories: readonly string[];
  readonly orderCount: number;
  /** PaymentStatus per line, a PAYMENT code (src/core/book); null when no line has one. */
  readonly payment: Uint8Array | null;
  /** Day number the payment is due; NaN when none. Null when no line has one. */
  readonly dueDay: Float64Array | null;
  /** 1 for a refund (a negative amount or a refund status): never an overdue payment. */
  readonly refund: Uint8Array;
}

/** String → dense id. Remembers the previous string: an order's lines repeat customer and order back to back. */
function interner(): { id(s: string): number; names: string[] } {
  const ids = new Map<string, number>();
  const names: string[] = [];
  let last = "";
  let lastId = -1;
  return {
    names,
    id(s: string): number {
      if (s === last && lastId >= 0) return lastId;
      let i = ids.get(s);
      if (i === undefined) {
        i = names.length;
        ids.set(s, i);
        names.push(s);
      }
      last = s;
      lastId = i;
      return i;
    },
  };
}

/** Every column but the one made on first read. */
type Columns = Omit<OrderTable, "month">;

/** Longest range of days the month column is looked up through (about 180 years); longer goes day by day. */
const MONTH_TABLE_DAYS = 1 << 16;

/**
 * The month ordinal of each of the first `n` days. Through a table of the days' range (a few thousand
 * distinct days among a million lines), else day by day, each run of one day computed once.
 */
function monthsOfDays(day: Float64Array, n: number): Int32Array {
  const out = new Int32Array(n);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const d = day[i];
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  if (hi - lo < MONTH_TABLE_DAYS) {
    const months = new Int32Array(hi - lo + 1);
    for (let d = lo; d <= hi; d++) months[d - lo] = monthIndexOfDay(d);
    // A NaN day reads no entry and stores 0, as storing monthIndexOfDay(NaN) would.
    for (let i = 0; i < n; i++) out[i] = months[day[i] - lo];
    return out;
  }
  let lastDay = NaN;
  let lastMonth = 0;
  for (let i = 0; i < n; i++) {
    const d = day[i];
    if (d !== lastDay) {
      lastDay = d;
      lastMonth = monthIndexOfDay(d);
    }
    out[i] = lastMonth;
  }
  return out;
}

/**
 * The table, with `month` made from the days on first read (the analyses that need it share one copy,
 * the others never pay for it).
 */
function withDerived(columns: Columns): OrderTable {
  let month: Int32Array | null = null;
  return Object.defineProperties(columns as OrderTable, {
    month: { enumerable: true, get: () => (month ??= monthsOfDays(columns.day, columns.length)) },
  });
}

const PAYMENT_OF: Readonly<Record<string, PaymentCode>> = {
  paid: PAYMENT.paid,
  due: PAYMENT.due,
  overdue: PAYMENT.overdue,
};

/**
 * Encodes parsed order lines (any order) into an OrderTable, for lines held in memory (tests, tools); the
 * add-on's sheets come through the book ({@link orderTableOf}). Blank product/category become −1. Days
 * are whole day numbers (a fraction is cut off).
 */
export function encodeOrders(lines: readonly OrderLine[]): OrderTable {
  const n = lines.length;
  const day = new Float64Array(n);
  const amount = new Float64Array(n);
  const customer = new Int32Array(n);
  const order = new Int32Array(n);
  const product = new Int32Array(n);
  const category = new Int32Array(n);
  const refund = new Uint8Array(n);
  const payment = new Uint8Array(n);
  const dueDay = new Float64Array(n).fill(NaN);
  const customers = interner();
  const products = interner();
  const categories = interner();
  // OrderIDs and the customer-day stand-ins get ids from one counter but separate maps, so no key needs
  // building (string concatenation per line is the costliest part of encoding).
  const orderIds = new Map<string, number>();
  const standIns = new Map<string, Map<number, number>>();
  let orderCount = 0;
  let lastOrderId = "";
  let lastOrder = -1;
  for (let i = 0; i < n; i++) {
    const line = lines[i];
    day[i] = line.day | 0;
    amount[i] = line.amount;
    customer[i] = customers.id(line.customerId);
    if (line.orderId) {
      if (line.orderId !== lastOrderId) {
        lastOrderId = line.orderId;
        let o = orderIds.get(line.orderId);
        if (o === undefined) orderIds.set(line.orderId, (o = orderCount++));
        lastOrder = o;
      }
      order[i] = lastOrder;
    } else {
      let days = standIns.get(line.customerId);
      if (!days) standIns.set(line.customerId, (days = new Map()));
      let o = days.get(line.day);
      if (o === undefined) days.set(line.day, (o = orderCount++));
      order[i] = o;
    }
    product[i] = line.product ? products.id(line.product) : -1;
    category[i] = line.category ? categories.id(line.category) : -1;
    if (line.payment) payment[i] = PAYMENT_OF[line.payment];
    if (line.dueDay !== undefined) dueDay[i] = line.dueDay;
    if (line.amount < 0) refund[i] = 1;
  }
  return withDerived({
    length: n,
    day,
    amount,
    customer,
    order,
    product,
    category,
    refund,
    customers: customers.names,
    products: products.names,
    categories: categories.names,
    orderCount,
    payment,
    dueDay,
  });
}

/**
 * How many values the used lines of an index column name, when the book already numbered them in the
 * order these lines first name them (each new value is the next number; −1, none, is skipped); −1 when
 * it did not. Then the column can be read as it is, and nothing is allocated to find out.
 */
function firstSeenCount(column: Int32Array, use: Uint8Array | null): number {
  let next = 0;
  for (let i = 0; i < column.length; i++) {
    if (use !== null && use[i] === 0) continue;
    const v = column[i];
    if (v === next) next++;
    else if (v > next) return -1;
  }
  return next;
}

/**
 * Numbers the values (0 … values − 1; −1 none) of the used lines in the order they first name them:
 * `of[v]` is v's number (−1 when never named), `count` how many were named.
 */
function firstSeen(
  column: Int32Array,
  values: number,
  use: Uint8Array | null,
): { of: Int32Array; count: number } {
  const of = new Int32Array(values).fill(-1);
  let count = 0;
  for (let i = 0; i < column.length; i++) {
    if (use !== null && use[i] === 0) continue;
    const v = column[i];
    if (v >= 0 && of[v] < 0) of[v] = count++;
  }
  return { of, count };
}

/**
 * An index column of the used lines numbered in first-seen order, with the `names` (one per value) in
 * that order: the book's column itself when it is numbered so already and every line is used.
 */
function firstSeenColumn(
  column: Int32Array,
  names: readonly string[],
  use: Uint8Array | null,
  n: number,
): { column: Int32Array; names: string[]; count: number } {
  const numbered = firstSeenNumbers(column, names.length, use, n);
  const { of, count } = numbered;
  if (of === null) return { column: numbered.column, names: names.slice(0, count), count };
  const inOrder = new Array<string>(count);
  for (let v = 0; v < of.length; v++) if (of[v] >= 0) inOrder[of[v]] = names[v];
  return { column: numbered.column, names: inOrder, count };
}

/**
 * {@link firstSeenColumn} without names, for a column of `values` values: the renumbered column, the new
 * number of each old value (null when the numbering is kept) and how many values the used lines have.
 */
function firstSeenNumbers(
  column: Int32Array,
  values: number,
  use: Uint8Array | null,
  n: number,
): { column: Int32Array; of: Int32Array | null; count: number } {
  const count = firstSeenCount(column, use);
  if (count >= 0)
    return { column: use === null ? column : renumbered(column, null, use, n), of: null, count };
  const seen = firstSeen(column, values, use);
  return { column: renumbered(column, seen.of, use, n), of: seen.of, count: seen.count };
}

/** The used lines of an index column, each value renumbered by `of` (kept when null; −1 stays −1). */
function renumbered(
  column: Int32Array,
  of: Int32Array | null,
  use: Uint8Array | null,
  n: number,
): Int32Array {
  const out = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < column.length; i++) {
    if (use !== null && use[i] === 0) continue;
    const v = column[i];
    out[k++] = v < 0 || of === null ? v : of[v];
  }
  return out;
}

/** The used lines of a column: the column itself when every line is used, else a compacted copy. */
function usedLines<T extends Float64Array | Uint8Array>(column: T, use: Uint8Array | null, n: number): T {
  if (use === null) return column;
  const out = new (column.constructor as new (n: number) => T)(n);
  let k = 0;
  for (let i = 0; i < column.length; i++) if (use[i] === 1) out[k++] = column[i];
  return out;
}

/**
 * The book's order lines as the analyses read them: customers, orders, products and categories numbered in
 * the order the lines first name them (as {@link encodeOrders} numbers them, so every ranking breaks ties
 * the same way), a line without an OrderID forming one order with the customer's other such lines of that
 * day. Amounts, days, payments and refunds are the book's own columns; nothing is parsed again. Lines
 * without a customer, date or amount (reported by the book) are left out, and with `keep`, the lines of
 * the customers (book indexes) it refuses.
 *
 * Nothing is copied that need not be: when every line is used, the book's columns are the table's, and an
 * index column the book already numbered in first-seen order (its customers when no Customers sheet lists
 * them first, its orders and products) is shared too. A million lines of fresh columns would cost more
 * than every analysis that reads them (memory the system must hand over page by page, and a full garbage
 * collection of the sheet's cells that the allocation sets off).
 */
export function orderTableOf(book: Book, keep?: (customer: number) => boolean): OrderTable {
  const lines = book.orders;
  const total = lines.length;
  // The lines used; null when all are (the common case: the analysis stops on unreadable cells).
  let use: Uint8Array | null = null;
  let n = 0;
  for (let i = 0; i < total; i++) {
    const ok = usable(lines, i) && (!keep || keep(lines.customer[i]));
    if (ok) n++;
    else if (use === null) use = new Uint8Array(total).fill(1, 0, i);
    if (use !== null && ok) use[i] = 1;
  }
  const customers = firstSeenColumn(lines.customer, book.customers.ids, use, n);
  const column = (values: Int32Array | null, names: readonly string[]) =>
    values === null
      ? { column: new Int32Array(n).fill(-1), names: [] }
      : firstSeenColumn(values, names, use, n);
  const products = column(lines.product, lines.products);
  const categories = column(lines.category, lines.categories);
  const orders = orderColumn(lines, use, n);
  return withDerived({
    length: n,
    day: usedLines(lines.day, use, n),
    amount: usedLines(lines.amount, use, n),
    customer: customers.column,
    order: orders.order,
    product: products.column,
    category: categories.column,
    refund: usedLines(lines.refund, use, n),
    customers: customers.names,
    products: products.names,
    categories: categories.names,
    orderCount: orders.count,
    payment: lines.payment && usedLines(lines.payment, use, n),
    dueDay: lines.dueDay && usedLines(lines.dueDay, use, n),
  });
}

/**
 * The order of each used line: OrderIDs numbered in first-seen order, and a line without one in the
 * stand-in order of its customer and day, both from one counter in line order.
 */
function orderColumn(
  lines: Book["orders"],
  use: Uint8Array | null,
  n: number,
): { order: Int32Array; count: number } {
  let blank = false;
  for (let i = 0; i < lines.length && !blank; i++)
    if (lines.order[i] < 0 && (use === null || use[i])) blank = true;
  if (!blank) {
    const { column, count } = firstSeenNumbers(lines.order, lines.orderIds.length, use, n);
    return { order: column, count };
  }
  const order = new Int32Array(n);
  const orderOf = new Int32Array(lines.orderIds.length).fill(-1);
  const standIns = new Map<number, Map<number, number>>();
  let count = 0;
  let k = 0;
  for (let i = 0; i < lines.length; i++) {
    if (use !== null && use[i] === 0) continue;
    const o = lines.order[i];
    if (o >= 0) {
      if (orderOf[o] < 0) orderOf[o] = count++;
      order[k++] = orderOf[o];
      continue;
    }
    const c = lines.customer[i];
    let days = standIns.get(c);
    if (!days) standIns.set(c, (days = new Map()));
    let s = days.get(lines.day[i]);
    if (s === undefined) days.set(lines.day[i], (s = count++));
    order[k++] = s;
  }
  return { order, count };
}

const inRuns = new WeakMap<OrderTable, boolean>();

/**
 * Whether each order's lines lie next to each other (as a sheet filled order by order keeps them): with
 * orders numbered in first-seen order, each line's order is the previous line's or the next new one. Then
 * a run of lines is an order, and the analyses count orders by runs instead of marking each in an array
 * as long as the orders. Found once per table.
 */
export function ordersInRuns(table: OrderTable): boolean {
  let known = inRuns.get(table);
  if (known === undefined) {
    const { order } = table;
    let next = 0;
    known = true;
    for (let i = 0; i < table.length && known; i++) {
      const o = order[i];
      if (i > 0 && o === order[i - 1]) continue;
      if (o !== next) known = false;
      next++;
    }
    inRuns.set(table, known);
  }
  return known;
}

/** A line the analyses can use: a customer, a date, an amount. */
function usable(o: Book["orders"], i: number): boolean {
  return o.customer[i] >= 0 && o.day[i] === o.day[i] && o.amount[i] === o.amount[i];
}
