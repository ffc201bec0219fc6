import type { AnalysisDto } from "../../src/shared/analysis";
import {
  addDays,
  defaultPeriods,
  groupChoices,
  issueLines,
  periodProblems,
  segmentRows,
  sentimentShares,
  topRules,
} from "../../src/sidebar/analysis-model";

const summary = (sum: number, mean: number | null, median: number | null) => ({
  count: 0,
  sum,
  mean,
  median,
  sd: null,
  p90: null,
  min: null,
  max: null,
});

const group = (dimension: string, name: string, customers: number, sum: number) => ({
  dimension,
  group: name,
  customers,
  spend: summary(sum, customers ? sum / customers : null, customers ? sum / customers - 1 : null),
  orders: summary(0, null, null),
  aov: summary(0, null, null),
  satisfaction: summary(0, null, null),
});

const rule = (a: string[], c: string[], support: number, confidence: number, lift: number) => ({
  antecedent: a,
  consequent: c,
  count: 1,
  antecedentCount: 1,
  consequentCount: 1,
  support,
  confidence,
  lift,
});

/** Just the parts of a report the model reads; the rest of the DTO is irrelevant to these functions. */
function dto(parts: {
  orderRules?: ReturnType<typeof rule>[];
  customerRules?: ReturnType<typeof rule>[];
  feedback?: { responses: number; positive: number; neutral: number; negative: number };
}): AnalysisDto {
  return {
    asOf: "2026-11-23",
    groups: {
      segment: [
        group("segment", "Loyal", 10, 500),
        group("segment", "Champions", 2, 9000),
        group("segment", "New", 3, 500),
      ],
      region: [group("region", "华东", 4, 1), group("region", "—", 1, 1), group("region", "North", 2, 1)],
      owner: [],
      customerType: [],
    },
    rules: {
      order: { basketBy: "order", baskets: 10, frequentItemsets: [], rules: parts.orderRules ?? [] },
      customer: { basketBy: "customer", baskets: 5, frequentItemsets: [], rules: parts.customerRules ?? [] },
    },
    feedback: {
      meanRating: null,
      months: [],
      topics: [],
      complaints: 0,
      ...(parts.feedback ?? { responses: 0, positive: 0, neutral: 0, negative: 0 }),
    },
  } as unknown as AnalysisDto;
}

describe("analysis view model", () => {
  it("lists segments by revenue with count, sum, mean and median, ties by name", () => {
    expect(segmentRows(dto({}))).toEqual([
      { segment: "Champions", customers: 2, revenue: 9000, mean: 4500, median: 4499 },
      { segment: "Loyal", customers: 10, revenue: 500, mean: 50, median: 49 },
      { segment: "New", customers: 3, revenue: 500, mean: 500 / 3, median: 500 / 3 - 1 },
    ]);
  });

  it("shows the strongest rules by lift as X → Y, falling back to customer baskets", () => {
    const byOrder = topRules(
      dto({
        orderRules: [
          rule(["Tea"], ["Cups"], 0.1, 0.5, 1.5),
          rule(["Laptop", "Mouse"], ["Bag"], 0.05, 0.8, 3),
          rule(["Pen"], ["Ink"], 0.2, 0.9, 1.5),
        ],
        customerRules: [rule(["A"], ["B"], 0.5, 0.5, 9)],
      }),
      2,
    );
    expect(byOrder).toEqual({
      basketBy: "order",
      rows: [
        { text: "Laptop + Mouse → Bag", support: 0.05, confidence: 0.8, lift: 3 },
        { text: "Pen → Ink", support: 0.2, confidence: 0.9, lift: 1.5 },
      ],
    });
    const fallback = topRules(dto({ customerRules: [rule(["A"], ["B"], 0.5, 0.5, 9)] }));
    expect(fallback.basketBy).toBe("customer");
    expect(fallback.rows.map((r) => r.text)).toEqual(["A → B"]);
    expect(topRules(dto({})).rows).toEqual([]);
  });

  it("turns sentiment counts into shares, and zeros without feedback", () => {
    expect(
      sentimentShares(dto({ feedback: { responses: 4, positive: 2, neutral: 1, negative: 1 } })),
    ).toEqual({
      positive: 0.5,
      neutral: 0.25,
      negative: 0.25,
    });
    expect(sentimentShares(dto({}))).toEqual({ positive: 0, neutral: 0, negative: 0 });
  });

  it("defaults the comparison to the latest 90 days against the 90 before, across month and year ends", () => {
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    const p = defaultPeriods("2026-11-23");
    expect(p).toEqual({
      a: { from: "2026-05-28", to: "2026-08-25" },
      b: { from: "2026-08-26", to: "2026-11-23" },
    });
    const days = (x: { from: string; to: string }) =>
      (Date.parse(x.to) - Date.parse(x.from)) / 86_400_000 + 1;
    expect([days(p.a), days(p.b)]).toEqual([90, 90]);
    expect(defaultPeriods("2026-01-05", 7)).toEqual({
      a: { from: "2025-12-23", to: "2025-12-29" },
      b: { from: "2025-12-30", to: "2026-01-05" },
    });
  });

  it("offers the report's groups without the blank group", () => {
    expect(groupChoices(dto({}), "region")).toEqual(["华东", "North"]);
    expect(groupChoices(dto({}), "owner")).toEqual([]);
  });

  it("names the period fields at fault before any round trip, as the server would", () => {
    expect(periodProblems("a", { from: "2026-01-01", to: "2026-01-31" })).toEqual([]);
    expect(periodProblems("a", { from: "", to: "2026-01-31" })).toEqual(["a.from"]);
    expect(periodProblems("b", { from: "2026-02-01", to: "2026-01-31" })).toEqual(["b.to"]);
    expect(periodProblems("current", { from: "1/2/2026", to: "x" })).toEqual(["current.from", "current.to"]);
  });

  it("words server issues with their cell, or alone for arguments", () => {
    expect(
      issueLines([
        { sheet: "Orders", a1: "C7", value: "x", rule: "number", message: "Amount is not a number." },
        {
          sheet: "",
          a1: "a.from",
          value: "",
          rule: "date",
          message: "a.from is not a date (e.g. 2025-03-01).",
        },
      ] as never),
    ).toEqual(["Orders!C7: Amount is not a number.", "a.from is not a date (e.g. 2025-03-01)."]);
  });
});
