import type { OrderTable } from "./order-table";
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
 * Per-customer spend, order count, AOV and satisfaction. Every profiled customer appears (with zero spend
 * when they never ordered), then customers known only from orders or feedback, in first-seen order.
 * An order shared by two customers (bad data) counts once for each.
 */
export function customerFacts(
  table: OrderTable,
  profiles: readonly CustomerProfile[],
  feedback: readonly FeedbackEntry[],
): CustomerFacts[] {
  const byId = new Map<string, number>();
  const rows: CustomerProfile[] = [];
  for (const p of profiles) {
    if (!byId.has(p.id)) {
      byId.set(p.id, rows.length);
      rows.push(p);
    }
  }
  const slot = (id: string): number => {
    let i = byId.get(id);
    if (i === undefined) {
      i = rows.length;
      byId.set(id, i);
      rows.push(unknownProfile(id));
    }
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
  // An order normally belongs to one customer: the first customer seen owns it in a typed array; the rare
  // order shared by several customers (bad data) falls back to a set of "order:customer" keys.
  const owner = new Int32Array(table.orderCount).fill(-1);
  const shared = new Set<string>();
  const { customer, amount, order, day } = table;
  for (let i = 0; i < table.length; i++) {
    const c = customer[i];
    spend[c] += amount[i];
    const o = order[i];
    if (owner[o] === -1) {
      owner[o] = c;
      orders[c]++;
    } else if (owner[o] !== c && !shared.has(`${o}:${c}`)) {
      shared.add(`${o}:${c}`);
      orders[c]++;
    }
    const d = day[i];
    if (d < first[c]) first[c] = d;
    if (d > last[c]) last[c] = d;
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
  return rows.map((profile, i) => {
    const c = customerOfSlot[i];
    const n = c >= 0 ? orders[c] : 0;
    const total = c >= 0 ? spend[c] : 0;
    return {
      id: profile.id,
      profile,
      spend: total,
      orders: n,
      aov: n > 0 ? total / n : NaN,
      satisfaction: ratingCount[i] > 0 ? ratingSum[i] / ratingCount[i] : NaN,
      firstDay: n > 0 ? first[c] : NaN,
      lastDay: n > 0 ? last[c] : NaN,
    };
  });
}
