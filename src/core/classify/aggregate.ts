import type { DayNumber } from "./days";

/** What a line's OrderID tells, as the reader saw it with the line at hand (OrderLines.orderRun). */
export const ORDER_RUN = {
  /** No OrderID: the line is an order of its own. */
  none: 0,
  /** The same customer and OrderID as the line before: part of that order. */
  same: 1,
  /** Another OrderID, above the customer's previous one (code-unit order). */
  rising: 2,
  /** Another OrderID, not above the customer's previous one: it may repeat an earlier order. */
  other: 3,
} as const;

/** Order lines after parsing, column-wise: line i belongs to customer customer[i] (an index into the book). */
export interface OrderLines {
  readonly length: number;
  readonly customer: Int32Array;
  readonly day: Int32Array;
  readonly amount: Float64Array;
  /**
   * OrderID of line i, "" when the line has none (it then counts as an order of its own). A function, not
   * an array: a million-entry array of strings would only add garbage-collector work.
   */
  readonly orderIdOf: (line: number) => string;
  /**
   * Optional, per line: an ORDER_RUN value. The OrderIDs of a customer none of whose lines is `other` rise
   * strictly, so they have one order per `none` and per `rising` line and aggregation need not read their
   * IDs again (reading a million cells a second time cost more than the rest of aggregation).
   */
  readonly orderRun?: Uint8Array;
}

/** Per-customer purchase history, column-wise; customers without lines have orders = 0. */
export interface Aggregates {
  readonly count: number;
  readonly firstDay: Int32Array;
  readonly lastDay: Int32Array;
  /** Distinct OrderIDs, plus one per line without an ID. */
  readonly orders: Int32Array;
  /** Distinct calendar days with a purchase (BTYD x = purchaseDays − 1). */
  readonly purchaseDays: Int32Array;
  /** Sum of amounts; refunds are negative lines. */
  readonly net: Float64Array;
  /** Median gap in days between consecutive purchase days; NaN with fewer than two purchase days. */
  readonly medianGap: Float64Array;
}

/**
 * Aggregates order lines per customer in O(lines): a counting sort groups the lines by customer, then each
 * customer's days and OrderIDs are sorted on their own (small arrays). Distinct OrderIDs are counted per
 * customer, so an OrderID reused by two customers counts once for each. No global OrderID map: a million
 * map entries cost more (in allocation and GC) than many small sorts.
 */
export function aggregateLines(lines: OrderLines, customers: number): Aggregates {
  const n = lines.length;
  const start = new Int32Array(customers + 1);
  for (let i = 0; i < n; i++) start[lines.customer[i] + 1]++;
  for (let c = 0; c < customers; c++) start[c + 1] += start[c];
  const fill = start.slice(0, customers);
  const days = new Int32Array(n);
  const lineAt = new Int32Array(n);
  const net = new Float64Array(customers);
  for (let i = 0; i < n; i++) {
    const c = lines.customer[i];
    const at = fill[c]++;
    days[at] = lines.day[i];
    lineAt[at] = i;
    net[c] += lines.amount[i];
  }
  const firstDay = new Int32Array(customers);
  const lastDay = new Int32Array(customers);
  const orders = new Int32Array(customers);
  const purchaseDays = new Int32Array(customers);
  const medianGap = new Float64Array(customers).fill(NaN);
  const ids: string[] = [];
  let gaps = new Float64Array(64);
  for (let c = 0; c < customers; c++) {
    const s = start[c];
    const e = start[c + 1];
    if (s === e) continue;
    orders[c] = distinctOrders(lines, lineAt, s, e, ids);
    // Indexes into `days` rather than a subarray per customer: tens of thousands of short-lived views
    // are garbage-collector work for nothing when the days mostly arrive sorted.
    if (e - s > 1 && !isSortedRange(days, s, e)) days.subarray(s, e).sort();
    firstDay[c] = days[s];
    lastDay[c] = days[e - 1];
    if (gaps.length < e - s) gaps = new Float64Array((e - s) * 2);
    let distinct = 1;
    for (let i = s + 1; i < e; i++) {
      if (days[i] !== days[i - 1]) gaps[distinct++ - 1] = days[i] - days[i - 1];
    }
    purchaseDays[c] = distinct;
    if (distinct > 1) medianGap[c] = medianOfFirst(gaps, distinct - 1);
  }
  return { count: customers, firstDay, lastDay, orders, purchaseDays, net, medianGap };
}

/**
 * Orders among the lines lineAt[s..e): one per blank ID plus the distinct IDs. Counted from the lines'
 * ORDER_RUN values when they tell; otherwise from the IDs: lines of one order usually sit together, so runs
 * of one ID collapse before the (then small) sort. `scratch` is reused between calls.
 */
function distinctOrders(
  lines: OrderLines,
  lineAt: Int32Array,
  s: number,
  e: number,
  scratch: string[],
): number {
  const { orderIdOf, orderRun } = lines;
  if (orderRun !== undefined) {
    let counted = 0;
    let i = s;
    for (; i < e; i++) {
      const run = orderRun[lineAt[i]];
      if (run === ORDER_RUN.other) break;
      if (run !== ORDER_RUN.same) counted++;
    }
    if (i === e) return counted;
  }
  let blank = 0;
  scratch.length = 0;
  let previous = "";
  for (let i = s; i < e; i++) {
    const k = orderIdOf(lineAt[i]);
    if (k === "") blank++;
    else if (k !== previous) {
      scratch.push(k);
      previous = k;
    }
  }
  if (scratch.length < 2) return blank + scratch.length;
  if (!isSorted(scratch)) scratch.sort();
  let distinct = 1;
  for (let i = 1; i < scratch.length; i++) if (scratch[i] !== scratch[i - 1]) distinct++;
  return blank + distinct;
}

/**
 * Whether values[s..e) is already in ascending order. Order sheets are mostly written in date order with
 * rising OrderIDs, so a customer's days and IDs usually arrive sorted: one linear check then saves the
 * sort (tens of thousands of small sorts on a large book).
 */
function isSortedRange<T extends number | string>(values: ArrayLike<T>, s: number, e: number): boolean {
  for (let i = s + 1; i < e; i++) if (values[i] < values[i - 1]) return false;
  return true;
}

function isSorted<T extends number | string>(values: ArrayLike<T>): boolean {
  return isSortedRange(values, 0, values.length);
}

/**
 * Median of values[0..n) (n ≥ 1), sorting that part in place; the mean of the two middle values for even
 * n. Short runs (most customers) use an insertion sort instead of a sorted subarray view.
 */
function medianOfFirst(values: Float64Array, n: number): number {
  if (n > 32) values.subarray(0, n).sort();
  else
    for (let i = 1; i < n; i++) {
      const v = values[i];
      let j = i - 1;
      for (; j >= 0 && values[j] > v; j--) values[j + 1] = values[j];
      values[j + 1] = v;
    }
  const mid = n >> 1;
  return n % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

/** One order line with parsed values, for callers outside the sheet pipeline. */
export interface OrderLine {
  readonly customerId: string;
  readonly day: DayNumber;
  readonly amount: number;
  readonly orderId?: string;
}

/** One customer's purchase history (see Aggregates for the definitions). */
export interface CustomerAggregate {
  readonly customerId: string;
  readonly firstDay: DayNumber;
  readonly lastDay: DayNumber;
  readonly orders: number;
  readonly purchaseDays: number;
  readonly net: number;
  /** Average order value: net / orders. */
  readonly averageOrder: number;
  readonly medianGap: number | null;
}

/**
 * Per-customer aggregates of parsed order lines, sorted by CustomerID (code-unit order). For the analysis
 * and report features; the sheet pipeline uses aggregateLines directly.
 */
export function aggregateOrders(lines: readonly OrderLine[]): CustomerAggregate[] {
  const ids = [...new Set(lines.map((l) => l.customerId))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(ids.map((id, i) => [id, i]));
  const parsed: OrderLines = {
    length: lines.length,
    customer: Int32Array.from(lines, (l) => index.get(l.customerId)!),
    day: Int32Array.from(lines, (l) => l.day),
    amount: Float64Array.from(lines, (l) => l.amount),
    orderIdOf: (i) => lines[i].orderId ?? "",
  };
  const agg = aggregateLines(parsed, ids.length);
  return ids.map((customerId, c) => ({
    customerId,
    firstDay: agg.firstDay[c],
    lastDay: agg.lastDay[c],
    orders: agg.orders[c],
    purchaseDays: agg.purchaseDays[c],
    net: agg.net[c],
    averageOrder: agg.net[c] / agg.orders[c],
    medianGap: Number.isNaN(agg.medianGap[c]) ? null : agg.medianGap[c],
  }));
}
