import { CUSTOMERS, FEEDBACK, INTERACTIONS, ORDERS } from "../../../src/core/schema/sheets";
import { customerIdSet, validateTable, type Problem } from "../../../src/core/table/validate";
import { inChinese, loadCorpus } from "./corpus";

function byRow(problems: readonly Problem[]): Map<number, string[]> {
  const m = new Map<number, string[]>();
  for (const p of problems) m.set(p.row, [...(m.get(p.row) ?? []), `${p.key}:${p.rule}`].sort());
  return m;
}

describe("validateTable on the bad-input corpus", () => {
  const customers = loadCorpus("customers-corpus.csv");

  it("finds exactly the problems each customer row declares, skipping blank rows", () => {
    const problems = validateTable(CUSTOMERS, customers.headers, customers.rows, { lang: "en" });
    const found = byRow(problems);
    for (const [row, expected] of customers.expectBySheetRow)
      expect([row, found.get(row) ?? []]).toEqual([row, expected]);
    expect([...found.keys()].every((r) => customers.expectBySheetRow.has(r))).toBe(true);
  });

  it("addresses every problem by sheet, A1, value and a message in the chosen language", () => {
    const en = validateTable(CUSTOMERS, customers.headers, customers.rows, {
      lang: "en",
      sheetName: "Customers",
    });
    const zh = validateTable(CUSTOMERS, customers.headers, customers.rows, {
      lang: "zh-CN",
      sheetName: "客户",
    });
    const phone = en.find((p) => p.key === "Phone" && p.value === "12345")!;
    expect(phone).toMatchObject({ sheet: "Customers", a1: "C7", row: 7, column: 3, rule: "phone" });
    expect(phone.message).toMatch(/Phone is not a phone number/);
    const zhPhone = zh.find((p) => p.a1 === "C7")!;
    expect(zhPhone.sheet).toBe("客户");
    expect(zhPhone.message).toMatch(/联系电话不是有效电话/);
    const dup = en.find((p) => p.rule === "unique" && p.key === "Email")!;
    expect(dup.a1).toBe("D8");
    expect(dup.message).toContain("D3");
  });

  it("gives identical problems for Chinese and English headers", () => {
    const en = validateTable(CUSTOMERS, customers.headers, customers.rows, { lang: "en" });
    const zh = validateTable(CUSTOMERS, inChinese(CUSTOMERS, customers.headers), customers.rows, {
      lang: "en",
    });
    expect(zh).toEqual(en);
  });

  it("checks custom columns only when the user declared their type", () => {
    const rows = [["C1", "A", "not a date"]];
    const headers = ["CustomerID", "Name", "Renewal"];
    expect(validateTable(CUSTOMERS, headers, rows, { lang: "en" })).toEqual([]);
    const declared = validateTable(CUSTOMERS, headers, rows, {
      lang: "en",
      customColumnTypes: { Renewal: "date" },
    });
    expect(declared).toMatchObject([{ a1: "C2", key: "Renewal", rule: "date" }]);
  });

  it("reports missing required and twice-named columns on the header row", () => {
    const problems = validateTable(CUSTOMERS, ["客户名称", "Name", "Phone"], [["A", "B", "13812345678"]], {
      lang: "en",
    });
    expect(problems.map((p) => [p.a1, p.rule, p.key])).toEqual([
      ["1:1", "missing-column", "CustomerID"],
      ["B1", "duplicate-column", "Name"],
    ]);
  });

  it("flags orders pointing at unknown customers, in either header language", () => {
    const orders = loadCorpus("orders-corpus.csv");
    const known = customerIdSet(CUSTOMERS, customers.headers, customers.rows);
    for (const headers of [orders.headers, inChinese(ORDERS, orders.headers)]) {
      const found = byRow(
        validateTable(ORDERS, headers, orders.rows, { lang: "zh-CN", knownCustomerIds: known }),
      );
      for (const [row, expected] of orders.expectBySheetRow)
        expect([row, found.get(row) ?? []]).toEqual([row, expected]);
    }
  });

  it("reads Date objects and accepts them in date columns", () => {
    const rows = [["C1", "A", new Date(Date.UTC(2025, 2, 1))]];
    expect(validateTable(CUSTOMERS, ["CustomerID", "Name", "LastInteraction"], rows, { lang: "en" })).toEqual(
      [],
    );
  });

  it("checks 10,000 rows in one pass within seconds", () => {
    const rows = Array.from({ length: 10000 }, (_, i) => [
      `C${String(i + 1).padStart(6, "0")}`,
      `Customer ${i}`,
      i % 100 === 0 ? "bad" : `138${String(i).padStart(8, "0")}`,
      `c${i}@example.com`,
      "2025-03-01",
      "¥1,000",
    ]);
    const started = Date.now();
    const problems = validateTable(
      CUSTOMERS,
      ["CustomerID", "Name", "Phone", "Email", "LastInteraction", "OpportunityAmount"],
      rows,
      {
        lang: "en",
      },
    );
    expect(problems.filter((p) => p.rule === "phone")).toHaveLength(100);
    expect(problems).toHaveLength(100);
    expect(Date.now() - started).toBeLessThan(10000);
  });
});

describe("validateTable on interactions and feedback", () => {
  it("checks dates, enums, ratings, yes/no and customers", () => {
    const known = new Set(["c1"]);
    const interactions = validateTable(
      INTERACTIONS,
      ["日期", "客户编号", "渠道", "互动类型", "下次跟进"],
      [
        ["2025年3月1日", "C1", "微信", "投诉", "2025/3/8"],
        ["2025-03-02", "C2", "fax", "咨询", "next week"],
      ],
      { lang: "en", knownCustomerIds: known },
    );
    expect(interactions.map((p) => [p.a1, p.rule])).toEqual([
      ["B3", "unknown-customer"],
      ["C3", "enum"],
      ["E3", "date"],
    ]);
    const feedback = validateTable(
      FEEDBACK,
      ["Date", "CustomerID", "Rating", "Resolved"],
      [
        ["2025-03-01", "C1", 5, "是"],
        ["2025-03-01", "C1", 6, "maybe"],
        ["2025-03-01", "C1", "", ""],
      ],
      { lang: "zh-CN", knownCustomerIds: known },
    );
    expect(feedback.map((p) => [p.a1, p.rule, p.message])).toEqual([
      ["C3", "range", "满意度评分应在 1 到 5 之间。"],
      ["D3", "boolean", "已解决只能填“是”或“否”。"],
      ["C4", "required", "满意度评分为必填项。"],
    ]);
  });
});
