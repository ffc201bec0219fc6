import { findTables, fitTab, type TabHeaderRow } from "../../../src/core/schema/find-tables";
import { CUSTOMERS, ORDERS } from "../../../src/core/schema/sheets";
import { SEED_HEADERS } from "../../fixtures/seed-headers";

const SEED = [...SEED_HEADERS];
const SEED_EN = [
  "CustomerID",
  "Name",
  "ContactName",
  "Phone",
  "Email",
  "CustomerType",
  "Region",
  "Status",
  "LastInteraction",
  "OpportunityAmount",
];
const SALES = ["订单编号", "客户编号", "客户名称", "订单日期", "产品名称", "数量", "金额"];

const tab = (name: string, headers: readonly unknown[], dataRows = 5): TabHeaderRow => ({
  name,
  headers,
  dataRows,
});

/** The proposed tab name per sheet, null when none. */
function proposal(tabs: readonly TabHeaderRow[]): Record<string, string | null> {
  return Object.fromEntries(findTables(tabs).map((f) => [f.spec, f.best ? tabs[f.best.tab].name : null]));
}

describe("findTables", () => {
  it.each(["客户管理表", "Sheet1"])("finds the seed table in a tab named %s, every column mapped", (name) => {
    const tabs = [tab(name, SEED)];
    const [customers, orders] = findTables(tabs);
    expect(customers.best?.tab).toBe(0);
    expect(customers.best?.nameMatch).toBe(false);
    expect(customers.best?.matched.map((m) => m.key)).toEqual(
      CUSTOMERS.columns.slice(0, 10).map((c) => c.key),
    );
    expect(customers.best?.matched[0]).toEqual({ key: "CustomerID", column: 0, header: "客户编号" });
    expect(customers.best?.missingRequired).toEqual([]);
    expect(customers.best?.missing).toContain("Segment");
    expect(customers.best?.custom).toEqual([]);
    expect(orders.best).toBeNull();
  });

  it("finds English headers too", () => {
    expect(proposal([tab("Data", SEED_EN)])).toEqual({
      Customers: "Data",
      Orders: null,
      Interactions: null,
      Feedback: null,
    });
  });

  it("passes over a decoy tab with a few matching headers", () => {
    const decoy = tab("Notes", ["日期", "备注", "待办事项", "负责人", "优先级", "进度"]);
    const fit = fitTab(CUSTOMERS, decoy, 0);
    expect(fit.eligible).toBe(false);
    expect(proposal([decoy, tab("Sheet1", SEED)])).toEqual({
      Customers: "Sheet1",
      Orders: null,
      Interactions: null,
      Feedback: null,
    });
  });

  it("gives an orders tab carrying customer ID and name to Orders, not Customers", () => {
    const tabs = [tab("销售流水", SALES), tab("客户管理表", SEED), tab("说明", ["说明"])];
    // 销售流水 alone has every required Customers column, but it fits Orders far better.
    expect(fitTab(CUSTOMERS, tabs[0], 0).eligible).toBe(true);
    expect(proposal(tabs)).toEqual({
      Customers: "客户管理表",
      Orders: "销售流水",
      Interactions: null,
      Feedback: null,
    });
    expect(proposal([tabs[0]])).toEqual({
      Customers: null,
      Orders: "销售流水",
      Interactions: null,
      Feedback: null,
    });
  });

  it("uses each tab once: of two candidate tabs the better goes to Customers, the other is a candidate", () => {
    const tabs = [tab("A", SEED.slice(0, 4)), tab("B", SEED)];
    const [customers] = findTables(tabs);
    expect(customers.best?.tab).toBe(1);
    expect(customers.candidates.map((c) => c.tab)).toEqual([1, 0]);
    expect(findTables(tabs).filter((f) => f.best?.tab === 0)).toEqual([]);
  });

  it("decides ties deterministically (the earlier tab) and takes a tab name as a bonus", () => {
    expect(proposal([tab("X", SEED), tab("Y", SEED)]).Customers).toBe("X");
    expect(proposal([tab("X", SEED), tab("客户", SEED)]).Customers).toBe("客户");
  });

  it("prefers the user's tab holding data to an empty canonical tab a former Set up made", () => {
    const empty = tab(
      "客户",
      CUSTOMERS.columns.map((c) => c.header["zh-CN"]),
      0,
    );
    expect(proposal([empty, tab("客户管理表", SEED, 3)]).Customers).toBe("客户管理表");
  });

  it("needs every required column or a clear majority of recognised headers", () => {
    // Name and ID missing, but 4 of 5 headers are Customers columns: a majority.
    const majority = tab("T", ["联系电话", "电子邮件", "客户类型", "所在地区", "杂项"]);
    expect(fitTab(CUSTOMERS, majority, 0)).toMatchObject({
      eligible: true,
      missingRequired: ["CustomerID", "Name"],
    });
    const minority = tab("T", ["联系电话", "电子邮件", "客户类型", "a", "b", "c"]);
    expect(fitTab(CUSTOMERS, minority, 0).eligible).toBe(false);
    expect(fitTab(ORDERS, tab("T", []), 0).eligible).toBe(false);
  });
});
