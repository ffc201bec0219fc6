import { analysisIssues, customerProfiles, feedbackEntries } from "../../../src/core/analysis/inputs";
import { orderTableOf } from "../../../src/core/analysis/order-table";
import { buildBook } from "../../../src/core/book";
import { day } from "./fixtures";

const book = (lang: "en" | "zh-CN") =>
  buildBook(
    {
      orders: {
        name: "订单",
        headers: ["订单编号", "客户编号", "下单日期", "产品", "金额", "付款状态", "应付日期", "我的备注"],
        rows: [
          // 2026-03-01 00:30 in Shanghai is still 2026-02-28 in UTC.
          ["A1", "C1", new Date("2026-02-28T16:30:00Z"), "手机", "¥1,200", "逾期", "2026-03-10", "x"],
          ["", "", "", "", "", "", "", ""],
          ["A2", "C2", "2026/03/02", "手机壳", 30, "", "", ""],
          ["", "C2", "2026/03/02", "贴膜", 5, "", "", ""],
        ],
      },
      customers: {
        name: "客户",
        headers: ["客户编号", "客户名称", "性别", "年龄", "客户类型"],
        rows: [
          ["C1", "星辰", "女", 31, "VIP客户"],
          ["C3", "", "", "", "someone"],
        ],
      },
      feedback: {
        name: "客户反馈",
        headers: ["日期", "客户编号", "满意度评分", "反馈内容"],
        rows: [["2026-03-03", "C1", "", "物流太慢"]],
      },
    },
    { timeZone: "Asia/Shanghai", lang },
  );

describe("analysis inputs from the book", () => {
  it("reads zh-CN headers like English ones, enums in the user's language, Date cells in the sheet's zone", () => {
    const b = book("en");
    expect(analysisIssues(b, "en")).toEqual([]);
    const table = orderTableOf(b);
    expect(table.customers).toEqual(["C1", "C2"]);
    expect([...table.day]).toEqual([day("2026-03-01"), day("2026-03-02"), day("2026-03-02")]);
    expect([...table.amount]).toEqual([1200, 30, 5]);
    // A line without an OrderID is one order with the customer's other such lines of that day.
    expect([...table.order]).toEqual([0, 1, 2]);
    expect(table.orderCount).toBe(3);
    expect(table.products).toEqual(["手机", "手机壳", "贴膜"]);
    expect(customerProfiles(b, "en")).toEqual([
      expect.objectContaining({ id: "C1", name: "星辰", gender: "Female", age: 31, customerType: "VIP" }),
      expect.objectContaining({ id: "C3", name: "C3", customerType: "someone", age: null }),
    ]);
    expect(customerProfiles(b, "zh-CN")[0]).toMatchObject({ gender: "女", customerType: "VIP客户" });
    expect(feedbackEntries(b)).toEqual([
      { day: day("2026-03-03"), customerId: "C1", rating: null, category: "", comment: "物流太慢" },
    ]);
  });

  it("names every unreadable cell with its address and a message in the user's language", () => {
    const b = buildBook(
      {
        orders: {
          name: "Orders",
          headers: ["OrderID", "CustomerID", "OrderDate", "Amount", "Quantity", "PaymentStatus"],
          rows: [["O1", "", "tomorrow", "", "two", "maybe"]],
        },
        feedback: {
          name: "Feedback",
          headers: ["Date", "CustomerID", "Rating"],
          rows: [["2026-01-01", "C1", 9]],
        },
      },
      { timeZone: "UTC" },
    );
    expect(analysisIssues(b, "en").map((i) => [i.sheet, i.a1, i.value, i.rule, i.message])).toEqual([
      ["Orders", "B2", "", "required", "CustomerID is required."],
      ["Orders", "C2", "tomorrow", "date", expect.stringContaining("OrderDate")],
      ["Orders", "D2", "", "required", "Amount is required."],
      ["Orders", "E2", "two", "number", expect.stringContaining("Quantity")],
      ["Orders", "F2", "maybe", "enum", "PaymentStatus must be one of: Paid, Due, Overdue."],
      ["Feedback", "C2", "9", "range", "Rating must be between 1 and 5."],
    ]);
    expect(analysisIssues(b, "zh-CN")[0].message).toBe("客户编号为必填项。");
  });
});

describe("a date whose day/month order contradicts its column", () => {
  it("is an issue that says why, in the user's language", () => {
    const b = buildBook(
      {
        orders: {
          name: "Orders",
          headers: ["OrderID", "CustomerID", "OrderDate", "Amount"],
          // 25/03 and 28/03 prove day first; 03/30 proves month first and is the odd one out.
          rows: [
            ["A1", "C1", "25/03/2025", 10],
            ["A2", "C1", "28/03/2025", 10],
            ["A3", "C2", "03/30/2025", 10],
          ],
        },
      },
      { timeZone: "UTC", lang: "en" },
    );
    const issues = analysisIssues(b, "en");
    expect(issues.map((i) => [i.a1, i.value])).toEqual([["C4", "03/30/2025"]]);
    expect(issues[0].message).toMatch(/day\/month order conflicts with the column's/);
    expect(analysisIssues(b, "zh-CN")[0].message).toMatch(/日\/月顺序与本列其他日期相反/);
  });
});
