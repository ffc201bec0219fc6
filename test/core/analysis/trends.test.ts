import fc from "fast-check";
import { civilFromDay, dayFromCivil, monthIndexOfDay, monthKey } from "../../../src/core/calendar";
import { encodeOrders } from "../../../src/core/analysis/order-table";
import { monthlyTrend, quarterlyTrend, seasonality } from "../../../src/core/analysis/trends";
import { day, line } from "./fixtures";

describe("calendar", () => {
  it("round-trips civil dates through day numbers, leap days included", () => {
    for (const d of [-1000, 0, 59, 60, 11016, 20000, 20819]) {
      const c = civilFromDay(d);
      expect(dayFromCivil(c.year, c.month, c.day)).toBe(d);
    }
    expect(day("1970-01-01")).toBe(0);
    expect(day("2024-02-29")).toBe(19782);
    expect(monthKey(monthIndexOfDay(day("2026-11-30")))).toBe("2026-11");
  });
});

describe("trends", () => {
  const table = encodeOrders([
    line("A", "2025-01-03", 100, { orderId: "1", category: "Toys" }),
    line("A", "2025-01-03", 50, { orderId: "1", category: "Toys" }),
    line("B", "2025-01-20", 50, { orderId: "2", category: "Coats" }),
    line("A", "2025-03-09", 300, { orderId: "3", category: "Coats" }),
    line("C", "2026-01-15", 400, { orderId: "4", category: "Toys" }),
  ]);

  it("fills every month between first and last sale, with MoM and YoY", () => {
    const m = monthlyTrend(table);
    expect(m.map((p) => p.key)).toEqual([
      "2025-01",
      "2025-02",
      "2025-03",
      "2025-04",
      "2025-05",
      "2025-06",
      "2025-07",
      "2025-08",
      "2025-09",
      "2025-10",
      "2025-11",
      "2025-12",
      "2026-01",
    ]);
    expect(m[0]).toEqual({ key: "2025-01", revenue: 200, orders: 2, customers: 2, change: null, yoy: null });
    expect(m[1]).toMatchObject({ revenue: 0, orders: 0, customers: 0, change: -1 });
    expect(m[2]).toMatchObject({ revenue: 300, change: null }); // from zero: undefined growth
    expect(m[12]).toMatchObject({ revenue: 400, customers: 1, yoy: 1 }); // 400 vs 200
  });

  it("sums quarters and compares each with four quarters before", () => {
    const q = quarterlyTrend(table);
    expect(q.map((p) => [p.key, p.revenue])).toEqual([
      ["2025-Q1", 500],
      ["2025-Q2", 0],
      ["2025-Q3", 0],
      ["2025-Q4", 0],
      ["2026-Q1", 400],
    ]);
    expect(q[0].orders).toBe(3);
    expect(q[4].yoy).toBeCloseTo(-0.2);
  });

  it("says 'not enough history' below two years, with the months it had", () => {
    const [total, ...cats] = seasonality(table, day("2026-01-31"));
    // 2025-01-03 … 2026-01-31: January 2025 is 29/31 covered (prorated), so 13 months.
    expect(total.months).toBe(13);
    expect(total.enoughHistory).toBe(false);
    expect(total.index).toEqual(new Array(12).fill(null));
    expect(total.peakMonth).toBeNull();
    expect(cats.map((c) => c.category)).toEqual(["Toys", "Coats"]); // by revenue
  });

  it("returns nothing for no orders", () => {
    const empty = encodeOrders([]);
    expect(monthlyTrend(empty)).toEqual([]);
    expect(seasonality(empty, day("2026-01-01"))).toEqual([]);
  });

  it("counts distinct orders and customers per period as sets would, over many months and stray dates", () => {
    // More than 32 months with sales (customers are counted 32 periods at a time), orders whose lines
    // fall in several months, blank OrderIDs and a far-off date: compare with a plain set per period.
    const start = dayFromCivil(2021, 1, 1);
    const lineArb = fc.record({
      customer: fc.integer({ min: 0, max: 6 }),
      order: fc.integer({ min: 0, max: 30 }),
      blankOrder: fc.boolean(),
      day: fc.oneof(fc.integer({ min: 0, max: 1500 }), fc.constant(5000)),
    });
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 120 }), (raw) => {
        const table = encodeOrders(
          raw.map((r) =>
            line(`C${r.customer}`, "2021-01-01", 1, {
              orderId: r.blankOrder ? "" : `O${r.order}`,
              day: start + r.day,
            }),
          ),
        );
        for (const [trend, toPeriod] of [
          [monthlyTrend(table), (m: number) => m],
          [quarterlyTrend(table), (m: number) => Math.floor(m / 3)],
        ] as const) {
          const orders = new Map<number, Set<number>>();
          const customers = new Map<number, Set<number>>();
          for (let i = 0; i < table.length; i++) {
            const p = toPeriod(table.month[i]);
            if (!orders.has(p)) orders.set(p, new Set());
            if (!customers.has(p)) customers.set(p, new Set());
            orders.get(p)!.add(table.order[i]);
            customers.get(p)!.add(table.customer[i]);
          }
          const first = Math.min(...orders.keys());
          expect(trend.map((point) => [point.orders, point.customers])).toEqual(
            trend.map((_, k) => [orders.get(first + k)?.size ?? 0, customers.get(first + k)?.size ?? 0]),
          );
        }
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});

describe("the period running on the analysis date", () => {
  const table = encodeOrders([
    line("A", "2024-10-05", 100),
    line("B", "2024-11-05", 100),
    line("A", "2024-12-02", 5),
    line("B", "2025-12-03", 7),
  ]);

  it("is not compared with whole periods until its last day", () => {
    const asOf = day("2025-12-09");
    const months = monthlyTrend(table, asOf);
    const december = months.find((p) => p.key === "2025-12")!;
    expect(december.revenue).toBe(7);
    expect(december.change).toBeNull();
    expect(december.yoy).toBeNull();
    // Earlier months keep their changes, and without a date nothing is running.
    expect(months.find((p) => p.key === "2024-11")!.change).toBe(0);
    expect(monthlyTrend(table).find((p) => p.key === "2025-12")!.yoy).toBeCloseTo(0.4, 12);
    const quarter = quarterlyTrend(table, asOf).find((p) => p.key === "2025-Q4")!;
    expect(quarter.change).toBeNull();
    expect(quarter.yoy).toBeNull();
  });

  it("is compared on its last day", () => {
    const months = monthlyTrend(table, day("2025-12-31"));
    expect(months.find((p) => p.key === "2025-12")!.yoy).toBeCloseTo(0.4, 12);
    expect(quarterlyTrend(table, day("2025-12-31")).find((p) => p.key === "2025-Q4")!.yoy).toBeCloseTo(
      7 / 205 - 1,
      12,
    );
  });
});
