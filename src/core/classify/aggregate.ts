import { columnsLike, columnsOf } from "../book/arena";
import type { DayNumber } from "../calendar";

/**
 * The columns of order lines aggregation reads: line i belongs to customer customer[i] (−1: none), on day
 * day[i] (NaN: none), for amount[i] (NaN: none), in order order[i] (−1: no OrderID, an order of its own).
 * The book's OrderLines fit as they are.
 */
export interface LineColumns {
  readonly length: number;
  readonly customer: Int32Array;
  readonly day: ArrayLike<number>;
  readonly amount: ArrayLike<number>;
  readonly order: Int32Array;
  /** How many distinct order indexes there are (order[i] < orderCount). */
  readonly orderCount: number;
}

/** Per-customer purchase history, column-wise; customers without usable lines have lines = orders = 0. */
export interface Aggregates {
  readonly count: number;
  /** Order lines used, in all and per customer. */
  readonly used: number;
  readonly lines: Int32Array;
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

/** Day ranges longer than this (dates centuries apart) are deduplicated by sorting, not by a stamp table. */
const MAX_STAMP_RANGE = 1 << 24;

/**
 * Aggregates the usable lines (a customer, a day on or before `lastDay`, an amount) per customer in
 * O(lines), with typed arrays sized once and no per-line object, whatever the row order:
 * - orders: each customer counts each of their OrderIDs once (an OrderID on two customers' lines counts
 *   for both) and each line without one;
 * - net: amounts with whole cents are summed as integers (exact, so in any order the same), the rest as
 *   floating point — so a shuffled sheet gives the same totals to the last bit;
 * - purchase days and the median gap: the lines' days are grouped by customer (a counting sort), their
 *   distinct days picked with a stamp table over the book's day range and sorted (a few per customer).
 */
export function aggregateLines(
  lines: LineColumns,
  customers: number,
  lastDay: DayNumber = Infinity,
): Aggregates {
  const n = lines.length;
  const { customer, day, amount, order } = lines;
  // Every array of the run in one buffer (see columnsOf): sized once, from the counts known up front.
  const a = columnsOf({
    start: ["i32", customers + 1],
    ...columnsLike("i32", customers, ["count", "first", "last", "orders", "purchaseDays"]),
    owner: ["i32", lines.orderCount],
    days: ["i32", n],
    ...columnsLike("f64", customers, ["cents", "rest", "net", "medianGap"]),
    usable: ["u8", n],
  });
  const { start, cents, rest, first, last, orders, owner, usable } = a;
  first.fill(0x7fffffff);
  last.fill(-0x80000000);
  owner.fill(-1);
  // An OrderID on several customers' lines (bad data, rare): "order × customers + customer" keys.
  let shared: Set<number> | null = null;
  let used = 0;
  let minDay = 0x7fffffff;
  let maxDay = -0x80000000;
  for (let i = 0; i < n; i++) {
    const c = customer[i];
    const d = day[i];
    const a = amount[i];
    if (c < 0 || !(d <= lastDay) || a !== a) continue;
    usable[i] = 1;
    used++;
    start[c + 1]++;
    const x = Math.round(a * 100);
    if (x / 100 === a) cents[c] += x;
    else rest[c] += a;
    if (d < first[c]) first[c] = d;
    if (d > last[c]) last[c] = d;
    if (d < minDay) minDay = d;
    if (d > maxDay) maxDay = d;
    const o = order[i];
    if (o < 0) orders[c]++;
    else {
      const w = owner[o];
      if (w === -1) {
        owner[o] = c;
        orders[c]++;
      } else if (w !== c) {
        const key = o * customers + c;
        shared ??= new Set();
        if (!shared.has(key)) {
          shared.add(key);
          orders[c]++;
        }
      }
    }
  }
  const count = a.count;
  for (let c = 0; c < customers; c++) {
    count[c] = start[c + 1];
    start[c + 1] += start[c];
  }
  // The usable lines' days grouped by customer.
  // The running fill positions borrow purchaseDays, which is written only afterwards.
  const fill = a.purchaseDays;
  fill.set(start.subarray(0, customers));
  const days = a.days;
  for (let i = 0; i < n; i++) if (usable[i] === 1) days[fill[customer[i]]++] = day[i];
  fill.fill(0);

  const { net, medianGap } = a;
  const purchaseDays = fill;
  medianGap.fill(NaN);
  const range = used ? maxDay - minDay + 1 : 0;
  const stamp = range <= MAX_STAMP_RANGE ? new Int32Array(range) : null;
  let distinct = new Int32Array(64);
  let gaps = new Float64Array(64);
  for (let c = 0; c < customers; c++) {
    net[c] = rest[c] === 0 ? cents[c] / 100 : cents[c] / 100 + rest[c];
    const s = start[c];
    const e = start[c + 1];
    if (s === e) {
      first[c] = 0;
      last[c] = 0;
      continue;
    }
    if (distinct.length < e - s) {
      distinct = new Int32Array((e - s) * 2);
      gaps = new Float64Array((e - s) * 2);
    }
    let k = 0;
    if (stamp) {
      const mark = c + 1;
      for (let i = s; i < e; i++) {
        const at = days[i] - minDay;
        if (stamp[at] !== mark) {
          stamp[at] = mark;
          distinct[k++] = days[i];
        }
      }
      sortFirst(distinct, k);
    } else {
      for (let i = s; i < e; i++) distinct[k++] = days[i];
      sortFirst(distinct, k);
      let w = 1;
      for (let i = 1; i < k; i++) if (distinct[i] !== distinct[w - 1]) distinct[w++] = distinct[i];
      k = w;
    }
    purchaseDays[c] = k;
    if (k > 1) {
      for (let i = 1; i < k; i++) gaps[i - 1] = distinct[i] - distinct[i - 1];
      medianGap[c] = medianOfFirst(gaps, k - 1);
    }
  }
  return {
    count: customers,
    used,
    lines: count,
    firstDay: first,
    lastDay: last,
    orders,
    purchaseDays,
    net,
    medianGap,
  };
}

/** Sorts values[0..n) ascending in place: insertion sort for the short runs most customers have. */
function sortFirst(values: Int32Array | Float64Array, n: number): void {
  if (n > 32) {
    values.subarray(0, n).sort();
    return;
  }
  for (let i = 1; i < n; i++) {
    const v = values[i];
    let j = i - 1;
    for (; j >= 0 && values[j] > v; j--) values[j + 1] = values[j];
    values[j + 1] = v;
  }
}

/** Median of values[0..n) (n ≥ 1), sorting that part in place; the mean of the two middle values for even n. */
function medianOfFirst(values: Float64Array, n: number): number {
  sortFirst(values, n);
  const mid = n >> 1;
  return n % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

/** One order line with parsed values, for callers outside the book (tests, tools). */
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

/** Per-customer aggregates of parsed order lines, sorted by CustomerID (code-unit order). */
export function aggregateOrders(lines: readonly OrderLine[]): CustomerAggregate[] {
  const ids = [...new Set(lines.map((l) => l.customerId))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(ids.map((id, i) => [id, i]));
  const orderIds = new Map<string, number>();
  const order = Int32Array.from(lines, (l) => {
    if (!l.orderId) return -1;
    let o = orderIds.get(l.orderId);
    if (o === undefined) orderIds.set(l.orderId, (o = orderIds.size));
    return o;
  });
  const agg = aggregateLines(
    {
      length: lines.length,
      customer: Int32Array.from(lines, (l) => index.get(l.customerId)!),
      day: Float64Array.from(lines, (l) => l.day),
      amount: Float64Array.from(lines, (l) => l.amount),
      order,
      orderCount: orderIds.size,
    },
    ids.length,
  );
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
