/**
 * What the Analysis view shows, worked out from the server's report without touching the DOM, so the
 * choices (which rules, which rows, which default periods) are unit-tested in Node.
 */
import type { AnalysisDto, CellIssue, CompareBy, PeriodArg } from "../shared/analysis";

type Dto = AnalysisDto;
type Rule = Dto["rules"]["order"]["rules"][number];

/** One row of the segment table. */
export interface SegmentRow {
  readonly segment: string;
  readonly customers: number;
  readonly revenue: number;
  readonly mean: number | null;
  readonly median: number | null;
}

/** Statistics per segment, biggest revenue first (a manager reads the table top-down). */
export function segmentRows(dto: Dto): SegmentRow[] {
  return dto.groups.segment
    .map((g) => ({
      segment: g.group,
      customers: g.customers,
      revenue: g.spend.sum,
      mean: g.spend.mean,
      median: g.spend.median,
    }))
    .sort((a, b) => b.revenue - a.revenue || (a.segment < b.segment ? -1 : 1));
}

export interface RuleRow {
  /** "A + B → C" */
  readonly text: string;
  readonly support: number;
  readonly confidence: number;
  readonly lift: number;
}

/**
 * The strongest association rules: baskets by order when any rule was found there, else by customer
 * (small books rarely have products bought together in one order, but often by one customer).
 */
export function topRules(dto: Dto, limit = 5): { basketBy: "order" | "customer"; rows: RuleRow[] } {
  const source = dto.rules.order.rules.length ? dto.rules.order : dto.rules.customer;
  const row = (r: Rule): RuleRow => ({
    text: `${r.antecedent.join(" + ")} → ${r.consequent.join(" + ")}`,
    support: r.support,
    confidence: r.confidence,
    lift: r.lift,
  });
  return {
    basketBy: source.basketBy,
    rows: [...source.rules]
      .sort((a, b) => b.lift - a.lift || b.confidence - a.confidence)
      .slice(0, limit)
      .map(row),
  };
}

/** Positive / neutral / negative as shares of the responses (all 0 without feedback). */
export function sentimentShares(dto: Dto): { positive: number; neutral: number; negative: number } {
  const { responses, positive, neutral, negative } = dto.feedback;
  if (!responses) return { positive: 0, neutral: 0, negative: 0 };
  return { positive: positive / responses, neutral: neutral / responses, negative: negative / responses };
}

/** "YYYY-MM-DD" of `iso` moved by `days`. */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * Default periods of the comparison form: the latest `days` days up to the report's date (B) against
 * the `days` days before them (A), the same windows the report's own period comparison uses.
 */
export function defaultPeriods(asOf: string, days = 90): { a: PeriodArg; b: PeriodArg } {
  const bFrom = addDays(asOf, -(days - 1));
  return { a: { from: addDays(bFrom, -days), to: addDays(bFrom, -1) }, b: { from: bFrom, to: asOf } };
}

/** The values groups can be compared by, from the report's own group statistics (blank groups left out). */
export function groupChoices(dto: Dto, by: CompareBy): string[] {
  return dto.groups[by].map((g) => g.group).filter((g) => g && g !== "—");
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks a period typed in the form before a round trip: both dates present and in order. Returns the
 * argument names at fault, the same names the server uses in its issues ("a.from", "b.to" …).
 */
export function periodProblems(name: string, p: PeriodArg): string[] {
  const bad: string[] = [];
  if (!ISO_DAY.test(p.from)) bad.push(`${name}.from`);
  if (!ISO_DAY.test(p.to)) bad.push(`${name}.to`);
  if (!bad.length && p.from > p.to) bad.push(`${name}.to`);
  return bad;
}

/** Issues the server sent back as one line each ("Orders!C7: …", or the message alone for arguments). */
export function issueLines(issues: readonly CellIssue[], limit = 20): string[] {
  return issues.slice(0, limit).map((i) => (i.sheet ? `${i.sheet}!${i.a1}: ${i.message}` : i.message));
}
