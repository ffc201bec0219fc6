import { CUSTOMERS, ORDERS } from "../../../src/core/schema/sheets";
import {
  describeFix,
  fingerprintKind,
  fixFingerprint,
  isNoOpChange,
  proposeProblemFixes,
  proposeTidy,
  repairText,
  type FixChange,
} from "../../../src/core/table/fix";
import { customerIdSet, validateTable } from "../../../src/core/table/validate";
import { inChinese, loadCorpus } from "./corpus";

function apply(rows: readonly (readonly unknown[])[], changes: readonly FixChange[]) {
  const out = rows.map((r) => [...r]);
  for (const c of changes) out[c.row - 2][c.columnIndex] = c.after;
  return out;
}

const HEADERS = [
  "CustomerID",
  "Name",
  "Phone",
  "Email",
  "CustomerType",
  "LastInteraction",
  "OpportunityAmount",
];

/** A valid customer row whose phone is a Beijing landline as people write it. */
const valid = (i: number): unknown[] => [
  `C${String(i).padStart(6, "0")}`,
  `Customer ${i}`,
  `010-${38700000 + i}`,
  `c${i}@example.cn`,
  "VIP",
  "2025-03-01",
  "¥50,000",
];

describe("proposeTidy (Tidy formats: valid values into the standard formats)", () => {
  const corpus = loadCorpus("customers-corpus.csv");

  it("normalises dates, phones, e-mails, amounts and enum labels, and leaves unreadable cells", () => {
    const changes = proposeTidy(CUSTOMERS, corpus.headers, corpus.rows, {
      lang: "en",
      sheetName: "Customers",
    });
    const at = (a1: string) => changes.find((c) => c.a1 === a1);
    expect(at("C3")).toMatchObject({
      kind: "tidy",
      before: "+86 139 0000 1111",
      after: "+8613900001111",
      rule: "phone",
    });
    expect(at("D5")).toMatchObject({ before: " d@delta.io ", after: "d@delta.io", rule: "trim" });
    expect(at("G4")).toMatchObject({
      before: "2025年3月1日",
      after: "2025-03-01",
      rule: "date",
      afterKind: "date",
    });
    expect(at("G5")).toMatchObject({ before: "45717", after: "2025-03-01" });
    expect(at("H2")).toMatchObject({ before: "¥50,000", after: 50000, rule: "number", afterKind: "number" });
    expect(at("H4")).toMatchObject({ before: "1.2万", after: 12000 });
    expect(at("E5")).toMatchObject({ before: "prospect", after: "Prospect", rule: "enum-label" });
    expect(at("F4")).toMatchObject({ before: "跟进中", after: "Following up" });
    expect(at("C7")).toBeUndefined(); // "12345" is no phone: a problem, not a format
    expect(at("E7")).toBeUndefined(); // "Gold" is no customer type
    expect(changes.every((c) => c.problem === undefined)).toBe(true);
    expect(describeFix(at("C3")!)).toBe('Customers!C3: "+86 139 0000 1111" → "+8613900001111" (phone)');
    expect(describeFix(at("G4")!)).toBe('Customers!G4: "2025年3月1日" → "2025-03-01" (date, text → date)');
  });

  it("never touches custom columns or blank rows", () => {
    const changes = proposeTidy(CUSTOMERS, corpus.headers, corpus.rows, { lang: "en" });
    const customAt = corpus.headers.indexOf("内部备注");
    expect(
      changes.some((c) => c.columnIndex === customAt || c.columnIndex === corpus.headers.indexOf("Expect")),
    ).toBe(false);
    expect(changes.some((c) => c.row === 6)).toBe(false);
  });

  it("is idempotent and removes only type problems, never adds any", () => {
    const options = { lang: "en" as const };
    const fixed = apply(corpus.rows, proposeTidy(CUSTOMERS, corpus.headers, corpus.rows, options));
    expect(proposeTidy(CUSTOMERS, corpus.headers, fixed, options)).toEqual([]);
    const before = validateTable(CUSTOMERS, corpus.headers, corpus.rows, options).map(
      (p) => `${p.a1}:${p.rule}`,
    );
    const after = validateTable(CUSTOMERS, corpus.headers, fixed, options).map((p) => `${p.a1}:${p.rule}`);
    expect(after.every((p) => before.includes(p))).toBe(true);
  });

  it("writes enum labels in the language of the column's header", () => {
    const zhHeaders = inChinese(CUSTOMERS, corpus.headers);
    const changes = proposeTidy(CUSTOMERS, zhHeaders, corpus.rows, { lang: "en" });
    expect(changes.find((c) => c.a1 === "E3")).toMatchObject({ before: "Regular", after: "普通客户" });
    const en = proposeTidy(CUSTOMERS, corpus.headers, corpus.rows, { lang: "en" }).filter(
      (c) => c.rule !== "enum-label",
    );
    expect(changes.filter((c) => c.rule !== "enum-label")).toEqual(en);
  });

  it("proposes no change that looks and is the same; labels a number kept as text by its kinds", () => {
    const headers = ["OrderID", "CustomerID", "OrderDate", "Quantity", "Amount"];
    const rows = [
      ["O1", "C000001", new Date(Date.UTC(2025, 2, 1)), 32, 100], // all standard already
      ["O2", "C000001", "2025-03-01", "32", "100"], // numbers kept as text; an ISO date is standard
    ];
    const changes = proposeTidy(ORDERS, headers, rows, { lang: "en", timeZone: "UTC" });
    expect(changes.map((c) => [c.a1, c.before, c.after, c.beforeKind, c.afterKind])).toEqual([
      ["D3", "32", 32, "text", "number"],
      ["E3", "100", 100, "text", "number"],
    ]);
    expect(changes.some((c) => c.row === 2)).toBe(false);
    expect(describeFix(changes[0])).toBe('Orders!D3: "32" → "32" (number, text → number)');
  });

  it("reads a listed column by the team's list: its values are standard, and nothing outside it is written", () => {
    const headers = ["CustomerID", "Name", "CustomerType"];
    const rows = [
      ["C1", "A", "长期客户"],
      ["C2", "B", " 长期客户 "],
      ["C3", "C", "vip"], // a built-in option the team's list does not hold: a problem, not a format
    ];
    const valueLists = {
      "Customers.CustomerType": [{ value: "长期客户" }, { value: "潜在客户", key: "prospect" }],
    };
    const changes = proposeTidy(CUSTOMERS, headers, rows, { lang: "en", valueLists });
    expect(changes.map((c) => [c.a1, c.after, c.rule])).toEqual([["C3", "长期客户", "trim"]]);
  });

  it("never tidies a listed column to a value outside the list, whatever spelling a cell uses", () => {
    const status = CUSTOMERS.columns.find((c) => c.key === "Status")!;
    const list = [{ value: "在跟", key: "following_up" }, { value: "Won ✓", key: "won" }, { value: "暂停" }];
    // Every built-in spelling (key, both labels, aliases), padded and upper-cased, and the list's own.
    const spellings = [
      ...status.options!.flatMap((o) => [o.key, o.label.en, o.label["zh-CN"], ...(o.aliases ?? [])]),
      ...list.map((v) => v.value),
    ].flatMap((t) => [t, ` ${t} `, t.toUpperCase()]);
    for (const header of ["Status", "客户状态"]) {
      const rows = spellings.map((t, i) => [`C${i}`, "A", t]);
      const changes = proposeTidy(CUSTOMERS, ["CustomerID", "Name", header], rows, {
        lang: "zh-CN",
        valueLists: { "Customers.Status": list },
      });
      // Padded list values are tidied (so the check below is not vacuous) …
      expect(changes.map((c) => c.after)).toEqual(expect.arrayContaining(["在跟", "暂停", "Won ✓"]));
      // … and nothing is written that the list does not hold.
      for (const c of changes) expect(list.map((v) => v.value)).toContain(c.after);
    }
  });

  it("isNoOpChange: the same text and the same kind of value", () => {
    expect(isNoOpChange({ before: "32", after: "32", beforeKind: "text", afterKind: "text" })).toBe(true);
    expect(isNoOpChange({ before: "32", after: 32, beforeKind: "text", afterKind: "number" })).toBe(false);
    expect(isNoOpChange({ before: " 32", after: "32", beforeKind: "text", afterKind: "text" })).toBe(false);
  });
});

describe("proposeProblemFixes (Fix what is safe: reported problems only)", () => {
  /** 2,000 valid rows with phones as people write them, and 7 problems each a slip a repair ends. */
  function book() {
    const rows: unknown[][] = Array.from({ length: 2000 }, (_, i) => valid(i + 1));
    const slips: [number, number, string][] = [
      [10, 2, "138\u200B1234 5678"], // zero-width space in a mobile
      [200, 2, "010—38700241"], // em dash in a landline
      [300, 2, "13812345678；"], // punctuation after the number
      [400, 3, "li@xingchen。cn"], // ideographic full stop in an address
      [500, 3, "wang @ yunfan.com.cn"], // spaces in an address
      [600, 5, "2025—03—01"], // em dashes in a date
      [700, 6, "5\u200B0,000"], // zero-width space inside an amount
    ];
    for (const [r, c, v] of slips) rows[r][c] = v;
    return { rows, slips };
  }

  it("changes exactly the 7 reported cells, each tied to its problem, and ends every one of them", () => {
    const { rows, slips } = book();
    const options = { lang: "en" as const, sheetName: "Customers" };
    const problems = validateTable(CUSTOMERS, HEADERS, rows, options);
    expect(problems).toHaveLength(7);
    const changes = proposeProblemFixes(CUSTOMERS, HEADERS, rows, options);
    expect(changes.map((c) => c.a1).sort()).toEqual(problems.map((p) => p.a1).sort());
    expect(changes.map((c) => [c.row, c.columnIndex])).toEqual(slips.map(([r, c]) => [r + 2, c]));
    for (const c of changes) {
      const p = problems.find((q) => q.a1 === c.a1)!;
      expect(c).toMatchObject({
        kind: "problem",
        rule: "repair",
        problem: { rule: p.rule, message: p.message },
      });
      expect(c.steps!.length).toBeGreaterThan(0);
    }
    const at = (a1: string) => changes.find((c) => c.a1 === a1)!;
    expect(at("C12")).toMatchObject({ after: "1381234 5678", steps: ["invisible"] }); // as typed, not +86
    expect(at("C202")).toMatchObject({ after: "010-38700241", steps: ["dashes"] });
    expect(at("C302")).toMatchObject({ after: "13812345678", steps: ["trailing-punctuation"] });
    expect(at("D402")).toMatchObject({ after: "li@xingchen.cn", steps: ["full-stop"] });
    expect(at("D502")).toMatchObject({ after: "wang@yunfan.com.cn", steps: ["email-spaces"] });
    expect(at("F602")).toMatchObject({ after: "2025-03-01", afterKind: "date", steps: ["dashes"] });
    expect(at("G702")).toMatchObject({ after: 50000, afterKind: "number", steps: ["invisible"] });
    expect(validateTable(CUSTOMERS, HEADERS, apply(rows, changes), options)).toEqual([]);
  });

  it("leaves a valid 010-38700241 as typed (that is Tidy formats' business, and only when asked)", () => {
    const rows = [valid(241)];
    expect(rows[0][2]).toBe("010-38700241");
    expect(proposeProblemFixes(CUSTOMERS, HEADERS, rows, { lang: "en" })).toEqual([]);
    expect(proposeTidy(CUSTOMERS, HEADERS, rows, { lang: "en" }).find((c) => c.a1 === "C2")).toMatchObject({
      before: "010-38700241",
      after: "+861038700241",
    });
  });

  it("never touches a valid cell, and leaves problems no repair can end (the corpus: none)", () => {
    const corpus = loadCorpus("customers-corpus.csv");
    const changes = proposeProblemFixes(CUSTOMERS, corpus.headers, corpus.rows, { lang: "en" });
    expect(changes).toEqual([]);
    expect(validateTable(CUSTOMERS, corpus.headers, corpus.rows, { lang: "en" }).length).toBeGreaterThan(10);
  });

  it("is disjoint from Tidy formats: a problem cell is never tidied, a valid one never repaired", () => {
    const { rows } = book();
    const fixes = new Set(proposeProblemFixes(CUSTOMERS, HEADERS, rows, { lang: "en" }).map((c) => c.a1));
    const tidy = proposeTidy(CUSTOMERS, HEADERS, rows, { lang: "en" });
    expect(tidy.length).toBeGreaterThan(2000);
    expect(tidy.filter((c) => fixes.has(c.a1))).toEqual([]);
  });

  it("drops a repair that would make another cell a duplicate, and one that leaves its cell broken", () => {
    const rows = [valid(1), valid(2), valid(3)];
    rows[0][3] = "c2@example.cn\u200B"; // repaired, it would duplicate row 3's address
    rows[2][2] = "138\u200B1234"; // repaired, still no phone
    const options = { lang: "en" as const };
    expect(validateTable(CUSTOMERS, HEADERS, rows, options).map((p) => p.a1)).toEqual(["D2", "C4"]);
    expect(proposeProblemFixes(CUSTOMERS, HEADERS, rows, options)).toEqual([]);
  });

  it("repairs a customer ID an order names with an invisible character", () => {
    const customers = [valid(1)];
    const ids = customerIdSet(CUSTOMERS, HEADERS, customers);
    const headers = ["OrderID", "CustomerID", "OrderDate", "Amount"];
    const orders = [
      ["O1", "C000001\u200B", "2025-03-01", 10],
      ["O2", "C000002", "2025-03-01", 10], // unknown, and no repair makes it known
    ];
    const changes = proposeProblemFixes(ORDERS, headers, orders, { lang: "zh-CN", knownCustomerIds: ids });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      a1: "B2",
      after: "C000001",
      problem: { rule: "unknown-customer", message: "客户编号 C000001\u200B 不存在。" },
    });
  });
});

describe("repairText", () => {
  it("removes only what cannot carry meaning, and says which steps did", () => {
    expect(repairText("phone", "010–3870 0241")).toEqual({ text: "010-3870 0241", steps: ["dashes"] });
    expect(repairText("email", " a @ b。com\u200B")).toEqual({
      text: "a@b.com",
      steps: ["invisible", "full-stop", "email-spaces", "trim"],
    });
    expect(repairText("owner", "王 经理\u200B")).toEqual({ text: "王 经理", steps: ["invisible"] });
    expect(repairText("owner", "J. Smith")).toBeNull(); // a name's spaces are no address's
    expect(repairText("text", "a—b")).toBeNull(); // dashes mean something in text
  });

  it("returns null when only trimming would change the text, for non-text, and for over-long cells", () => {
    expect(repairText("phone", " 13812345678 ")).toBeNull();
    expect(repairText("number", 32)).toBeNull();
    expect(repairText("phone", `${"，".repeat(50_000)}1`)).toBeNull();
    expect(repairText("email", `${" ".repeat(399)}\u200B`)).not.toBeNull();
  });
});

describe("fixFingerprint", () => {
  it("names its kind, so a token of one kind never applies the other", () => {
    const token = fixFingerprint("tidy", []);
    expect(fingerprintKind(token)).toBe("tidy");
    expect(fingerprintKind(fixFingerprint("problem", []))).toBe("problem");
    expect(token).not.toBe(fixFingerprint("problem", []));
    expect(fingerprintKind("stale-token")).toBeNull();
    expect(fingerprintKind(42)).toBeNull();
  });
});

describe("a column of typed dates is read in one day/month order", () => {
  const headers = ["OrderID", "CustomerID", "OrderDate", "Amount"];
  // UK dates: 25/03 and 13/04 prove day first, so 01/03 is the 1st of March, in English too.
  const rows = [
    ["O1", "C1", "25/03/2025", 10],
    ["O2", "C1", "01/03/2025", 10],
    ["O3", "C2", "13/04/2025", 10],
  ];

  it("Tidy formats rewrites every date as the column reads it", () => {
    const changes = proposeTidy(ORDERS, headers, rows, { lang: "en" });
    const dates = changes.filter((c) => c.key === "OrderDate").map((c) => [c.a1, c.after]);
    expect(dates).toEqual([
      ["C2", "2025-03-25"],
      ["C3", "2025-03-01"],
      ["C4", "2025-04-13"],
    ]);
  });

  it("validation reports a date proving the minority order, and neither Tidy nor Fix touches it", () => {
    const mixed = [...rows, ["O4", "C2", "03/30/2025", 10]];
    const problems = validateTable(ORDERS, headers, mixed, { lang: "en" }).filter(
      (p) => p.key === "OrderDate",
    );
    expect(problems.map((p) => [p.a1, p.rule])).toEqual([["C5", "date"]]);
    expect(problems[0].message).toMatch(/day\/month order conflicts with the column's/);
    const zh = validateTable(ORDERS, headers, mixed, { lang: "zh-CN" }).filter((p) => p.key === "OrderDate");
    expect(zh[0].message).toMatch(/日\/月顺序与本列其他日期相反/);
    expect(proposeTidy(ORDERS, headers, mixed, { lang: "en" }).some((c) => c.a1 === "C5")).toBe(false);
    expect(proposeProblemFixes(ORDERS, headers, mixed, { lang: "en" }).some((c) => c.a1 === "C5")).toBe(
      false,
    );
  });

  it("a column proving no order reads as the language says", () => {
    const plain = [["O1", "C1", "01/03/2025", 10]];
    const after = (lang: "en" | "zh-CN") =>
      proposeTidy(ORDERS, headers, plain, { lang }).find((c) => c.key === "OrderDate")?.after;
    expect(after("en")).toBe("2025-01-03");
    expect(after("zh-CN")).toBe("2025-03-01");
  });
});
