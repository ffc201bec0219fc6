import { CUSTOMERS, ORDERS, SHEETS } from "../../../src/core/schema/sheets";
import {
  detectSheet,
  enumOption,
  mapHeaders,
  normalizeLabel,
  sheetSpecForName,
} from "../../../src/core/schema/headers";
import { SEED_HEADERS } from "../../fixtures/seed-headers";

describe("schema headers", () => {
  it("maps zh-CN and English headers of Customers to the same columns", () => {
    const zh = [...SEED_HEADERS];
    const en = [
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
    const a = mapHeaders(CUSTOMERS, zh);
    const b = mapHeaders(CUSTOMERS, en);
    expect([...a.index.entries()]).toEqual([...b.index.entries()]);
    expect(a.index.size).toBe(10);
    expect(a.custom).toEqual([]);
  });

  it("keeps unknown headers as custom columns and flags duplicated ones", () => {
    const map = mapHeaders(CUSTOMERS, ["Customer ID", "My field", "name", "", "客户名称"]);
    expect(map.index.get("CustomerID")).toBe(0);
    expect(map.index.get("Name")).toBe(2);
    expect(map.custom).toEqual([
      { index: 1, header: "My field" },
      { index: 4, header: "客户名称" },
    ]);
    expect(map.duplicates).toEqual([{ index: 4, key: "Name" }]);
  });

  it("has no spelling that names two columns of one sheet", () => {
    for (const spec of SHEETS) {
      const seen = new Map<string, string>();
      for (const c of spec.columns) {
        for (const s of [c.key, c.header.en, c.header["zh-CN"]]) {
          const k = normalizeLabel(s);
          expect([undefined, c.key]).toContain(seen.get(k));
          seen.set(k, c.key);
        }
      }
    }
  });

  it("recognises sheets by tab name and by header row", () => {
    expect(sheetSpecForName("订单")?.key).toBe("Orders");
    expect(sheetSpecForName(" customers ")?.key).toBe("Customers");
    expect(detectSheet(["order_id", "customer_id", "order_date", "revenue"])).toBe(ORDERS);
    expect(detectSheet(["客户编号", "客户名称", "电话"])).toBe(CUSTOMERS);
    expect(detectSheet(["foo", "bar"])).toBeUndefined();
  });

  it("reads enum values in either language", () => {
    const status = CUSTOMERS.columns.find((c) => c.key === "Status")!;
    expect(enumOption(status, "跟进中")?.key).toBe("following_up");
    expect(enumOption(status, "Following up")?.key).toBe("following_up");
    expect(enumOption(status, "nonsense")).toBeUndefined();
  });
});
