import { buildBook, type SheetCells } from "../../../src/core/book";
import { portraitFacts } from "../../../src/core/browse/portrait-facts";
import { dayOfDateKey } from "../../../src/core/calendar";

const today = dayOfDateKey("2026-11-20");

const customer = (lastInteraction: string, status = "Won", segment = "Promising"): SheetCells => ({
  name: "Customers",
  headers: ["CustomerID", "Name", "Status", "Segment", "LastInteraction"],
  rows: [["C1", "Acme", status, segment, lastInteraction]],
});

const orders = (...rows: unknown[][]): SheetCells => ({
  name: "Orders",
  headers: ["OrderID", "CustomerID", "OrderDate", "Amount", "PaymentStatus", "DueDate"],
  rows,
});

function facts(sheets: Parameters<typeof buildBook>[0], churnRisk: string | null = null) {
  const book = buildBook(sheets, { timeZone: "Asia/Shanghai" });
  return portraitFacts(book, book.customers.indexOf("C1"), today, churnRisk);
}

describe("portrait facts from the book", () => {
  it("never counts a refund as an overdue payment, and counts a payment past its due date", () => {
    const refundOnly = facts({
      customers: customer("2026-11-19"),
      orders: orders(["O1", "C1", "2026-10-01", -300, "Overdue", "2026-10-15"]),
    });
    expect(refundOnly.overdueOrders).toBe(0);
    expect(refundOnly.nextAction.code).not.toBe("collect_payment");
    const late = facts({
      customers: customer("2026-11-19"),
      orders: orders(
        ["O1", "C1", "2026-10-01", 300, "Due", "2026-11-01"],
        ["O2", "C1", "2026-11-18", "¥1,000", "Paid", ""],
        ["O3", "C1", "2026-11-19", -50, "退款", ""],
      ),
    });
    expect(late.overdueOrders).toBe(1);
    expect(late.nextAction.code).toBe("collect_payment");
    expect(late.netSpent).toBe(1250);
  });

  it("takes the last contact as the later of the column and the Interactions rows", () => {
    const interactions: SheetCells = {
      name: "Interactions",
      headers: ["Date", "CustomerID", "NextFollowUp"],
      rows: [
        ["2026-11-15", "C1", ""],
        ["2026-11-01", "C2", ""],
      ],
    };
    // The column alone says 50 days: a follow-up is due; the Interactions sheet says 5 days ago.
    const columnOnly = facts({ customers: customer("2026-10-01") });
    expect(columnOnly.nextAction).toEqual({ code: "follow_up_due", days: 50 });
    const both = facts({ customers: customer("2026-10-01"), interactions });
    expect(both.lastContact).toBe(dayOfDateKey("2026-11-15"));
    expect(both.nextAction.code).toBe("keep_in_touch");
  });

  it("plans from the latest follow-up and counts open complaints only", () => {
    const interactions: SheetCells = {
      name: "Interactions",
      headers: ["Date", "CustomerID", "NextFollowUp"],
      rows: [
        ["2026-11-10", "C1", "2026-11-12"],
        ["2026-11-11", "C1", "2026-11-17"],
      ],
    };
    const planned = facts({ customers: customer("2026-11-11"), interactions });
    expect(planned.nextFollowUp).toBe(dayOfDateKey("2026-11-17"));
    expect(planned.nextAction).toEqual({ code: "follow_up_due", days: 3 });
    const feedback: SheetCells = {
      name: "Feedback",
      headers: ["Date", "CustomerID", "Rating", "Resolved"],
      rows: [
        ["2026-11-01", "C1", 1, "已解决"],
        ["2026-11-02", "C1", 4, ""],
        ["2026-11-03", "C1", 2, "no"],
      ],
    };
    const unhappy = facts({ customers: customer("2026-11-11"), interactions, feedback });
    expect(unhappy.openComplaints).toBe(1);
    expect(unhappy.nextAction.code).toBe("resolve_feedback");
  });

  it("reads status and segment from the book, churn risk as given", () => {
    expect(facts({ customers: customer("2026-11-19", "已流失") }).nextAction.code).toBe("win_back");
    expect(facts({ customers: customer("2026-11-19") }, "高").nextAction.code).toBe("retain");
    expect(facts({ customers: customer("2026-11-19", "Won", "Champions") }).nextAction.code).toBe("upsell");
    const nobody = facts({ customers: customer("") });
    expect(Number.isNaN(nobody.lastContact)).toBe(true);
    expect(nobody.netSpent).toBe(0);
  });
});
