import { repeatSummary } from "../../../src/core/analysis/repeat-summary";
import { encodeOrders } from "../../../src/core/analysis/order-table";
import { mulberry32 } from "../../../src/local/random";
import { line } from "./fixtures";

/** The summary by its definition: each customer's lines stably sorted by day, days summed in order. */
function reference(lines: { customer: string; day: number; amount: number }[], asOfDay: number) {
  const byCustomer = new Map<string, { day: number; amount: number }[]>();
  for (const l of lines) {
    if (!byCustomer.has(l.customer)) byCustomer.set(l.customer, []);
    if (l.day <= asOfDay) byCustomer.get(l.customer)!.push(l);
  }
  const out: { frequency: number; recency: number; age: number; monetary: number }[] = [];
  for (const own of byCustomer.values()) {
    if (own.length === 0) continue;
    const sorted = own.slice().sort((a, b) => a.day - b.day); // Array.prototype.sort is stable
    const dayValues: number[] = [];
    for (let k = 0; k < sorted.length; k++) {
      if (k === 0 || sorted[k].day !== sorted[k - 1].day) dayValues.push(0);
      dayValues[dayValues.length - 1] += sorted[k].amount;
    }
    let repeat = 0;
    for (let j = 1; j < dayValues.length; j++) repeat += dayValues[j];
    const x = dayValues.length - 1;
    out.push({
      frequency: x,
      recency: sorted[sorted.length - 1].day - sorted[0].day,
      age: asOfDay - sorted[0].day,
      monetary: x > 0 ? repeat / x : 0,
    });
  }
  return out;
}

function check(days: (rand: () => number) => number, customers: number, count: number, seed: number) {
  const rand = mulberry32(seed);
  const lines = Array.from({ length: count }, () => ({
    // A few heavy buyers (more than 32 lines and days) among many light ones.
    customer: `C${rand() < 0.3 ? Math.floor(rand() * 3) : Math.floor(rand() * customers)}`,
    day: days(rand),
    amount: Math.round(rand() * 100000) / 100 + 0.01, // cents: the sums depend on their order
  }));
  const asOfDay = Math.max(...lines.map((l) => l.day)) - 5;
  const table = encodeOrders(lines.map((l) => line(l.customer, "2026-01-01", l.amount, { day: l.day })));
  const s = repeatSummary(table, asOfDay);
  const got = Array.from(s.frequency, (frequency, i) => ({
    frequency,
    recency: s.recency[i],
    age: s.age[i],
    monetary: s.monetary[i],
  }));
  expect(got).toEqual(reference(lines, asOfDay)); // toEqual compares the numbers exactly
}

describe("repeatSummary", () => {
  it("equals the definition bit for bit on unsorted lines, same-day lines and heavy buyers", () => {
    check((rand) => 20000 + Math.floor(rand() * 60), 40, 3000, 1);
  });

  it("does so when the days span more than the day slots cover", () => {
    check((rand) => (rand() < 0.5 ? -800000 : 600000) + Math.floor(rand() * 50), 40, 3000, 2);
  });
});
