import { buildCustomerIndex } from "../../../src/core/browse/customer-index";
import { buildDashboard, trendMonths } from "../../../src/core/browse/dashboard";

const idx = buildCustomerIndex(
  ["CustomerID", "Name", "Status", "Segment", "ABC", "Monetary", "ChurnRisk", "OpportunityAmount"],
  [
    ["C1", "A", "won", "Champions", "A", 900, "low", ""],
    ["C2", "B", "跟进中", "At Risk", "B", 300, "高", 1000],
    ["C3", "C", "lost", "Lost", "C", 50, "high", 500],
    ["C4", "D", "won", "At Risk", "A", 700, "High", ""],
  ],
  (d) => d.toISOString().slice(0, 10),
);

describe("dashboard", () => {
  it("lists the 12 months ending with today's month across a year boundary", () => {
    const m = trendMonths("2026-02-10");
    expect([m.length, m[0], m[11]]).toEqual([12, "2025-03", "2026-02"]);
  });

  it("sums orders per month in the window only", () => {
    const d = buildDashboard(
      idx.customers,
      [
        { date: "2026-11-02", amount: 10 },
        { date: "2026-11-30", amount: 5.5 },
        { date: "2025-12-01", amount: 7 },
        { date: "2025-11-30", amount: 1000 },
      ],
      "2026-11-23",
      "en",
    );
    expect(d.revenueTrend[11]).toEqual({ month: "2026-11", amount: 15.5 });
    expect(d.revenueTrend[0]).toEqual({ month: "2025-12", amount: 7 });
    expect(d.revenue12m).toBe(22.5);
  });

  it("ranks at-risk customers by value, leaving out lost ones", () => {
    const d = buildDashboard(idx.customers, [], "2026-11-23", "zh-CN");
    expect(d.atRisk.map((c) => c.id)).toEqual(["C4", "C2"]);
    expect(d.atRiskCount).toBe(2);
    expect(d.openOpportunity).toBe(1000);
    expect(d.segmentMix[0]).toEqual({ label: "At Risk", count: 2 });
    expect(d.statusMix.find((s) => s.label === "已成交")?.count).toBe(2);
  });
});
