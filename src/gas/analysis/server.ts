import { compareGroups, comparePeriods, type Period } from "../../core/analysis/compare";
import type { CellIssue } from "../../core/analysis/inputs";
import { parseDayText } from "../../core/calendar";
import type { Lang } from "../../core/schema/types";
import type { AnalysisApi, AnalysisDto, AnalysisResult, PeriodArg } from "../../shared/analysis";
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

/** The report for the sidebar (computed fresh from the sheets, on the caller's customers; nothing is written). */
export function analysisDto(): AnalysisResult<AnalysisDto> {
  return withIssues(() => {
    const { report } = analyse(userLang(), true);
    return { ...report, credit: { byGrade: report.credit.byGrade, overdue: report.credit.overdue } };
  });
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
