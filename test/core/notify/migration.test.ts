import type { SegmentSnapshot } from "../../../src/core/book";
import { ABSENT, lastTwoWeeks, weeklyMigration } from "../../../src/core/notify/migration";
import { renderWeeklyReportHtml } from "../../../src/core/notify/report-render";
import { buildWeeklyReport } from "../../../src/core/notify/weekly-report";
import { book, customer } from "./fixtures";

/**
 * A hand-made two-week book: seven customers, four moves, one new, one gone. The history sheet stores
 * segment keys; one row was typed as a label (zh-CN) and must match its key.
 */
const history: SegmentSnapshot[] = [
  ["C1", "champions", "champions"],
  ["C2", "champions", "at_risk"],
  ["C3", "loyal_customers", "冠军客户"],
  ["C4", "at_risk", "lost"],
  ["C5", "lost", null],
  ["C6", null, "new_customers"],
  ["C7", "at_risk", "champions"],
].flatMap(([id, w1, w2]) => [
  ...(w1 ? [{ weekStart: "2026-11-09", customerId: id!, segment: w1 }] : []),
  ...(w2 ? [{ weekStart: "2026-11-16", customerId: id!, segment: w2 }] : []),
]);

describe("migration matrix", () => {
  it("counts who moved where between the last two snapshots", () => {
    expect(
      lastTwoWeeks([...history, { weekStart: "2026-11-02", customerId: "x", segment: "lost" }], "2026-11-22"),
    ).toEqual(["2026-11-09", "2026-11-16"]);
    const m = weeklyMigration(history, "2026-11-09", "2026-11-16");
    expect(m.from).toEqual(["champions", "loyal_customers", "at_risk", "lost", ABSENT]);
    expect(m.to).toEqual(["champions", "new_customers", "at_risk", "lost", ABSENT]);
    const at = (from: string, to: string) => m.counts[m.from.indexOf(from)][m.to.indexOf(to)];
    expect(at("champions", "champions")).toBe(1);
    expect(at("champions", "at_risk")).toBe(1);
    expect(at("loyal_customers", "champions")).toBe(1);
    expect(at("at_risk", "lost")).toBe(1);
    expect(at("at_risk", "champions")).toBe(1);
    expect(at("lost", ABSENT)).toBe(1);
    expect(at(ABSENT, "new_customers")).toBe(1);
    expect(m.counts.flat().reduce((a, b) => a + b, 0)).toBe(7);
    expect(m.moves).toEqual([
      { customerId: "C2", from: "champions", to: "at_risk" },
      { customerId: "C3", from: "loyal_customers", to: "champions" },
      { customerId: "C4", from: "at_risk", to: "lost" },
      { customerId: "C7", from: "at_risk", to: "champions" },
    ]);
  });

  it("feeds the weekly report, with names, and other report blocks", () => {
    const r = buildWeeklyReport(
      book({
        customers: [
          customer("C2", { name: "Zhang", segment: "At Risk", region: "North", monetary: 900 }),
          customer("C3", { name: "Wang", segment: "冠军客户", region: "South", monetary: 1200 }),
        ],
        orders: [
          { orderId: "O1", customerId: "C2", date: "2026-11-20", amount: 100, paymentStatus: "paid" },
          {
            orderId: "O2",
            customerId: "C3",
            date: "2026-11-12",
            amount: 40,
            paymentStatus: "overdue",
          },
          { orderId: "O3", customerId: "C3", date: "2025-11-20", amount: 7, paymentStatus: "paid" },
        ],
        history,
      }),
      "2026-11-22",
    );
    expect(r.thisWeek).toEqual({ from: "2026-11-16", to: "2026-11-22" });
    expect(r.kpis.revenue).toEqual({ thisWeek: 100, lastWeek: 40, lastYear: 7 });
    expect(r.segments).toEqual([
      { key: "champions", count: 1 },
      { key: "at_risk", count: 1 },
    ]);
    // Named and valued, most valuable first; C4 and C7 are not on the Customers sheet any more.
    expect(r.migration?.moves.map((x) => [x.customerId, x.name, x.value, x.from, x.to])).toEqual([
      ["C3", "Wang", 1200, "loyal_customers", "champions"],
      ["C2", "Zhang", 900, "champions", "at_risk"],
      ["C4", "C4", 0, "at_risk", "lost"],
      ["C7", "C7", 0, "at_risk", "champions"],
    ]);
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
    const zh = renderWeeklyReportHtml(r, "zh-CN");
    expect(zh).toContain("冠军客户");
    expect(zh).toContain("有流失风险客户");
    // Who moved: the customer, then their move on a grey line, the value on the right.
    expect(renderWeeklyReportHtml(r, "en")).toMatch(
      />Zhang \(C2\)<div[^>]*>Champions → At Risk<\/div><\/td><td[^>]*>900\.00</,
    );
  });
});
