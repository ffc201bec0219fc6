import { repeatSummary } from "../../../src/core/analysis/repeat-summary";
import { customerTotals } from "../../../src/core/analysis/customer-facts";
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

type Line = { customer: string; day: number; amount: number };

function check(
  days: (rand: () => number) => number,
  customers: number,
  count: number,
  seed: number,
  arrange: (lines: Line[]) => Line[] = (lines) => lines,
) {
  const rand = mulberry32(seed);
  const drawn = Array.from({ length: count }, () => ({
    // A few heavy buyers (more than 32 lines and days) among many light ones.
    customer: `C${rand() < 0.3 ? Math.floor(rand() * 3) : Math.floor(rand() * customers)}`,
    day: days(rand),
    amount: Math.round(rand() * 100000) / 100 + 0.01, // cents: the sums depend on their order
  }));
  const lines = arrange(drawn);
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
  // The report hands over the day runs its pass over the lines for the customers' totals kept: same summary.
  const runs = customerTotals(table, asOfDay).dayRuns;
  expect(repeatSummary(table, asOfDay, runs)).toEqual(s);
  return runs;
}

describe("repeatSummary", () => {
  it("equals the definition bit for bit on unsorted lines, same-day lines and heavy buyers", () => {
    check((rand) => 20000 + Math.floor(rand() * 60), 40, 3000, 1);
  });

  it("does so when the days span more than the day slots cover", () => {
    check((rand) => (rand() < 0.5 ? -800000 : 600000) + Math.floor(rand() * 50), 40, 3000, 2);
  });

  // Lines in day order (a sheet filled as orders came) or by customer then day (CDNOW's file) are
  // summarised in one pass; the figures must not change.
  const byDay = (lines: Line[]) => lines.slice().sort((a, b) => a.day - b.day);
  const byCustomerThenDay = (lines: Line[]) =>
    lines
      .slice()
      .sort((a, b) => (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : a.day - b.day));

  it("equals the definition bit for bit on lines in day order, same-day lines kept in table order", () => {
    expect(check((rand) => 20000 + Math.floor(rand() * 60), 40, 3000, 3, byDay)).not.toBeNull();
    check((rand) => (rand() < 0.5 ? -800000 : 600000) + Math.floor(rand() * 50), 40, 3000, 4, byDay);
  });

  it("equals it on lines sorted by customer then day", () => {
    expect(check((rand) => 20000 + Math.floor(rand() * 60), 40, 3000, 5, byCustomerThenDay)).not.toBeNull();
  });

  it("equals it when one customer's last line goes back in time (and when it falls after the date)", () => {
    // Day order but for the last line, an earlier day of a customer seen before: the one-pass
    // summary gives up there and the blocks sum every customer.
    const backInTime = (lines: Line[]) => {
      const sorted = byDay(lines);
      return [...sorted, { ...sorted[sorted.length >> 1], amount: 12.34 }];
    };
    expect(check((rand) => 20000 + Math.floor(rand() * 60), 40, 3000, 6, backInTime)).toBeNull();
    // A line after the analysis date does not count as going back in time.
    const lateThenEarly = (lines: Line[]) => {
      const sorted = byDay(lines);
      const late = { ...sorted[0], day: sorted[sorted.length - 1].day };
      return [...sorted.slice(0, 10), late, ...sorted.slice(10)];
    };
    expect(check((rand) => 20000 + Math.floor(rand() * 60), 40, 3000, 7, lateThenEarly)).not.toBeNull();
  });

  it("gives the same summary from the totals' day runs whatever the date, an unreadable one included", () => {
    const table = encodeOrders([
      line("A", "2026-01-01", 10, { day: 100 }),
      line("A", "2026-01-01", 20, { day: 110 }),
      line("B", "2026-01-01", 5, { day: 105 }),
    ]);
    for (const asOf of [NaN, 99, 105, 110, Infinity])
      expect(repeatSummary(table, asOf, customerTotals(table, asOf).dayRuns)).toEqual(
        repeatSummary(table, asOf),
      );
  });
});
