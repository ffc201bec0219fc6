import { compareGroups, comparePeriods, type Period } from "../../core/analysis/compare";
import type { RuleResult } from "../../core/analysis/association";
import type { CellIssue } from "../../core/analysis/inputs";
import type { SeriesForecast } from "../../core/analysis/forecast";
import type { AnalysisReport } from "../../core/analysis/report";
import { parseDayText } from "../../core/calendar";
import type { Lang } from "../../core/schema/types";
import { utf8Length } from "../../core/table/import/utf8-size";
import {
  COMPARE_BY,
  SIDEBAR_BUDGET_BYTES,
  SIDEBAR_TREND_MONTHS,
  type AnalysisApi,
  type AnalysisDto,
  type AnalysisResult,
  type PeriodArg,
} from "../../shared/analysis";
import { userLang } from "../platform/locale";
import { AnalysisInputError, readInputs } from "./read-inputs";
import { analyse } from "./run-analysis";

function withIssues<T>(fn: () => T): AnalysisResult<T> {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    if (e instanceof AnalysisInputError) return { ok: false, issues: e.issues };
    throw e;
  }
}

/** Longest list of each kind the sidebar gets: it shows five of each; the sheet and the export hold all. */
const SIDEBAR_LIST = 10;
/** The dimensions whose groups the sidebar uses: segments (all of them), and the comparison form's choices. */
const SIDEBAR_DIMENSIONS = ["segment", ...COMPARE_BY] as const;
/** Groups per comparison dimension the sidebar gets at most, largest first as reported. */
const SIDEBAR_GROUPS = 100;

/** A rule list cut for the sidebar: sound rules first, in the report's order. */
function topRules(result: RuleResult): RuleResult {
  const rules = [...result.rules.filter((r) => !r.spurious), ...result.rules.filter((r) => r.spurious)];
  return { ...result, rules: rules.slice(0, SIDEBAR_LIST) };
}

/**
 * The report as the sidebar gets it: the same shape with its long lists cut (every rule, every customer's
 * outlook, the full credit list and the trend's older months and quarters stay on the sheet), so the
 * google.script.run answer stays within SIDEBAR_BUDGET_BYTES: when hundreds of regions or owners with long
 * names would pass it, the groups offered as comparison choices are halved until it fits (largest first,
 * as reported), down to none. Segments are never cut: the segment table shows them all.
 */
export function sidebarReport(report: AnalysisReport): AnalysisDto {
  for (let groups = SIDEBAR_GROUPS; ; groups = groups > 1 ? Math.floor(groups / 2) : 0) {
    const dto = cutReport(report, groups);
    // The answer is { ok: true, value: dto } (see withIssues): 21 bytes around the value.
    if (groups === 0 || utf8Length(JSON.stringify(dto)) + 21 <= SIDEBAR_BUDGET_BYTES) return dto;
  }
}

/** The report with each long list cut, `groupsEach` groups per comparison dimension, numbers compacted. */
function cutReport(report: AnalysisReport, groupsEach: number): AnalysisDto {
  // The sidebar shows segments and offers the comparison form's dimensions; the others go out empty.
  const groups = Object.fromEntries(
    Object.entries(report.groups).map(([d, list]) => [
      d,
      d === "segment"
        ? list
        : (SIDEBAR_DIMENSIONS as readonly string[]).includes(d)
          ? list.slice(0, groupsEach)
          : [],
    ]),
  ) as unknown as AnalysisReport["groups"];
  const life = report.keyCustomers.lifetime;
  // Segments' and categories' monthly points stay on the sheet; their method and MAPE come along.
  const summary = (f: SeriesForecast): SeriesForecast => ({ ...f, backtest: [], ahead: [] });
  return compactNumbers({
    ...report,
    monthly: latestMonths(report.monthly),
    // Span the years of the book (a stray 1900 date makes five hundred quarters); the sidebar shows none.
    quarterly: report.quarterly.slice(-SIDEBAR_QUARTERS),
    feedback: { ...report.feedback, months: report.feedback.months.slice(-SIDEBAR_TREND_MONTHS) },
    forecast: {
      book: report.forecast.book,
      segments: report.forecast.segments.map(summary),
      categories: report.forecast.categories.map(summary),
    },
    groups,
    rules: { order: topRules(report.rules.order), customer: topRules(report.rules.customer) },
    keyCustomers: {
      ...report.keyCustomers,
      top: report.keyCustomers.top.slice(0, SIDEBAR_LIST),
      lifetime: { ...life, customers: life.customers.slice(0, SIDEBAR_LIST) },
    },
    credit: { byGrade: report.credit.byGrade, overdue: report.credit.overdue.slice(0, SIDEBAR_LIST) },
  });
}

/** Quarters of the trend the sidebar gets: the latest two years. */
const SIDEBAR_QUARTERS = 8;

const MONTH_KEY = /^\d{4}-\d{2}$/;

/** The trend's latest SIDEBAR_TREND_MONTHS months (what the sidebar charts); points of no month kept. */
function latestMonths(points: AnalysisReport["monthly"]): AnalysisReport["monthly"] {
  let months = 0;
  for (const p of points) if (MONTH_KEY.test(p.key)) months++;
  let skip = months - SIDEBAR_TREND_MONTHS;
  if (skip <= 0) return points;
  return points.filter((p) => !MONTH_KEY.test(p.key) || skip-- <= 0);
}

/**
 * A copy with every fractional number rounded to 6 significant digits (what a 300 px sidebar can show;
 * a double's 17 digits would be most of the payload). Integers, text and structure are unchanged.
 */
export function compactNumbers<T>(value: T): T {
  if (typeof value === "number")
    return (Number.isInteger(value) || !Number.isFinite(value) ? value : Number(value.toPrecision(6))) as T;
  if (Array.isArray(value)) return value.map(compactNumbers) as T;
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compactNumbers(v)])) as T;
  return value;
}

/** The report for the sidebar (computed fresh from the sheets, on the caller's customers; nothing is written). */
export function analysisDto(): AnalysisResult<AnalysisDto> {
  return withIssues(() => sidebarReport(analyse(userLang(), true).report));
}

/** An argument the sidebar sent that cannot be used, in the CellIssue shape (sheet "", a1 = argument). */
function argIssue(name: string, value: unknown, lang: Lang): CellIssue {
  return {
    sheet: "",
    a1: name,
    value: String(value ?? ""),
    rule: "date",
    message:
      lang === "zh-CN"
        ? `${name} 不是有效日期（例如 2025-03-01）。`
        : `${name} is not a date (e.g. 2025-03-01).`,
  };
}

function periodOf(name: string, arg: PeriodArg | undefined, lang: Lang, issues: CellIssue[]): Period {
  const from = parseDayText(String(arg?.from ?? ""));
  const to = parseDayText(String(arg?.to ?? ""));
  if (from === undefined) issues.push(argIssue(`${name}.from`, arg?.from, lang));
  if (to === undefined) issues.push(argIssue(`${name}.to`, arg?.to, lang));
  if (from !== undefined && to !== undefined && from > to) {
    issues.push({
      ...argIssue(`${name}.to`, arg?.to, lang),
      rule: "range",
      message: lang === "zh-CN" ? `${name} 的结束日期早于开始日期。` : `${name} ends before it starts.`,
    });
  }
  return { from: from ?? 0, to: to ?? 0 };
}

export const comparePeriodsOf: AnalysisApi["comparePeriods"] = (args) => {
  const lang = userLang();
  const issues: CellIssue[] = [];
  const a = periodOf("a", args?.a, lang, issues);
  const b = periodOf("b", args?.b, lang, issues);
  if (issues.length) return { ok: false, issues };
  return withIssues(() => {
    const inputs = readInputs(lang, true);
    if (inputs.issues.length) throw new AnalysisInputError(inputs.issues);
    return comparePeriods(inputs.table, a, b);
  });
};

export const compareGroupsOf: AnalysisApi["compareSegments"] = (args) => {
  const lang = userLang();
  const issues: CellIssue[] = [];
  const current = periodOf("current", args?.current, lang, issues);
  const previous = periodOf("previous", args?.previous, lang, issues);
  const by = args?.by;
  if (by !== "region" && by !== "owner" && by !== "segment" && by !== "customerType") {
    issues.push({
      sheet: "",
      a1: "by",
      value: String(by ?? ""),
      rule: "enum",
      message: `by must be one of: region, owner, segment, customerType.`,
    });
  }
  if (issues.length) return { ok: false, issues };
  return withIssues(() => {
    const inputs = readInputs(lang, true);
    if (inputs.issues.length) throw new AnalysisInputError(inputs.issues);
    const group = new Map(inputs.customers.map((c) => [c.id, c[by as "region"]]));
    return compareGroups(
      inputs.table,
      (id) => group.get(id) ?? "",
      { a: String(args.a ?? ""), b: String(args.b ?? "") },
      current,
      previous,
    );
  });
};
