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
  const customerSlot = Int32Array.from(table.customers, (id) => slot(id));
  const n = () => rows.length;
  const feedbackSlots = feedback.map((f) => slot(f.customerId));
  const spend = new Float64Array(n());
  const orders = new Int32Array(n());
  const first = new Int32Array(n()).fill(2 ** 31 - 1);
  const last = new Int32Array(n()).fill(-(2 ** 31));
  // An order normally belongs to one customer: the first customer seen owns it in a typed array; the rare
  // order shared by several customers (bad data) falls back to a set of "order:customer" keys.
  const owner = new Int32Array(table.orderCount).fill(-1);
  const shared = new Set<string>();
  for (let i = 0; i < table.length; i++) {
    const c = customerSlot[table.customer[i]];
    spend[c] += table.amount[i];
    const o = table.order[i];
    if (owner[o] === -1) {
      owner[o] = c;
      orders[c]++;
    } else if (owner[o] !== c && !shared.has(`${o}:${c}`)) {
      shared.add(`${o}:${c}`);
      orders[c]++;
    }
    const d = table.day[i];
    if (d < first[c]) first[c] = d;
    if (d > last[c]) last[c] = d;
  }
  const ratingSum = new Float64Array(n());
  const ratingCount = new Int32Array(n());
  feedback.forEach((f, i) => {
    if (f.rating !== null && Number.isFinite(f.rating)) {
      ratingSum[feedbackSlots[i]] += f.rating;
      ratingCount[feedbackSlots[i]]++;
    }
  });
  return rows.map((profile, i) => ({
    id: profile.id,
    profile,
    spend: spend[i],
    orders: orders[i],
    aov: orders[i] > 0 ? spend[i] / orders[i] : NaN,
    satisfaction: ratingCount[i] > 0 ? ratingSum[i] / ratingCount[i] : NaN,
    firstDay: orders[i] > 0 ? first[i] : NaN,
    lastDay: orders[i] > 0 ? last[i] : NaN,
  }));
}
