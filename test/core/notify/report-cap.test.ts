import type { OrderRow as NotifyOrder } from "./fixtures";
import {
  renderWeeklyReportHtml,
  renderWeeklyReportText,
  weeklyReportGrid,
} from "../../../src/core/notify/report-render";
import { buildWeeklyReport, MAX_AT_RISK, MAX_OVERDUE_LINES } from "../../../src/core/notify/weekly-report";
import { book, customer } from "./fixtures";

const AS_OF = "2026-11-22";

/** Order i (1-based) is unpaid, `i * 10` yuan, due `i` days before AS_OF. */
function unpaid(i: number, extra: Partial<NotifyOrder> = {}): NotifyOrder {
  const due = new Date(Date.UTC(2026, 10, 22 - i)).toISOString().slice(0, 10);
  return {
    orderId: `O${String(i).padStart(3, "0")}`,
    customerId: "C1",
    date: "2026-09-01",
    amount: i * 10,
    paymentStatus: "due",
    dueDate: due,
    ...extra,
  };
}

/** 30 overdue lines (10 … 300 yuan), one paid line and one not yet due, which count for neither list nor total. */
function bigBook() {
  const orders = Array.from({ length: 30 }, (_, i) => unpaid(i + 1));
  orders.push(unpaid(99, { orderId: "PAID", paymentStatus: "paid", amount: 1e6 }));
  orders.push(unpaid(0, { orderId: "LATER", dueDate: "2026-12-01", amount: 1e6 }));
  const customers = Array.from({ length: 14 }, (_, i) =>
    customer(`C${i + 1}`, { name: `Name ${i + 1}`, segment: "At Risk", monetary: (i + 1) * 100 }),
  );
  return buildWeeklyReport(book({ customers, orders }), AS_OF);
}

describe("weekly report caps", () => {
  it("lists the 20 largest overdue lines and totals all of them", () => {
    const r = bigBook();
    expect(MAX_OVERDUE_LINES).toBe(20);
    expect(r.overdue.map((o) => o.amount)).toEqual(Array.from({ length: 20 }, (_, i) => 300 - i * 10));
    expect(r.overdue[0]).toMatchObject({ orderId: "O030", daysOverdue: 30, dueDate: "2026-10-23" });
    // 10 + 20 + … + 300, the ten smallest included although they are not listed.
    expect(r.overdueTotal).toEqual({ lines: 30, amount: 4650 });
  });

  it("breaks amount ties by days overdue, unknown age last, then order id", () => {
    const r = buildWeeklyReport(
      book({
        customers: [customer("C1")],
        orders: [
          unpaid(3, { orderId: "A", amount: 50 }),
          unpaid(9, { orderId: "B", amount: 50 }),
          { ...unpaid(1, { orderId: "C", amount: 50, paymentStatus: "overdue" }), dueDate: undefined },
          unpaid(3, { orderId: "D", amount: 50 }),
          unpaid(1, { orderId: "E", amount: 60 }),
        ],
      }),
      AS_OF,
    );
    expect(r.overdue.map((o) => [o.orderId, o.daysOverdue])).toEqual([
      ["E", 1],
      ["B", 9],
      ["A", 3],
      ["D", 3],
      ["C", null],
    ]);
  });

  it("keeps the 10 most valuable at-risk customers", () => {
    const r = bigBook();
    expect(MAX_AT_RISK).toBe(10);
    expect(r.atRisk.map((l) => l.customerId)).toEqual(Array.from({ length: 10 }, (_, i) => `C${14 - i}`));
  });

  it("shows the cap and the total line in the HTML, the plain text and the sheet, in both languages", () => {
    const r = bigBook();
    const expected = {
      en: { title: "Overdue payments (top 20 by amount)", total: "30 overdue lines, total ¥4,650.00" },
      "zh-CN": { title: "逾期付款（金额前 20 笔）", total: "共 30 笔逾期，合计 ¥4,650.00" },
    } as const;
    for (const lang of ["en", "zh-CN"] as const) {
      const { title, total } = expected[lang];
      const html = renderWeeklyReportHtml(r, lang);
      expect(html).toContain(`>${title}</h2>`);
      expect(html).toContain(total);
      // 20 listed lines: the largest is in, the 21st largest (100 yuan, O010) is not.
      expect(html).toContain(" O030 · ");
      expect(html).toContain(" O011 · ");
      expect(html).not.toContain(" O010 · ");

      const text = renderWeeklyReportText(r, lang);
      expect(text).toContain(`${title}${lang === "en" ? ":" : "："}`);
      expect(text).toContain(total);
      expect(text.split("\n").filter((l) => /^- O\d{3} /.test(l))).toHaveLength(20);
      expect(text).not.toMatch(/^- O010 /m);

      const grid = weeklyReportGrid(r, lang);
      const at = grid.rows.findIndex((row) => row[0] === title);
      expect(at).toBeGreaterThan(0);
      const listed = grid.rows.slice(at + 2, at + 22);
      expect(listed.map((row) => row[0])).toEqual(
        Array.from({ length: 20 }, (_, i) => `O${String(30 - i).padStart(3, "0")}`),
      );
      expect(grid.rows[at + 22].slice(0, 4)).toEqual([total, "", "", 4650]);
      expect(grid.rows[at + 23].every((v) => v === "")).toBe(true);
    }
  });

  it("keeps the plain title and a one-line total when nothing is left out", () => {
    const r = buildWeeklyReport(book({ customers: [customer("C1")], orders: [unpaid(2)] }), AS_OF);
    expect(r.overdueTotal).toEqual({ lines: 1, amount: 20 });
    const text = renderWeeklyReportText(r, "en");
    expect(text).toContain(
      "Overdue payments:\n- O002 Customer C1 (C1): 20.00, Due 2026-11-20, Days overdue 2",
    );
    expect(text).toContain("1 overdue line, total ¥20.00");
    const grid = weeklyReportGrid(r, "en");
    const at = grid.rows.findIndex((row) => row[0] === "Overdue payments");
    expect(grid.rows[at + 3].slice(0, 4)).toEqual(["1 overdue line, total ¥20.00", "", "", 20]);
  });

  it("writes None and no total line when nothing is overdue", () => {
    const r = buildWeeklyReport(book({ customers: [customer("C1")] }), AS_OF);
    expect(r.overdueTotal).toEqual({ lines: 0, amount: 0 });
    expect(renderWeeklyReportText(r, "zh-CN")).toContain("逾期付款：\n无。");
    expect(renderWeeklyReportHtml(r, "en")).not.toContain("overdue line");
  });
});
