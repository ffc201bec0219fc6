import { dateKeyOfDay, zoneDayFunction } from "../../core/calendar";
import { classify, summarize, type ClassifyOutcome, type ClassifySettings } from "../../core/classify";
import { CUSTOMERS } from "../../core/schema/sheets";
import type { Lang } from "../../core/schema/types";
import { CLASSIFY_SET_UP_FIRST as SET_UP_FIRST, type ClassifyRunSummary } from "../../shared/classify";
import { runJob } from "../platform/job";
import { userLang } from "../platform/locale";
import { setDocumentJson } from "../platform/properties";
import { writeColumns } from "../platform/sheet-table";
import { notifySegmentChanges } from "../webapp/segment-hooks";
import { readBook } from "../book/read-book";
import { loadSettings } from "./settings-store";
import { DIRTY_KEY } from "./on-edit";
import { bigQueryModeOn, classifyOrAskBigQuery } from "../bigquery/schedule";
import { writeSegmentSnapshot, writeSegmentSummary } from "./summary-sheets";

const BIGQUERY_MODE_TEXT: Readonly<Record<Lang, string>> = {
  en: "BigQuery mode is on, so customers are classified in BigQuery on every order line: the next hourly run does it (or Settings → BigQuery (past one sheet) → Export and classify now).",
  "zh-CN":
    "已开启 BigQuery 模式，客户按 BigQuery 中的全部订单行分类：下一次每小时运行时完成（或在 设置 → BigQuery（超出一张表）→ 立即导出并分类）。",
};

/** Document property with the last run's summary rows, for getSegmentSummary. */
export const SUMMARY_KEY = "classifySummary";
const REPORTED = 100;

const CHURN_NOTES: Readonly<Record<string, Readonly<Record<Lang, string>>>> = {
  bgnbd: { en: "BG/NBD model fitted on this book", "zh-CN": "已按本表数据拟合 BG/NBD 模型" },
  mbgnbd: {
    en: "MBG/NBD model fitted on this book (fits better than BG/NBD; one-time buyers get a P(alive))",
    "zh-CN": "已按本表数据拟合 MBG/NBD 模型（优于 BG/NBD；仅购买一次的客户也有存活概率）",
  },
  "few-customers": {
    en: "too few customers with orders for BG/NBD; purchase rhythm used",
    "zh-CN": "有订单客户太少，未用 BG/NBD，改按购买节奏判断",
  },
  "few-repeat-buyers": {
    en: "too few repeat buyers for BG/NBD; purchase rhythm used",
    "zh-CN": "复购客户太少，未用 BG/NBD，改按购买节奏判断",
  },
  "untrusted-fit": {
    en: "BG/NBD gave no stable estimate for this book; purchase rhythm used",
    "zh-CN": "BG/NBD 无法稳定拟合本表数据，改按购买节奏判断",
  },
};

/**
 * The classification exactly as the menu, the triggers, the sidebar and the CLI run it: the book read
 * once (Customers and Orders, src/gas/book), the pure engine, one write of the owned result columns (plus ClassifiedAt), the
 * Segments summary and this week's snapshot — inside runJob (role check, document lock, audit entry).
 */
export function classifyNowJob(): ClassifyRunSummary {
  // In BigQuery mode the sheet holds a working set only: scoring it would overwrite every customer's
  // result with one computed on part of their history. The run is asked of BigQuery instead.
  if (bigQueryModeOn()) {
    classifyOrAskBigQuery(() => undefined);
    throw new Error(BIGQUERY_MODE_TEXT[userLang()]);
  }
  return runJob("classify", "run-jobs", () => {
    const settings = loadSettings();
    const lang = userLang();
    const summary = classifyAndWrite(settings, lang);
    return {
      result: summary,
      outcome: {
        rowsAffected: summary.scored + summary.prospects,
        detail: `scored ${summary.scored}, prospects ${summary.prospects}, skipped lines ${summary.problemCount}, unknown customers ${summary.unknownCount}`,
      },
    };
  });
}

function classifyAndWrite(settings: ClassifySettings, lang: Lang): ClassifyRunSummary {
  // Whatever started this run, it reads every edit made so far; edits from now on mark the book again.
  PropertiesService.getDocumentProperties().deleteProperty(DIRTY_KEY);
  // Classification reads no order details (products, quantities): only what the scores need.
  const { book, customers } = readBook(["customers", "orders"], { details: false, lang });
  if (!customers) throw new Error(SET_UP_FIRST[lang]);
  const missing = CUSTOMERS.columns.filter(
    (c) => c.owned && c.category === "value" && c.key !== "CreditRisk" && !customers.map.index.has(c.key),
  );
  // One short sentence with the way out, not a list of column names (the wizard adds what is missing).
  if (missing.length) throw new Error(SET_UP_FIRST[lang]);
  const now = new Date();
  const asOf = zoneDayFunction(book.timeZone)(now.getTime());
  const outcome = classify(book, { asOf, settings, lang });
  // Segment names come from the user's editable tables: writeValues stores "=…" as text, never a formula.
  const columns = new Map<string, readonly unknown[]>(outcome.columns);
  const why = outcome.columns.get("Why")!;
  columns.set(
    "ClassifiedAt",
    why.map((w) => (w === "" ? "" : now)),
  );
  const segmentAt = customers.map.index.get("Segment");
  const idAt = customers.map.index.get("CustomerID");
  const previousSegments = segmentAt === undefined ? [] : customers.rows.map((r) => r[segmentAt]);
  writeColumns(customers, columns);
  // Outbound webhooks (src/gas/webapp): customers whose segment changed, if an endpoint wants them.
  if (idAt !== undefined && columns.has("Segment"))
    notifySegmentChanges(
      previousSegments,
      columns.get("Segment")!,
      customers.rows.map((r) => r[idAt]),
    );
  const rows = summarize(outcome, settings, lang);
  writeSegmentSummary(rows, lang);
  try {
    setDocumentJson(SUMMARY_KEY, rows);
  } catch {
    // Too big for a property (long custom labels): the Segments tab still has it; never serve a stale one.
    PropertiesService.getDocumentProperties().deleteProperty(SUMMARY_KEY);
  }
  const snapshotWeek = writeSegmentSnapshot(outcome, asOf);
  return runSummary(outcome, dateKeyOfDay(asOf), snapshotWeek, lang);
}

function runSummary(
  outcome: ClassifyOutcome,
  asOf: string,
  snapshotWeek: string,
  lang: Lang,
): ClassifyRunSummary {
  const model = outcome.model;
  return {
    scored: outcome.results.length,
    prospects: outcome.prospects.length,
    orderLines: outcome.orderLinesUsed,
    asOf,
    churnModel: model.kind,
    churnNote: CHURN_NOTES[model.kind === "bgnbd" ? (model.model ?? "bgnbd") : model.reason][lang],
    problems: outcome.problems.slice(0, REPORTED),
    problemCount: outcome.problems.length,
    unknownCustomers: outcome.unknownCustomers.slice(0, REPORTED),
    unknownCount: outcome.unknownCustomers.length,
    snapshotWeek,
  };
}
