import { isOverdue } from "../book";
import type { OrderTable } from "./order-table";
import { addDay, dayRuns, type DayRuns } from "./repeat-summary";
import { BLANK_GROUP, type CustomerProfile, type FeedbackEntry } from "./types";

/** One customer's totals, the unit the group statistics describe. */
export interface CustomerFacts {
  readonly id: string;
  readonly profile: CustomerProfile;
  /** Sum of line amounts. */
  readonly spend: number;
  /** Distinct orders. */
  readonly orders: number;
  /** spend / orders; NaN without orders (skipped by describe). */
  readonly aov: number;
  /** Mean feedback rating; NaN without feedback. */
  readonly satisfaction: number;
  readonly firstDay: number;
  readonly lastDay: number;
}

/** A profile for a customer who appears in orders or feedback but not in the Customers sheet. */
export function unknownProfile(id: string): CustomerProfile {
  return {
    id,
    name: id,
    segment: BLANK_GROUP,
    abc: BLANK_GROUP,
    lifecycle: BLANK_GROUP,
    region: BLANK_GROUP,
    customerType: BLANK_GROUP,
    owner: BLANK_GROUP,
    gender: BLANK_GROUP,
    age: null,
    industry: BLANK_GROUP,
  };
}

/**
 * The customers' figures in columns: row i of every column is the customer of `profiles[i]`, in the rows
 * {@link customerFacts} lists. The report reads these (tens of thousands of fact objects would cost more
 * in allocation than the figures themselves).
 */
export interface FactColumns {
  /** Every profiled customer (a repeated ID once), then customers known only from orders or feedback. */
  readonly profiles: readonly CustomerProfile[];
  readonly spend: Float64Array;
  readonly orders: Float64Array;
  readonly aov: Float64Array;
  readonly satisfaction: Float64Array;
  /** The row of each table customer. */
  readonly rowOf: Int32Array;
}

/**
 * Per-customer spend, order count, AOV and satisfaction. Every profiled customer appears (with zero spend
 * when they never ordered), then customers known only from orders or feedback, in first-seen order.
 * An order shared by two customers (bad data) counts once for each.
 */
export function customerFacts(
  table: OrderTable,
  profiles: readonly CustomerProfile[],
  feedback: readonly FeedbackEntry[],
): CustomerFacts[] {
  const totals = customerTotals(table, Infinity);
  const f = factColumns(table, profiles, feedback, totals);
  // The days are read from the totals: the report never reads them, so the columns leave them out.
  const customerOf = new Int32Array(f.profiles.length).fill(-1);
  for (let c = 0; c < f.rowOf.length; c++) customerOf[f.rowOf[c]] = c;
  return f.profiles.map((profile, i) => {
    const c = customerOf[i];
    const some = f.orders[i] > 0;
    return {
      id: profile.id,
      profile,
      spend: f.spend[i],
      orders: f.orders[i],
      aov: f.aov[i],
      satisfaction: f.satisfaction[i],
      firstDay: some ? totals.firstDay[c] : NaN,
      lastDay: some ? totals.lastDay[c] : NaN,
    };
  });
}

/**
 * What the customer steps sum per table customer (index into `table.customers`), from one pass over the
 * lines: the facts, the credit risk and the report's latest day all read these, so the million lines are
 * walked once for all of them. Sums are in line order.
 */
export interface CustomerTotals {
  /** The analysis date the credit figures are as of. */
  readonly asOfDay: number;
  /** Sum of all line amounts. */
  readonly spend: Float64Array;
  /** Distinct orders (an order shared by two customers, bad data, counts once for each). */
  readonly orders: Int32Array;
  /** Earliest and latest day of any line (meaningless without orders). */
  readonly firstDay: Int32Array;
  readonly lastDay: Int32Array;
  /** Sum of the amounts of lines dated on or before `asOfDay`. */
  readonly billed: Float64Array;
  /** Overdue lines as of `asOfDay` (see isOverdue), their amount and the days past due of the oldest. */
  readonly overdueCount: Int32Array;
  readonly overdueAmount: Float64Array;
  readonly maxDaysOverdue: Float64Array;
  /** Customers with a line on or before `asOfDay`, in order of their first such line. */
  readonly seen: Int32Array;
  /** The latest day on or before `asOfDay` with a line; −Infinity when there is none. */
  readonly latestDay: number;
  /**
   * Each customer's purchase days up to `asOfDay`, for the repeat summary (repeat-summary.ts); null when a
   * customer's lines go back in time (the summary then sorts them).
   */
  readonly dayRuns: DayRuns | null;
}

/**
 * {@link CustomerTotals} of a table as of `asOfDay`. One loop with everything in it: a loop over a million
 * lines runs interpreted until V8 compiles it, so each extra pass costs its warm-up as well.
 */
export function customerTotals(table: OrderTable, asOfDay: number): CustomerTotals {
  const nc = table.customers.length;
  const spend = new Float64Array(nc);
  const orders = new Int32Array(nc);
  const first = new Int32Array(nc).fill(2 ** 31 - 1);
  const last = new Int32Array(nc).fill(-(2 ** 31));
  const billed = new Float64Array(nc);
  const overdueCount = new Int32Array(nc);
  const overdueAmount = new Float64Array(nc);
  const maxDays = new Float64Array(nc);
  const met = new Uint8Array(nc);
  const seen = new Int32Array(nc);
  let seenCount = 0;
  let latestDay = -Infinity;
  // Distinct (order, customer) pairs: an order normally belongs to one customer, the first seen, kept in a
  // typed array; the rare order shared by several customers (bad data) falls back to a set of keys
  // (order · customers + customer: below 2^53 for any book, and no string per line).
  const owner = new Int32Array(table.orderCount).fill(-1);
  const shared = new Set<number>();
  // Without payment columns nothing can be overdue: the check is skipped per line.
  const mayBeOverdue = table.payment !== null || table.dueDay !== null;
  const { customer, amount, order, day, dueDay } = table;
  const runs = dayRuns(nc);
  let inDayOrder = true;
  for (let i = 0; i < table.length; i++) {
    const c = customer[i];
    const a = amount[i];
    const d = day[i];
    spend[c] += a;
    if (d < first[c]) first[c] = d;
    if (d > last[c]) last[c] = d;
    const o = order[i];
    if (owner[o] === -1) {
      owner[o] = c;
      orders[c]++;
    } else if (owner[o] !== c && !shared.has(o * nc + c)) {
      shared.add(o * nc + c);
      orders[c]++;
    }
    if (d > asOfDay) continue;
    if (d > latestDay) latestDay = d;
    if (met[c] === 0) {
      met[c] = 1;
      seen[seenCount++] = c;
    }
    billed[c] += a;
    if (inDayOrder && d <= asOfDay) inDayOrder = addDay(runs, c, d, a);
    if (!mayBeOverdue || !isOverdue(table, i, asOfDay)) continue;
    overdueCount[c]++;
    overdueAmount[c] += a;
    const due = dueDay === null ? NaN : dueDay[i];
    maxDays[c] = Math.max(maxDays[c], due === due ? Math.max(0, asOfDay - due) : 0);
  }
  return {
    asOfDay,
    spend,
    orders,
    firstDay: first,
    lastDay: last,
    billed,
    overdueCount,
    overdueAmount,
    maxDaysOverdue: maxDays,
    seen: seen.subarray(0, seenCount),
    latestDay,
    dayRuns: inDayOrder ? runs : null,
  };
}

/**
 * {@link customerFacts} in columns. `totals` may be passed when the caller already has them (any
 * analysis date: the facts read none of the dated figures).
 */
export function factColumns(
  table: OrderTable,
  profiles: readonly CustomerProfile[],
  feedback: readonly FeedbackEntry[],
  totals: CustomerTotals = customerTotals(table, Infinity),
): FactColumns {
  // Slots by ID: a repeated ID keeps its first profile; an ID no profile has gets an unknown one. A Map: by
  // now the sheet's cells are garbage and the heap is small, and tens of thousands of IDs cost a Map a
  // fraction of what hashing them in JavaScript costs.
  const byId = new Map<string, number>();
  const rows = profileSlots(byId, profiles);
  const slot = (id: string): number => {
    let i = byId.get(id);
    if (i === undefined) {
      i = rows.length;
      byId.set(id, i);
      rows.push(unknownProfile(id));
    }
    return i;
  };
  // The table's customer names are distinct, so a slot has at most one table customer.
  const slotOfCustomer = slotsOf(table.customers, slot);
  const feedbackSlots = feedback.map((f) => slot(f.customerId));
  const ratingSum = new Float64Array(rows.length);
  const ratingCount = new Int32Array(rows.length);
  feedback.forEach((f, i) => {
    if (f.rating !== null && Number.isFinite(f.rating)) {
      ratingSum[feedbackSlots[i]] += f.rating;
      ratingCount[feedbackSlots[i]]++;
    }
  });
  const out = {
    profiles: rows,
    spend: new Float64Array(rows.length),
    orders: new Float64Array(rows.length),
    aov: new Float64Array(rows.length),
    satisfaction: new Float64Array(rows.length),
    rowOf: slotOfCustomer,
  };
  fillFacts(out, totals, { ratingSum, ratingCount });
  return out;
}

/** The profiles' slots: a repeated ID keeps its first profile. */
function profileSlots(byId: Map<string, number>, profiles: readonly CustomerProfile[]): CustomerProfile[] {
  const rows: CustomerProfile[] = [];
  for (let i = 0; i < profiles.length; i++) {
    const p = profiles[i];
    if (byId.has(p.id)) continue;
    byId.set(p.id, rows.length);
    rows.push(p);
  }
  return rows;
}

/** The slot of each of `ids`. */
function slotsOf(ids: readonly string[], slot: (id: string) => number): Int32Array {
  const out = new Int32Array(ids.length);
  for (let i = 0; i < out.length; i++) out[i] = slot(ids[i]);
  return out;
}

/**
 * Each slot's facts from its table customer's totals (none for a profiled customer who never ordered) and
 * its ratings. Its loops are a function of their own: V8 compiles a long loop while it runs, and code after
 * it in the same function, never run before, makes it throw that code away.
 */
function fillFacts(
  out: Omit<FactColumns, "profiles">,
  totals: CustomerTotals,
  ratings: { readonly ratingSum: Float64Array; readonly ratingCount: Int32Array },
): void {
  const { spend, orders } = totals;
  const n = out.spend.length;
  // Table customer of each slot; −1 for profiled customers who never ordered.
  const customerOfSlot = new Int32Array(n).fill(-1);
  for (let c = 0; c < out.rowOf.length; c++) customerOfSlot[out.rowOf[c]] = c;
  const { ratingSum, ratingCount } = ratings;
  for (let i = 0; i < n; i++) {
    const c = customerOfSlot[i];
    const k = c >= 0 ? orders[c] : 0;
    const total = c >= 0 ? spend[c] : 0;
    out.spend[i] = total;
    out.orders[i] = k;
    out.aov[i] = k > 0 ? total / k : NaN;
    out.satisfaction[i] = ratingCount[i] > 0 ? ratingSum[i] / ratingCount[i] : NaN;
  }
}
