import { parseDayText as parseIsoDay } from "../../../src/core/calendar";
import type { CustomerProfile, OrderLine } from "../../../src/core/analysis/types";

/** Day number of an ISO date; throws on a typo so a test never runs on NaN. */
export function day(iso: string): number {
  const d = parseIsoDay(iso);
  if (d === undefined) throw new Error(`bad date ${iso}`);
  return d;
}

/** An order line with defaults for what a test does not care about. */
export function line(
  customerId: string,
  iso: string,
  amount: number,
  extra: Partial<OrderLine> = {},
): OrderLine {
  return { orderId: "", customerId, day: day(iso), product: "", category: "", quantity: 1, amount, ...extra };
}

export function profile(id: string, extra: Partial<CustomerProfile> = {}): CustomerProfile {
  return {
    id,
    name: id,
    segment: "",
    abc: "",
    lifecycle: "",
    region: "",
    customerType: "",
    owner: "",
    gender: "",
    age: null,
    industry: "",
    ...extra,
  };
}
