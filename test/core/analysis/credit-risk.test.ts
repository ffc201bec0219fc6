import { creditGrade, creditRisk, creditRiskText } from "../../../src/core/analysis/credit-risk";
import { encodeOrders } from "../../../src/core/analysis/order-table";
import { day, line } from "./fixtures";

describe("credit risk", () => {
  const asOf = day("2026-06-30");
  const risks = creditRisk(
    encodeOrders([
      line("A", "2026-05-01", 100, { payment: "paid", dueDay: day("2026-05-31") }),
      line("B", "2026-05-01", 100, { payment: "due", dueDay: day("2026-06-20") }), // 10 days late
      line("B", "2026-05-01", 300, { payment: "paid" }),
      line("C", "2026-03-01", 500, { payment: "due", dueDay: day("2026-03-31") }), // 91 days late
      line("D", "2026-06-01", 50, { payment: "due", dueDay: day("2026-07-15") }), // not yet due
      line("E", "2026-06-01", 80, { payment: "overdue" }), // marked overdue, no due date
      line("F", "2026-07-05", 80, { payment: "due", dueDay: day("2026-07-06") }), // after the date
      line("G", "2026-05-01", -60, { payment: "due", dueDay: day("2026-05-31") }), // a refund is owed to them
    ]),
    asOf,
  );
  const byId = new Map(risks.map((r) => [r.customerId, r]));

  it("counts overdue lines, amount and days as of the date", () => {
    expect(byId.get("A")).toMatchObject({ overdueCount: 0, grade: "A", flagged: false });
    expect(byId.get("B")).toMatchObject({
      overdueCount: 1,
      overdueAmount: 100,
      maxDaysOverdue: 10,
      billed: 400,
      grade: "B",
    });
    expect(byId.get("C")).toMatchObject({
      overdueCount: 1,
      overdueAmount: 500,
      maxDaysOverdue: 91,
      grade: "D",
      flagged: true,
    });
    expect(byId.get("D")).toMatchObject({ overdueCount: 0, grade: "A" });
    expect(byId.get("E")).toMatchObject({ overdueCount: 1, maxDaysOverdue: 0, grade: "D" }); // all of it unpaid
    expect(byId.has("F")).toBe(false);
    // A refund line is billed (negative) but never an overdue payment, whatever its status says.
    expect(byId.get("G")).toMatchObject({ overdueCount: 0, billed: -60, grade: "A" });
  });

  it("grades at the documented thresholds", () => {
    expect(creditGrade(0, 0, 0, 100)).toBe("A");
    expect(creditGrade(1, 10, 30, 100)).toBe("B");
    expect(creditGrade(1, 10, 31, 100)).toBe("C");
    expect(creditGrade(3, 10, 5, 100)).toBe("C");
    expect(creditGrade(1, 10, 91, 100)).toBe("D");
    expect(creditGrade(1, 50, 5, 100)).toBe("D");
  });

  it("writes the cell text in both languages", () => {
    expect(creditRiskText(byId.get("A")!, "en")).toBe("A");
    expect(creditRiskText(byId.get("C")!, "en")).toBe("D · 1 overdue · 500.00 · 91 d");
    expect(creditRiskText(byId.get("C")!, "zh-CN")).toBe("D · 逾期 1 笔 · 500.00 · 91 天");
  });
});
