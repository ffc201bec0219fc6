import { readAnalysisSheets } from "../../../src/core/analysis/read-sheets";
import { zoneDayFunction } from "../../../src/core/classify/days";
import { day } from "./fixtures";

const shanghai = zoneDayFunction("Asia/Shanghai");

describe("reading the sheets for analysis", () => {
  it("reads zh-CN headers like English ones, enums in the user's language, Date cells in the sheet's zone", () => {
    const r = readAnalysisSheets(
      {
        orders: {
          name: "订单",
          headers: ["订单编号", "客户编号", "下单日期", "产品", "金额", "付款状态", "应付日期", "我的备注"],
          rows: [
            // 2026-03-01 00:30 in Shanghai is still 2026-02-28 in UTC.
            ["A1", "C1", new Date("2026-02-28T16:30:00Z"), "手机", "¥1,200", "逾期", "2026-03-10", "x"],
            ["", "", "", "", "", "", "", ""],
            ["A2", "C2", "2026/03/02", "手机壳", 30, "", "", ""],
          ],
        },
        customers: {
          name: "客户",
          headers: ["客户编号", "客户名称", "性别", "年龄", "客户类型"],
          rows: [["C1", "星辰", "女", 31, "VIP客户"]],
        },
        feedback: null,
      },
      shanghai,
      "en",
    );
    expect(r.issues).toEqual([]);
    expect(r.orders).toEqual([
      {
        orderId: "A1",
        customerId: "C1",
        day: day("2026-03-01"),
        product: "手机",
        category: "",
        quantity: 1,
        amount: 1200,
        payment: "overdue",
        dueDay: day("2026-03-10"),
      },
      {
        orderId: "A2",
        customerId: "C2",
        day: day("2026-03-02"),
        product: "手机壳",
        category: "",
        quantity: 1,
        amount: 30,
      },
    ]);
    expect(r.customers[0]).toMatchObject({
      id: "C1",
      name: "星辰",
      gender: "Female",
      age: 31,
      customerType: "VIP",
    });
  });

  it("names every unreadable cell by sheet and A1, with its value, rule and message", () => {
    const r = readAnalysisSheets(
      {
        orders: {
          name: "Orders",
          headers: ["CustomerID", "OrderDate", "Amount", "PaymentStatus"],
          rows: [
            ["C1", "2026-02-30", "lots", "maybe"],
            ["", "2026-02-01", 5, ""],
          ],
        },
        customers: null,
        feedback: {
          name: "Feedback",
          headers: ["Date", "CustomerID", "Rating"],
          rows: [["2026-01-01", "C1", 7]],
        },
      },
      shanghai,
      "zh-CN",
    );
    expect(r.issues.map((i) => [i.sheet, i.a1, i.value, i.rule])).toEqual([
      ["Orders", "B2", "2026-02-30", "date"],
      ["Orders", "C2", "lots", "currency"],
      ["Orders", "D2", "maybe", "enum"],
      ["Orders", "A3", "", "required"],
      ["Feedback", "C2", "7", "range"],
    ]);
    expect(r.issues[4].message).toBe("满意度评分应在 1 到 5 之间。");
  });

  it("reports a missing required column once, at the header row", () => {
    const r = readAnalysisSheets(
      {
        orders: { name: "Orders", headers: ["CustomerID", "OrderDate"], rows: [["C1", "2026-01-01"]] },
        customers: null,
        feedback: null,
      },
      shanghai,
      "en",
    );
    expect(r.issues.map((i) => [i.a1, i.rule, i.message])).toEqual([
      ["1:1", "missing-column", "Required column Amount is missing."],
    ]);
  });
});
