import { CUSTOMERS } from "../../src/core/schema/sheets";
import { CATALOGUES, SINGULARS, fieldLabel, setLang, t, type MessageKey } from "../../src/sidebar/i18n";

afterEach(() => setLang("en"));

describe("counts in messages", () => {
  it("says 1 customer / 2 customers in English, with the number grouped", () => {
    setLang("en");
    expect(t("cust.total", { count: 1 })).toBe("1 customer");
    expect(t("cust.total", { count: 2 })).toBe("2 customers");
    expect(t("cust.total", { count: 0 })).toBe("0 customers");
    expect(t("cust.total", { count: 1234 })).toBe("1,234 customers");
    expect(t("problems.applyFixes", { count: 1 })).toBe("Apply 1 fix");
    expect(t("count.days", { count: 1 })).toBe("1 day");
  });

  it("picks the form on the parameter a message counts", () => {
    setLang("en");
    expect(t("import.read", { rows: 1, format: "CSV" })).toBe("Read 1 row (CSV).");
    expect(t("import.read", { rows: 3, format: "CSV" })).toBe("Read 3 rows (CSV).");
    expect(t("backups.rowsNowThen", { then: 1, now: 1 })).toBe("1 row in the backup, 1 now");
    expect(
      t("analysis.asOf", {
        date: "2026-12-01",
        orders: t("count.orders", { count: 1 }),
        customers: t("count.customers", { count: 5 }),
      }),
    ).toBe("As of 2026-12-01: 1 order, 5 customers.");
  });

  it("has one form in Chinese", () => {
    setLang("zh-CN");
    expect(t("cust.total", { count: 1 })).toBe("共 1 位客户");
    expect(t("cust.total", { count: 2 })).toBe("共 2 位客户");
    expect(t("count.days", { count: 1 })).toBe("1 天");
  });

  it("gives every singular form the placeholders of its message", () => {
    const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const [key, one] of Object.entries(SINGULARS.en)) {
      const text = typeof one === "object" ? one.text : one!;
      expect([key, holes(text)]).toEqual([key, holes(CATALOGUES.en[key as MessageKey])]);
      if (typeof one === "object") expect([key, text]).toEqual([key, expect.stringContaining(`{${one.on}}`)]);
    }
  });
});

describe("field labels", () => {
  it("names every Customers column in words in English, and keeps the schema's Chinese header", () => {
    setLang("en");
    for (const c of CUSTOMERS.columns) expect([c.key, fieldLabel(c.key, "?")]).not.toEqual([c.key, "?"]);
    expect(fieldLabel("RecencyDays", "RecencyDays")).toBe("Days since last purchase");
    expect(fieldLabel("PAlive", "PAlive")).toBe("Chance still active");
    expect(fieldLabel("Expected90", "Expected90")).toBe("Expected purchases, next 90 days");
    expect(fieldLabel("custom:3", "My column")).toBe("My column");
    setLang("zh-CN");
    const zh = CUSTOMERS.columns.find((c) => c.key === "RecencyDays")!.header["zh-CN"];
    expect(fieldLabel("RecencyDays", zh)).toBe(zh);
  });
});
