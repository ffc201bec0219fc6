import { modelSummary, type ModelSummary } from "../../core/analysis/model-summary";
import type { RuleResult } from "../../core/analysis/association";
import type { SeriesForecast } from "../../core/analysis/forecast";
import type { CustomerValue } from "../../core/analysis/lifetime-value";
import type { CellIssue } from "../../core/analysis/inputs";
import { AnalysisInputError } from "./read-inputs";
import { runAnalysisReport, type RunSummary } from "./run-analysis";

/** What `npm run analyze` writes, from one run of the analysis job (plain data). */
export type AnalysisExport =
  | {
      readonly ok: true;
      readonly asOf: string;
      readonly run: RunSummary;
      /** The rules of the basket kind the settings name, every one that passed the thresholds. */
      readonly rules: RuleResult;
      readonly models: ModelSummary;
      /** The book first, then segments, then categories. */
      readonly forecasts: readonly SeriesForecast[];
      /** Every customer's outlook (P(alive), expected purchases, value), as the report holds it. */
      readonly customers: readonly CustomerValue[];
    }
  | { readonly ok: false; readonly issues: readonly CellIssue[] };

/**
 * Runs "Run analysis" (role check, lock, the Analysis tab and CreditRisk written, audited) and returns the
 * parts the file export needs. Private to the server (the trailing underscore: google.script.run and the
 * menu cannot call it — https://developers.google.com/apps-script/guides/html/reference/run); the offline
 * `npm run analyze` calls it in the emulated spreadsheet.
 */
export function analysisExport_(): AnalysisExport {
  try {
    const { summary, report, settings } = runAnalysisReport();
    return {
      ok: true,
      asOf: report.asOf,
      run: summary,
      rules: report.rules[settings.basketBy],
      models: modelSummary(report),
      forecasts: [report.forecast.book, ...report.forecast.segments, ...report.forecast.categories],
      customers: report.keyCustomers.lifetime.customers,
    };
  } catch (e) {
    if (e instanceof AnalysisInputError) return { ok: false, issues: e.issues };
    throw e;
  }
}
