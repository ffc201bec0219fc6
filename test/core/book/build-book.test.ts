import fc from "fast-check";
import { buildBook, isOverdue, PAYMENT, type SheetCells } from "../../../src/core/book";
import { dayOfDateKey } from "../../../src/core/calendar";

const day = dayOfDateKey;

const customers: SheetCells = {
  name: "客户",
  headers: [
    "客户编号",
    "客户名称",
    "性别",
    "年龄",
    "客户类型",
    "最近互动时间",
    "负责人",
    "电子邮件",
    "我的备注",
  ],
  rows: [
    ["C1", "星辰", "女", 31, "VIP客户", "2026-02-01", "Ann@X.com", "bad address", "x"],
    ["", "", "", "", "", "", "", "", ""],
    ["", "no id", "", "", "", "", "", "", ""],
    ["C2", "", "", 200, "普通", "", "zhang", "c2@x.com", ""],
    ["C1", "duplicate row", "", "", "", "", "", "", ""],
  ],
};

const orders: SheetCells = {
  name: "订单",
  headers: ["订单编号", "客户编号", "下单日期", "产品", "金额", "付款状态", "应付日期"],
  rows: [
    // 2026-03-01 00:30 in Shanghai is still 2026-02-28 in UTC.
    ["A1", "C1", new Date("2026-02-28T16:30:00Z"), "手机", "¥1,200", "逾期", "2026-03-10"],
    ["", "", "", "", "", "", ""],
    ["A2", " C9 ", "2026/03/02", "手机壳", 30, "", ""],
    ["A2", "C9", 46083, "手机壳", -30, "退款", ""],
    ["A3", "", "soon", "", "abc", "maybe", "later"],
  ],
};

const interactions: SheetCells = {
  name: "互动记录",
  headers: ["日期", "客户编号", "下次跟进"],
  rows: [
    ["2026-03-05", "C1", "2026-03-20"],
    ["2026-01-05", "C2", ""],
    ["2026-04-01", "C7", ""],
  ],
};

const book = buildBook({ customers, orders, interactions }, { timeZone: "Asia/Shanghai", lang: "en" });

describe("the book", () => {
  it("indexes customers once: the sheet's first, then those only other sheets name", () => {
    const c = book.customers;
    expect(c.ids).toEqual(["C1", "C2", "C9", "C7"]);
    expect(c.known).toBe(2);
    expect([...c.rowCustomer]).toEqual([0, -1, -1, 1, 0]);
    expect([...c.row]).toEqual([2, 5, 0, 0]);
    expect(c.name.slice(0, 2)).toEqual(["星辰", ""]);
    expect(c.gender[0]).toBe("female");
    expect(c.customerType.slice(0, 2)).toEqual(["vip", "regular"]);
    expect(c.email.slice(0, 2)).toEqual(["", "c2@x.com"]);
    expect(c.owner.slice(0, 2)).toEqual(["Ann@X.com", "zhang"]);
    expect(c.ownerEmail.slice(0, 2)).toEqual(["ann@x.com", ""]);
    expect(c.age[0]).toBe(31);
  });

  it("takes the last contact as the later of the LastInteraction column and the Interactions sheet", () => {
    const c = book.customers;
    expect(c.lastInteraction[0]).toBe(day("2026-02-01"));
    expect(c.lastContact[0]).toBe(day("2026-03-05")); // the sheet is newer than the column
    expect(c.lastContact[1]).toBe(day("2026-01-05")); // no column value: the sheet's
    expect(c.lastContact[3]).toBe(day("2026-04-01")); // named only in Interactions
    expect(book.interactions.nextFollowUp[0]).toBe(day("2026-03-20"));
  });

  it("gives each line its sheet row, with or without blank rows before it, and checks Quantity", () => {
    const sheet = (rows: unknown[][]): SheetCells => ({
      name: "Orders",
      headers: ["OrderID", "CustomerID", "OrderDate", "Amount", "Quantity"],
      rows,
    });
    const line = (id: string, quantity: unknown) => [id, "C1", "2026-03-01", 10, quantity];
    const plain = buildBook(
      { orders: sheet([line("A1", 1), line("A2", "2"), line("A3", "")]) },
      { timeZone: "UTC" },
    );
    expect([...plain.orders.row]).toEqual([2, 3, 4]);
    expect(plain.problems).toEqual([]);
    const gaps = buildBook(
      { orders: sheet([line("A1", 1), ["", "", "", "", ""], line("A2", "two"), [], line("A3", 3)]) },
      { timeZone: "UTC" },
    );
    expect([...gaps.orders.row]).toEqual([2, 4, 6]);
    expect(gaps.problems.map((p) => [p.row, p.key, p.value, p.why])).toEqual([
      [4, "Quantity", "two", "number"],
    ]);
  });

  it("reads order lines whatever the cell type: Date cells in the sheet's zone, serials, typed text", () => {
    const o = book.orders;
    expect(o.length).toBe(4);
    expect([...o.row]).toEqual([2, 4, 5, 6]);
    expect([...o.customer]).toEqual([0, 2, 2, -1]);
    expect([...o.day].slice(0, 3)).toEqual([day("2026-03-01"), day("2026-03-02"), day("2026-03-02")]);
    expect([...o.amount].slice(0, 3)).toEqual([1200, 30, -30]);
    expect(Array.from({ length: o.orderIds.length }, (_, k) => o.orderIds.at(k))).toEqual(["A1", "A2", "A3"]);
    expect([...o.order]).toEqual([0, 1, 1, 2]);
    expect(o.product && o.products[o.product[1]]).toBe("手机壳");
    expect([...o.payment!]).toEqual([PAYMENT.overdue, PAYMENT.none, PAYMENT.refunded, PAYMENT.unreadable]);
    expect([...o.refund]).toEqual([0, 0, 1, 0]);
    expect(o.dueDay![0]).toBe(day("2026-03-10"));
  });

  it("knows a refund is never an overdue payment", () => {
    const today = day("2026-04-01");
    expect(isOverdue(book.orders, 0, today)).toBe(true);
    expect(isOverdue(book.orders, 2, today)).toBe(false);
  });

  it("reports every unreadable cell with sheet, row, column, value and why", () => {
    expect(book.problems.map((p) => [p.sheet, p.row, p.column, p.key, p.value, p.why])).toEqual([
      ["客户", 4, 0, "CustomerID", "", "required"],
      ["客户", 5, 3, "Age", "200", "range"],
      ["订单", 6, 1, "CustomerID", "", "required"],
      ["订单", 6, 2, "OrderDate", "soon", "date"],
      ["订单", 6, 4, "Amount", "abc", "amount"],
      ["订单", 6, 6, "DueDate", "later", "date"],
      ["订单", 6, 5, "PaymentStatus", "maybe", "enum"],
    ]);
  });

  it("names the required columns a header row lacks, once", () => {
    const sheet = { name: "Orders", headers: ["客户", "日期"], rows: [["C1", "2025-01-03"]] };
    const b = buildBook({ orders: sheet }, { timeZone: "UTC" });
    expect(b.problems).toEqual([
      { sheet: "Orders", row: 1, column: -1, key: "Amount", value: "", why: "missing-column" },
    ]);
    expect(b.orders.amount[0]).toBeNaN();
  });

  it("reads typed 01/03/2025 by the language: month first in en, day first in zh-CN", () => {
    const sheet = {
      name: "Orders",
      headers: ["CustomerID", "OrderDate", "Amount"],
      rows: [["C1", "01/03/2025", 1]],
    };
    expect(buildBook({ orders: sheet }, { timeZone: "UTC" }).orders.day[0]).toBe(day("2025-01-03"));
    expect(buildBook({ orders: sheet }, { timeZone: "UTC", lang: "zh-CN" }).orders.day[0]).toBe(
      day("2025-03-01"),
    );
  });

  it("gives the same tables for the same rows in any order, up to the order of lines", () => {
    const rows: unknown[][] = Array.from({ length: 60 }, (_, i) => [
      i % 7 === 0 ? "" : `O${i % 23}`,
      `C${i % 9}`,
      i % 3 === 0
        ? new Date(Date.UTC(2025, 0, 1 + (i % 40)))
        : `2025-02-${String(1 + (i % 28)).padStart(2, "0")}`,
      (i % 11) - 3,
    ]);
    const headers = ["OrderID", "CustomerID", "OrderDate", "Amount"];
    const summary = (order: number[]) => {
      const b = buildBook(
        { orders: { name: "Orders", headers, rows: order.map((i) => rows[i]) } },
        { timeZone: "UTC" },
      );
      const o = b.orders;
      return Array.from({ length: o.length }, (_, i) =>
        [
          b.customers.ids[o.customer[i]],
          o.order[i] < 0 ? "" : o.orderIds.at(o.order[i]),
          o.day[i],
          o.amount[i],
        ].join("|"),
      ).sort();
    };
    const base = summary(rows.map((_, i) => i));
    fc.assert(
      fc.property(
        fc.shuffledSubarray(
          rows.map((_, i) => i),
          { minLength: rows.length },
        ),
        (order) => {
          expect(summary(order)).toEqual(base);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe("the book's feedback", () => {
  it("reads ratings and whether each was resolved, in either language", () => {
    const feedback: SheetCells = {
      name: "客户反馈",
      headers: ["日期", "客户编号", "满意度评分", "反馈类别", "反馈内容", "已解决"],
      rows: [
        ["2026-03-01", "C1", 2, "物流", "太慢", "否"],
        ["2026-03-02", "C1", 1, "质量", " 坏了 ", "已解决"],
        ["2026-03-03", "C2", "", "", "", true],
        ["2026-03-04", "C2", 5, "", "", ""],
        ["2026-03-05", "C2", 4, "", "", "maybe"],
      ],
    };
    const f = buildBook({ customers, feedback }, { timeZone: "Asia/Shanghai" }).feedback;
    expect([...f.resolved]).toEqual([0, 1, 1, 0, 0]);
    expect([...f.rating]).toEqual([2, 1, NaN, 5, 4]);
    expect(f.comment[1]).toBe("坏了");
  });
});
