import { compareGroups, comparePeriods } from "../../../src/core/analysis/compare";
import { customerTotals } from "../../../src/core/analysis/customer-facts";
import { encodeOrders } from "../../../src/core/analysis/order-table";
import { day, line } from "./fixtures";

describe("comparisons", () => {
  const table = encodeOrders([
    line("A", "2026-01-05", 100, { orderId: "1" }),
    line("B", "2026-01-06", 200, { orderId: "2" }),
    line("C", "2026-01-07", 300, { orderId: "3" }),
    line("A", "2026-02-05", 150, { orderId: "4" }),
    line("A", "2026-02-06", 150, { orderId: "5" }),
    line("D", "2026-02-07", 600, { orderId: "6" }),
  ]);
  const jan = { from: day("2026-01-01"), to: day("2026-01-31") };
  const feb = { from: day("2026-02-01"), to: day("2026-02-28") };

  it("compares two periods with deltas and retention of A's customers in B", () => {
    const c = comparePeriods(table, jan, feb);
    expect(c.a).toMatchObject({ revenue: 600, customers: 3, orders: 3, aov: 200, retention: null });
    expect(c.b).toMatchObject({ revenue: 900, customers: 2, orders: 3, aov: 300, retentionBase: 3 });
    expect(c.b.retention).toBeCloseTo(1 / 3); // only A of {A, B, C} came back
    expect(c.deltas.revenue).toEqual({ absolute: 300, relative: 0.5 });
    expect(c.deltas.customers).toEqual({ absolute: -1, relative: -1 / 3 });
    expect(c.summary.en).toContain("50.0% higher");
    expect(c.summary.en).toContain("33.3% of 2026-01-01..2026-01-31's 3 customers bought again");
    expect(c.summary["zh-CN"]).toContain("高 50.0%");
  });

  it("compares two groups over a period, retention from the previous period", () => {
    const region: Record<string, string> = { A: "North", B: "North", C: "South", D: "South" };
    const c = compareGroups(table, (id) => region[id], { a: "North", b: "South" }, feb, jan);
    expect(c.a).toMatchObject({ label: "North", revenue: 300, customers: 1, orders: 2, aov: 150 });
    expect(c.a.retention).toBe(0.5); // A and B bought in January, A again in February
    expect(c.b).toMatchObject({ label: "South", revenue: 600, customers: 1, retention: 0 });
    expect(c.deltas.revenue.relative).toBe(1);
    expect(c.summary.en).toMatch(/Retention .*50\.0% vs 0\.0%/);
  });

  it("says so when nothing changed and when the base is zero", () => {
    const same = comparePeriods(table, jan, jan);
    expect(same.summary.en).toContain("Revenue is the same");
    const none = comparePeriods(table, { from: 0, to: 1 }, jan);
    expect(none.deltas.revenue.relative).toBeNull();
    expect(none.b.retention).toBeNull();
    expect(none.summary.en).toContain("Revenue went from 0.00");
  });
});

describe("comparisons of bad data", () => {
  it("counts an order shared by customers of two groups once in each, and once in the period", () => {
    const table = encodeOrders([
      line("A", "2026-03-02", 10, { orderId: "S" }),
      line("B", "2026-03-02", 20, { orderId: "S" }),
      line("A", "2026-03-02", 5, { orderId: "S" }),
      line("B", "2026-01-02", 7, { orderId: "T" }),
      line("A", "2026-03-03", 1, { orderId: "T" }),
    ]);
    const current = { from: day("2026-03-01"), to: day("2026-03-31") };
    const previous = { from: day("2026-01-01"), to: day("2026-01-31") };
    const groups = compareGroups(
      table,
      (id) => (id === "A" ? "x" : "y"),
      { a: "x", b: "y" },
      current,
      previous,
    );
    expect(groups.a).toMatchObject({ revenue: 16, orders: 2, customers: 1, retentionBase: 0 });
    expect(groups.b).toMatchObject({ revenue: 20, orders: 1, customers: 1, retentionBase: 1, retention: 1 });
    const periods = comparePeriods(table, previous, current);
    expect(periods.a).toMatchObject({ revenue: 7, orders: 1, customers: 1 });
    expect(periods.b).toMatchObject({ revenue: 36, orders: 2, customers: 2, retention: 1, retentionBase: 1 });
  });

  it("counts a customer's orders once each when OrderIDs are shared by customers", () => {
    const table = encodeOrders([
      line("A", "2026-03-02", 10, { orderId: "S" }),
      line("B", "2026-03-02", 20, { orderId: "S" }),
      line("A", "2026-03-02", 5, { orderId: "S" }),
      line("B", "2026-01-02", 7, { orderId: "T" }),
      line("A", "2026-03-03", 1, { orderId: "T" }),
      line("B", "2026-03-04", 2, { orderId: "S" }),
    ]);
    const totals = customerTotals(table, Infinity);
    const of = (id: string) => table.customers.indexOf(id);
    expect([totals.orders[of("A")], totals.orders[of("B")]]).toEqual([2, 2]);
    expect([totals.spend[of("A")], totals.spend[of("B")]]).toEqual([16, 29]);
  });
});
