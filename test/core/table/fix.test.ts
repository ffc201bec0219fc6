import { CUSTOMERS } from "../../../src/core/schema/sheets";
import { describeFix, proposeFixes } from "../../../src/core/table/fix";
import { validateTable } from "../../../src/core/table/validate";
import { inChinese, loadCorpus } from "./corpus";

function apply(rows: readonly (readonly unknown[])[], changes: ReturnType<typeof proposeFixes>) {
  const out = rows.map((r) => [...r]);
  for (const c of changes) out[c.row - 2][c.columnIndex] = c.after;
  return out;
}

describe("proposeFixes", () => {
  const corpus = loadCorpus("customers-corpus.csv");

  it("normalises dates, phones, e-mails, amounts and enum labels, and leaves unreadable cells", () => {
    const changes = proposeFixes(CUSTOMERS, corpus.headers, corpus.rows, {
      lang: "en",
      sheetName: "Customers",
    });
    const at = (a1: string) => changes.find((c) => c.a1 === a1);
    expect(at("C3")).toMatchObject({ before: "+86 139 0000 1111", after: "+8613900001111", rule: "phone" });
    expect(at("D5")).toMatchObject({ before: " d@delta.io ", after: "d@delta.io" });
    expect(at("G4")).toMatchObject({ before: "2025年3月1日", after: "2025-03-01", rule: "date" });
    expect(at("G5")).toMatchObject({ before: "45717", after: "2025-03-01" });
    expect(at("H2")).toMatchObject({ before: "¥50,000", after: 50000, rule: "number" });
    expect(at("H4")).toMatchObject({ before: "1.2万", after: 12000 });
    expect(at("E5")).toMatchObject({ before: "prospect", after: "Prospect", rule: "enum-label" });
    expect(at("F4")).toMatchObject({ before: "跟进中", after: "Following up" });
    expect(at("C7")).toBeUndefined(); // "12345" is no phone: left for the user
    expect(at("E7")).toBeUndefined(); // "Gold" is no customer type
    expect(describeFix(at("C3")!)).toBe('Customers!C3: "+86 139 0000 1111" → "+8613900001111" (phone)');
  });

  it("never touches custom columns or blank rows", () => {
    const changes = proposeFixes(CUSTOMERS, corpus.headers, corpus.rows, { lang: "en" });
    const customAt = corpus.headers.indexOf("内部备注");
    expect(
      changes.some((c) => c.columnIndex === customAt || c.columnIndex === corpus.headers.indexOf("Expect")),
    ).toBe(false);
    expect(changes.some((c) => c.row === 6)).toBe(false);
  });

  it("is idempotent and removes only type problems, never adds any", () => {
    const options = { lang: "en" as const };
    const fixed = apply(corpus.rows, proposeFixes(CUSTOMERS, corpus.headers, corpus.rows, options));
    expect(proposeFixes(CUSTOMERS, corpus.headers, fixed, options)).toEqual([]);
    const before = validateTable(CUSTOMERS, corpus.headers, corpus.rows, options).map(
      (p) => `${p.a1}:${p.rule}`,
    );
    const after = validateTable(CUSTOMERS, corpus.headers, fixed, options).map((p) => `${p.a1}:${p.rule}`);
    expect(after.every((p) => before.includes(p))).toBe(true);
  });

  it("writes enum labels in the language of the column's header", () => {
    const zhHeaders = inChinese(CUSTOMERS, corpus.headers);
    const changes = proposeFixes(CUSTOMERS, zhHeaders, corpus.rows, { lang: "en" });
    expect(changes.find((c) => c.a1 === "E3")).toMatchObject({ before: "Regular", after: "普通客户" });
    const en = proposeFixes(CUSTOMERS, corpus.headers, corpus.rows, { lang: "en" }).filter(
      (c) => c.rule !== "enum-label",
    );
    expect(changes.filter((c) => c.rule !== "enum-label")).toEqual(en);
  });
});
