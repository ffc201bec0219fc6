import { creditRiskText } from "../../core/analysis/credit-risk";
import { buildAnalysis, type AnalysisReport } from "../../core/analysis/report";
import { layoutAnalysisSheet } from "../../core/analysis/sheet-layout";
import type { Lang } from "../../core/schema/types";
import { loadSettings as loadClassifySettings } from "../classify/settings-store";
import { runJob } from "../platform/job";
import { userLang } from "../platform/locale";
import { writeColumns } from "../platform/sheet-table";
import { AnalysisInputError, readInputs, type AnalysisInputs } from "./read-inputs";
import type { AnalysisSettings } from "../../core/analysis/settings";
import { loadAnalysisSettings } from "./settings-store";
import { writeAnalysisSheet } from "./write-sheet";

/**
 * Reads the sheets and builds the report; throws AnalysisInputError naming unreadable cells. `forCaller`
 * narrows the data to what the caller may see (sidebar calls); the menu job, for managers, uses it all.
 */
export function analyse(
  lang: Lang,
  forCaller = false,
): { report: AnalysisReport; inputs: AnalysisInputs; settings: AnalysisSettings } {
  const inputs = readInputs(lang, forCaller);
  if (inputs.issues.length) throw new AnalysisInputError(inputs.issues);
  const settings = loadAnalysisSettings();
  const report = buildAnalysis(
    {
      table: inputs.table,
      customers: inputs.customers,
      feedback: inputs.feedback,
      asOfDay: inputs.today,
      churn: loadClassifySettings().churn,
    },
    settings,
  );
  return { report, inputs, settings };
}

/** What a run wrote. */
export interface RunSummary {
  readonly sheet: string;
  readonly charts: number;
  readonly creditRows: number;
  /** Set when Customers has no CreditRisk column (set-up not run): the column was skipped. */
  readonly note: string;
}

/**
 * The "Run analysis" job: under the document lock, reads the sheets once, writes the Analysis tab and the
 * Customers CreditRisk column (only that column, found by header; customers without orders get a blank).
 */
export function runAnalysis(): RunSummary {
  return runAnalysisReport().summary;
}

/** The "Run analysis" job, returning the full report it laid out as well (for the file export). */
export function runAnalysisReport(): {
  summary: RunSummary;
  report: AnalysisReport;
  settings: AnalysisSettings;
} {
  const lang = userLang();
  return runJob("Run analysis", "run-jobs", () => {
    const { report, inputs, settings } = analyse(lang);
    const layout = layoutAnalysisSheet(report, lang, settings);
    const sheet = writeAnalysisSheet(layout, lang);
    const snapshot = inputs.customersSnapshot;
    let creditRows = 0;
    let note = "";
    if (snapshot && snapshot.map.index.has("CreditRisk") && snapshot.map.index.has("CustomerID")) {
      const byId = new Map(report.credit.all.map((c) => [c.customerId, c]));
      const idColumn = snapshot.map.index.get("CustomerID")!;
      const cells = snapshot.rows.map((row) => {
        const risk = byId.get(String(row[idColumn] ?? "").trim());
        return risk ? creditRiskText(risk, lang) : "";
      });
      writeColumns(snapshot, new Map([["CreditRisk", cells]]));
      creditRows = cells.length;
    } else if (snapshot) {
      note =
        lang === "zh-CN"
          ? "客户表缺少“信用风险”列，未写入；请运行设置/修复。"
          : "Customers has no CreditRisk column; it was skipped. Run Set up / repair.";
    }
    const summary = { sheet: sheet.getName(), charts: layout.charts.length, creditRows, note };
    return {
      result: { summary, report, settings },
      outcome: { rowsAffected: creditRows, detail: `${layout.values.length} rows, ${summary.charts} charts` },
    };
  });
}

/** Menu: "Run analysis". Unreadable cells are listed in an alert; nothing is written then. */
export function menuRunAnalysis(): void {
  const lang = userLang();
  try {
    const s = runAnalysis();
    const done =
      lang === "zh-CN"
        ? `分析完成：已写入“${s.sheet}”（${s.charts} 个图表），信用风险 ${s.creditRows} 行。`
        : `Analysis done: "${s.sheet}" written (${s.charts} charts), CreditRisk on ${s.creditRows} rows.`;
    SpreadsheetApp.getActive().toast(s.note ? `${done} ${s.note}` : done, "Sheet CRM");
  } catch (e) {
    if (e instanceof AnalysisInputError) SpreadsheetApp.getUi().alert(e.message);
    else throw e;
  }
}
