import type { Comparison } from "../core/analysis/compare";
import type { CreditRisk } from "../core/analysis/credit-risk";
import type { CellIssue } from "../core/analysis/inputs";
import type { AnalysisReport } from "../core/analysis/report";
import type { AnalysisSettings, SettingError } from "../core/analysis/settings";

export type { AnalysisSettings, CellIssue, Comparison, SettingError };

/** The report as the sidebar gets it: the full credit list is left out (the sheet column holds it). */
export type AnalysisDto = Omit<AnalysisReport, "credit"> & {
  readonly credit: {
    readonly byGrade: AnalysisReport["credit"]["byGrade"];
    readonly overdue: readonly CreditRisk[];
  };
};

/** A server answer that either worked or names the cells/arguments that stopped it. */
export type AnalysisResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly CellIssue[] };

/** An inclusive period, dates as "YYYY-MM-DD". */
export interface PeriodArg {
  readonly from: string;
  readonly to: string;
}

export interface ComparePeriodsArgs {
  readonly a: PeriodArg;
  readonly b: PeriodArg;
}

/** Customer columns two groups can be compared by. */
export const COMPARE_BY = ["region", "owner", "segment", "customerType"] as const;
/**
 * Months of the revenue trend the sidebar charts (the latest ones; two years is what fits 300 px and still
 * shows a season); the server sends no more.
 */
export const SIDEBAR_TREND_MONTHS = 24;
/**
 * The most the sidebar's analysis answer weighs, as UTF-8 JSON: google.script.run carries it each time
 * the Analysis view opens. The server cuts lists further until the answer fits, whatever the book.
 */
export const SIDEBAR_BUDGET_BYTES = 50_000;
export type CompareBy = (typeof COMPARE_BY)[number];

export interface CompareGroupsArgs {
  readonly by: CompareBy;
  readonly a: string;
  readonly b: string;
  /** The period compared; retention looks at `previous`. */
  readonly current: PeriodArg;
  readonly previous: PeriodArg;
}

/** Server functions of the analysis feature, as the sidebar calls them. */
export interface AnalysisApi {
  getAnalysis(): AnalysisResult<AnalysisDto>;
  comparePeriods(args: ComparePeriodsArgs): AnalysisResult<Comparison>;
  compareSegments(args: CompareGroupsArgs): AnalysisResult<Comparison>;
  getAnalysisSettings(): AnalysisSettings;
  saveAnalysisSettings(
    settings: Partial<AnalysisSettings>,
  ):
    | { readonly ok: true; readonly settings: AnalysisSettings }
    | { readonly ok: false; readonly errors: readonly SettingError[] };
}

/** Top-level handlers of this feature's menu items and installable triggers. */
export const ANALYSIS_HANDLERS = ["menuRunAnalysis"] as const;
