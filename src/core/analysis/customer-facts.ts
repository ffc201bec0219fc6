import { FingerprintIndex } from "../book/fingerprint-index";
import { ordersInRuns, type OrderTable } from "./order-table";
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
  readonly firstDay: Float64Array;
  readonly lastDay: Float64Array;
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
  const f = factColumns(table, profiles, feedback);
  return f.profiles.map((profile, i) => ({
    id: profile.id,
    profile,
    spend: f.spend[i],
    orders: f.orders[i],
    aov: f.aov[i],
    satisfaction: f.satisfaction[i],
    firstDay: f.firstDay[i],
    lastDay: f.lastDay[i],
  }));
}

/** {@link customerFacts} in columns. */
export function factColumns(
  table: OrderTable,
  profiles: readonly CustomerProfile[],
  feedback: readonly FeedbackEntry[],
): FactColumns {
  // Slots by ID: a repeated ID keeps its first profile; an ID no profile has gets an unknown one.
  const byId = new FingerprintIndex(profiles.length + table.customers.length);
  const rows: CustomerProfile[] = [];
  for (const p of profiles) if (byId.id(p.id) === rows.length) rows.push(p);
  const slot = (id: string): number => {
    const i = byId.id(id);
    if (i === rows.length) rows.push(unknownProfile(id));
    return i;
  };
  // Totals are kept per table customer (the line's own index, no lookup per line) and moved to slots at
  // the end; the table's customer names are distinct, so a slot has at most one table customer.
  const tableCustomers = table.customers.length;
  const slotOfCustomer = new Int32Array(tableCustomers);
  for (let c = 0; c < tableCustomers; c++) slotOfCustomer[c] = slot(table.customers[c]);
  const feedbackSlots = feedback.map((f) => slot(f.customerId));
  const spend = new Float64Array(tableCustomers);
  const orders = new Int32Array(tableCustomers);
  const first = new Int32Array(tableCustomers).fill(2 ** 31 - 1);
  const last = new Int32Array(tableCustomers).fill(-(2 ** 31));
  const { customer, amount, order, day } = table;
  for (let i = 0; i < table.length; i++) {
    const c = customer[i];
    spend[c] += amount[i];
    const d = day[i];
    if (d < first[c]) first[c] = d;
    if (d > last[c]) last[c] = d;
  }
  if (ordersInRuns(table)) {
    // Each run of lines is one order: it counts once for each customer in it (the order a customer was
    // last counted for is remembered per customer).
    const counted = new Int32Array(tableCustomers).fill(-1);
    let run = -1;
    for (let i = 0; i < table.length; i++) {
      if (i === 0 || order[i] !== order[i - 1]) run++;
      const c = customer[i];
      if (counted[c] !== run) {
        counted[c] = run;
        orders[c]++;
      }
    }
  } else {
    // An order normally belongs to one customer: the first customer seen owns it in a typed array; the
    // rare order shared by several customers (bad data) falls back to a set of "order:customer" keys.
    const owner = new Int32Array(table.orderCount).fill(-1);
    const shared = new Set<string>();
    for (let i = 0; i < table.length; i++) {
      const c = customer[i];
      const o = order[i];
      if (owner[o] === -1) {
        owner[o] = c;
        orders[c]++;
      } else if (owner[o] !== c && !shared.has(`${o}:${c}`)) {
        shared.add(`${o}:${c}`);
        orders[c]++;
      }
    }
  }
  // Table customer of each slot; −1 for profiled customers who never ordered.
  const customerOfSlot = new Int32Array(rows.length).fill(-1);
  slotOfCustomer.forEach((s, c) => (customerOfSlot[s] = c));
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
    firstDay: new Float64Array(rows.length),
    lastDay: new Float64Array(rows.length),
    rowOf: slotOfCustomer,
  };
  for (let i = 0; i < rows.length; i++) {
    const c = customerOfSlot[i];
    const n = c >= 0 ? orders[c] : 0;
    const total = c >= 0 ? spend[c] : 0;
    out.spend[i] = total;
    out.orders[i] = n;
    out.aov[i] = n > 0 ? total / n : NaN;
    out.satisfaction[i] = ratingCount[i] > 0 ? ratingSum[i] / ratingCount[i] : NaN;
    out.firstDay[i] = n > 0 ? first[c] : NaN;
    out.lastDay[i] = n > 0 ? last[c] : NaN;
  }
  return out;
}
