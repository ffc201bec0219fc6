import type { SegmentSnapshot } from "../../../src/core/notify/book";
import { lastTwoWeeks, migrationMatrix } from "../../../src/core/notify/migration";
import { buildWeeklyReport } from "../../../src/core/notify/weekly-report";
import { book, customer } from "./fixtures";

/** A hand-made two-week book: six customers, four moves, one new, one gone. */
const history: SegmentSnapshot[] = [
  ["C1", "Champions", "Champions"],
  ["C2", "Champions", "At Risk"],
  ["C3", "Loyal Customers", "Champions"],
  ["C4", "At Risk", "Lost"],
  ["C5", "Lost", null],
  ["C6", null, "New Customers"],
  ["C7", "At Risk", "Champions"],
].flatMap(([id, w1, w2]) => [
  ...(w1 ? [{ weekStart: "2026-11-09", customerId: id!, segment: w1 }] : []),
  ...(w2 ? [{ weekStart: "2026-11-16", customerId: id!, segment: w2 }] : []),
]);

describe("migration matrix", () => {
  it("counts who moved where between the last two snapshots", () => {
    expect(
      lastTwoWeeks([...history, { weekStart: "2026-11-02", customerId: "x", segment: "Lost" }], "2026-11-22"),
    ).toEqual(["2026-11-09", "2026-11-16"]);
    const m = migrationMatrix(history, "2026-11-09", "2026-11-16");
    expect(m.segments).toEqual(["Champions", "Loyal Customers", "New Customers", "At Risk", "Lost"]);
    const at = (from: string, to: string) => m.counts[m.segments.indexOf(from)][m.segments.indexOf(to)];
    expect(at("Champions", "Champions")).toBe(1);
    expect(at("Champions", "At Risk")).toBe(1);
    expect(at("Loyal Customers", "Champions")).toBe(1);
    expect(at("At Risk", "Lost")).toBe(1);
    expect(at("At Risk", "Champions")).toBe(1);
    expect(m.counts.flat().reduce((a, b) => a + b, 0)).toBe(5);
    expect(m.moves).toEqual([
      { customerId: "C2", from: "Champions", to: "At Risk" },
      { customerId: "C3", from: "Loyal Customers", to: "Champions" },
      { customerId: "C4", from: "At Risk", to: "Lost" },
      { customerId: "C7", from: "At Risk", to: "Champions" },
    ]);
    expect([m.entered, m.left]).toEqual([1, 1]);
  });

  it("feeds the weekly report, with names, and other report blocks", () => {
    const r = buildWeeklyReport(
      book({
        customers: [
          customer("C2", { name: "Zhang", segment: "At Risk", region: "North", monetary: 900 }),
          customer("C3", { name: "Wang", segment: "Champions", region: "South", monetary: 1200 }),
        ],
        orders: [
          { orderId: "O1", customerId: "C2", date: "2026-11-20", amount: 100, paymentStatus: "paid", row: 2 },
          {
            orderId: "O2",
            customerId: "C3",
            date: "2026-11-12",
            amount: 40,
            paymentStatus: "overdue",
            row: 3,
          },
          { orderId: "O3", customerId: "C3", date: "2025-11-20", amount: 7, paymentStatus: "paid", row: 4 },
        ],
        history,
      }),
      "2026-11-22",
    );
    expect(r.thisWeek).toEqual({ from: "2026-11-16", to: "2026-11-22" });
    expect(r.kpis.revenue).toEqual({ thisWeek: 100, lastWeek: 40, lastYear: 7 });
    expect(r.migration?.moves[0]).toEqual({
      customerId: "C2",
      name: "Zhang",
      from: "Champions",
      to: "At Risk",
    });
    expect(r.atRisk.map((l) => l.customerId)).toEqual(["C2"]);
    expect(r.top.map((l) => l.customerId)).toEqual(["C3", "C2"]);
    expect(r.overdue.map((o) => o.orderId)).toEqual(["O2"]);
    expect(r.monthly).toHaveLength(12);
    expect(r.monthly[11]).toEqual({ month: "2026-11", revenue: 140 });
    expect(r.monthly[0]).toEqual({ month: "2025-12", revenue: 0 });
    expect(r.regions.map((g) => [g.region, g.revenue12m])).toEqual([
      ["North", 100],
      ["South", 40],
    ]);
  });
});
