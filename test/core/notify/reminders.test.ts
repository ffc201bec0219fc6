import { evaluateReminders } from "../../../src/core/notify/reminders";
import { DEFAULT_RULES } from "../../../src/core/notify/rules";
import { book, customer } from "./fixtures";

const today = "2026-11-23";
const fired = (b: ReturnType<typeof book>) =>
  evaluateReminders(b, today, DEFAULT_RULES).map((d) => `${d.customerId}:${d.ruleId}:${d.daysIdle}`);

describe("evaluateReminders", () => {
  it("fires idle rules only past their threshold, from the latest of both contact sources", () => {
    const b = book({
      customers: [
        customer("F7", { status: "following_up", lastInteraction: "2026-11-16" }), // exactly 7: not more
        customer("F8", { status: "following_up", lastInteraction: "2026-11-15" }),
        customer("F8b", { status: "following_up", lastInteraction: "2026-11-01" }), // newer interaction row below
        customer("P4", { status: "pending", lastInteraction: "2026-11-19" }),
        customer("V31", { type: "vip", status: "won", lastInteraction: "2026-10-23" }),
        customer("V30", { type: "vip", status: "won", lastInteraction: "2026-10-24" }),
      ],
      interactions: [{ customerId: "F8b", date: "2026-11-20" }],
    });
    expect(fired(b)).toEqual(["V31:vip-idle:31", "F8:following-up-idle:8", "P4:pending-idle:4"]);
  });

  it("treats a customer never contacted as idle without bound, and a future contact as not idle", () => {
    const b = book({
      customers: [
        customer("N", { status: "pending" }),
        customer("Fut", { status: "pending", lastInteraction: "2026-12-01" }),
      ],
    });
    expect(fired(b)).toEqual(["N:pending-idle:null"]);
  });

  it("finds overdue orders by status or by a passed due date, one item per customer", () => {
    const b = book({
      customers: [
        customer("A", { lastInteraction: today }),
        customer("B", { lastInteraction: today }),
        customer("C"),
      ],
      orders: [
        { orderId: "O1", customerId: "A", amount: 100, paymentStatus: "overdue" },
        { orderId: "O2", customerId: "A", amount: 50, paymentStatus: "due", dueDate: "2026-11-22" },
        { orderId: "O3", customerId: "B", amount: 70, paymentStatus: "due", dueDate: today }, // due today: not passed
        { orderId: "O4", customerId: "C", amount: 70, paymentStatus: "paid", dueDate: "2026-01-01" },
      ],
    });
    const due = evaluateReminders(b, today, DEFAULT_RULES);
    expect(due).toHaveLength(1);
    expect(due[0].detail).toEqual({ kind: "overdue", orders: 2, amount: 150, oldestDue: "2026-11-22" });
  });

  it("never chases a refund as an overdue payment, whether a negative amount or a refund status", () => {
    const b = book({
      customers: [customer("R", { lastInteraction: today }), customer("S", { lastInteraction: today })],
      orders: [
        { orderId: "R1", customerId: "R", amount: -80, paymentStatus: "overdue", dueDate: "2026-11-01" },
        { orderId: "S1", customerId: "S", amount: 80, paymentStatus: "退款", dueDate: "2026-11-01" },
        { orderId: "S2", customerId: "S", amount: 30, paymentStatus: "due", dueDate: "2026-11-01" },
      ],
    });
    const due = evaluateReminders(b, today, DEFAULT_RULES);
    expect(due.map((d) => [d.customerId, d.detail])).toEqual([
      ["S", { kind: "overdue", orders: 1, amount: 30, oldestDue: "2026-11-01" }],
    ]);
  });

  it("fires a reached NextFollowUp until a contact on or after it is logged", () => {
    const b = book({
      customers: [customer("A"), customer("B")],
      interactions: [
        { customerId: "A", date: "2026-11-10", nextFollowUp: "2026-11-20" },
        { customerId: "B", date: "2026-11-10", nextFollowUp: "2026-11-20" },
        { customerId: "B", date: "2026-11-21" },
      ],
    });
    expect(fired(b)).toEqual(["A:next-follow-up:13"]);
  });

  it("orders by priority, then longest idle", () => {
    const b = book({
      customers: [
        customer("P", { status: "pending", lastInteraction: "2026-11-01" }),
        customer("F1", { status: "following_up", lastInteraction: "2026-11-10" }),
        customer("F2", { status: "following_up", lastInteraction: "2026-10-10" }),
      ],
    });
    expect(fired(b).map((s) => s.split(":")[0])).toEqual(["F2", "F1", "P"]);
  });
});
