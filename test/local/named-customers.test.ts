import { ORDERS } from "../../src/core/schema/sheets";
import { customersGrid, namedCustomerIds } from "../../src/local/named-customers";

describe("customers named by other files", () => {
  it("lists each trimmed CustomerID once, in order of first appearance, found by a zh-CN header", () => {
    const headers = ["订单编号", "客户编号", "金额"];
    const rows = [
      ["A1", " K2 ", 10],
      ["A2", "K1", 5],
      ["A3", "K2", 7],
      ["A4", "", 1],
    ];
    expect(namedCustomerIds(ORDERS, headers, rows)).toEqual(["K2", "K1"]);
    expect(namedCustomerIds(ORDERS, ["OrderID", "Amount"], rows)).toEqual([]);
  });

  it("makes a Customers grid headed in the user's language", () => {
    expect(customersGrid(["K2", "K1"], "zh-CN")).toEqual([["客户编号"], ["K2"], ["K1"]]);
    expect(customersGrid([], "en")).toEqual([["CustomerID"]]);
  });
});
