import { buildBook, PAYMENT, type SheetCells } from "../../../src/core/book";
import type { ValueLists } from "../../../src/core/table/validate/value-lists";

const customers: SheetCells = {
  name: "客户管理表",
  headers: ["客户编号", "客户名称", "客户类型", "客户状态"],
  rows: [
    ["001", "星辰", "重点客户", "已签约"],
    ["002", "晨光", "老朋友", "跟进中"],
    ["003", "远山", "VIP客户", "洽谈"],
    ["004", "青禾", " 重点客户 ", "成交"],
  ],
};

const orders: SheetCells = {
  name: "订单",
  headers: ["订单编号", "客户编号", "下单日期", "金额", "付款状态"],
  rows: [
    ["A1", "001", "2026-03-01", 100, "已结清"],
    ["A2", "002", "2026-03-01", 100, "挂账"],
    ["A3", "003", "2026-03-01", 100, "maybe"],
  ],
};

/** The team's lists: values with a meaning (a built-in key) and values of their own. */
const lists: ValueLists = {
  "Customers.CustomerType": [{ value: "重点客户", key: "vip" }, { value: "老朋友" }],
  "Customers.Status": [{ value: "已签约", key: "won" }, { value: "洽谈" }],
  "Orders.PaymentStatus": [{ value: "已结清", key: "paid" }, { value: "挂账" }],
};

const read = (valueLists?: ValueLists) =>
  buildBook({ customers, orders }, { timeZone: "Asia/Shanghai", lang: "zh-CN", valueLists });

describe("the book reads enum cells through the team's lists", () => {
  it("a team value with a meaning counts as that built-in key", () => {
    const c = read(lists).customers;
    expect(c.customerType[0]).toBe("vip");
    expect(c.status[0]).toBe("won");
    // Matched as validation matches: spaces around the value do not matter.
    expect(c.customerType[3]).toBe("vip");
  });

  it("a team value without a meaning counts as unknown (its own text), as without lists", () => {
    const c = read(lists).customers;
    expect(c.customerType[1]).toBe("老朋友");
    expect(c.status[2]).toBe("洽谈");
  });

  it("cells outside the list still read by the built-in options", () => {
    const c = read(lists).customers;
    expect(c.customerType[2]).toBe("vip");
    expect(c.status[1]).toBe("following_up");
    expect(c.status[3]).toBe("won");
  });

  it("without lists a team value is unknown, as before", () => {
    const c = read().customers;
    expect(c.customerType[0]).toBe("重点客户");
    expect(c.status[0]).toBe("已签约");
    expect(c.customerType[2]).toBe("vip");
  });

  it("PaymentStatus: a meaning gives the state; a listed value of the team's own is no state but no problem", () => {
    const book = read(lists);
    expect(Array.from(book.orders.payment!)).toEqual([PAYMENT.paid, PAYMENT.unreadable, PAYMENT.unreadable]);
    const flagged = book.problems.filter((p) => p.key === "PaymentStatus").map((p) => p.value);
    expect(flagged).toEqual(["maybe"]);
    // Without lists both unknown texts are reported, and 已结清 is no state.
    const plain = read();
    expect(plain.orders.payment![0]).toBe(PAYMENT.unreadable);
    expect(plain.problems.filter((p) => p.key === "PaymentStatus").map((p) => p.value)).toEqual([
      "已结清",
      "挂账",
      "maybe",
    ]);
  });

  it("a meaning that is not one of the column's options is ignored (unchecked lists cannot invent keys)", () => {
    const c = read({ "Customers.CustomerType": [{ value: "重点客户", key: "won" }] }).customers;
    expect(c.customerType[0]).toBe("重点客户");
  });
});
