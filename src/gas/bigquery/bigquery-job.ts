/**
 * The BigQuery mode's run as a resumable job (src/gas/platform/resumable.ts): export Orders and
 * Interactions (stamping keys first), classify in BigQuery and write the results to Customers, then trim
 * Orders to its working set. Each phase is a step; a step cut at any call is repeated by the next run and
 * is safe to repeat: the export continues from its saved mark (load job IDs refuse a batch twice), the
 * classification writes the same columns, and trimming backs up and checks its rows before deleting.
 * The hourly dispatcher starts it (scheduled-jobs.ts, `bigQueryScheduled`) and continues it when paused.
 */
import { zoneDayFunction } from "../../core/calendar";
import { summarize } from "../../core/classify";
import { ORDERS } from "../../core/schema/sheets";
import { LINE_KEY_HEADER, planTrim, type TrimLine } from "../../core/sql";
import { CLASSIFY_SET_UP_FIRST } from "../../shared/classify";
import { readBook } from "../book/read-book";
import { loadSettings } from "../classify/settings-store";
import { writeSegmentSummary } from "../classify/summary-sheets";
import type { JobOutcome } from "../platform/job";
import { spreadsheetTimeZone, userLang } from "../platform/locale";
import type { ResumableJob, StepContext } from "../platform/resumable";
import { readTable, RowsChangedError, writeColumns } from "../platform/sheet-table";
import { backupSet } from "../trust/backups";
import { classifyInBigQuery, ensureDataset } from "./classify-bigquery";
import { exportLines, INTERACTION_FIELDS, ORDER_FIELDS } from "./export-orders";
import type { BigQueryService, BigQueryTarget } from "./service";
import { bookOf, keyedRecords, stampSheet } from "./sheet-lines";
import {
  bigQueryTarget,
  EXPORTED,
  loadBigQuerySettings,
  loadMark,
  saveMark,
  saveRunStatus,
  type ExportedTable,
} from "./store";

export const BIGQUERY_JOB = "bigquery";

type Phase = "orders" | "interactions" | "classify" | "trim";

interface BigQueryState {
  readonly phase: Phase;
  readonly sent: number;
  readonly stamped: number;
  readonly scored: number;
  readonly trimmed: number;
  /** Orders was backed up by this run's trim (a trim split over steps backs up once). */
  readonly backedUp?: boolean;
}

/** Row runs one trim step deletes (each a deleteRows call); the rest is the next step's. */
const RUNS_PER_STEP = 200;

/** Time a step leaves itself: an export stops starting batches when less than this is left. */
const RESERVE_MS = 60_000;

const service = () => (globalThis as unknown as { BigQuery: BigQueryService }).BigQuery;
const blob = (text: string) => Utilities.newBlob(text, "application/octet-stream");
const sleep = (ms: number) => Utilities.sleep(ms);

function requireTarget(): BigQueryTarget {
  const target = bigQueryTarget();
  if (!target)
    throw new Error(
      "BigQuery mode is off: set it up in Settings → BigQuery. / BigQuery 模式未开启：请在 设置 → BigQuery 中设置。",
    );
  return target;
}

/** The load jobs' ID prefix: unique per document, so two books exporting to one dataset never collide. */
function jobPrefix(): string {
  return `sheetcrm_${SpreadsheetApp.getActive()
    .getId()
    .replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

function exportStep(table: ExportedTable, state: BigQueryState, run: StepContext<BigQueryState>) {
  const target = requireTarget();
  const bq = service();
  if (table === "orders") ensureDataset(bq, target);
  const keyed = stampSheet(table, target);
  if (!keyed) return { state: { ...state, phase: next(table) }, done: false };
  const result = exportLines(bq, target, keyedRecords(table, keyed), {
    mark: loadMark(table, target),
    jobPrefix: jobPrefix(),
    tableId: EXPORTED[table],
    fields: table === "orders" ? ORDER_FIELDS : INTERACTION_FIELDS,
    saveMark: (mark) => saveMark(table, target, mark),
    blob,
    sleep,
    budget: () => run.msLeft() > RESERVE_MS,
  });
  const after = { ...state, sent: state.sent + result.sent, stamped: state.stamped + keyed.stamped };
  return { state: result.done ? { ...after, phase: next(table) } : after, done: false };
}

const next = (table: ExportedTable): Phase => (table === "orders" ? "interactions" : "classify");

function classifyStep(state: BigQueryState): BigQueryState {
  const target = requireTarget();
  const lang = userLang();
  const settings = loadSettings();
  const { book, customers } = readBook(["customers"], { details: false, lang });
  if (!customers) throw new Error(CLASSIFY_SET_UP_FIRST[lang]);
  const now = new Date();
  const asOf = zoneDayFunction(spreadsheetTimeZone())(now.getTime());
  const outcome = classifyInBigQuery(service(), target, book, { settings, asOf, lang, blob, sleep });
  const columns = new Map<string, readonly unknown[]>(outcome.columns);
  const why = outcome.columns.get("Why")!;
  columns.set(
    "ClassifiedAt",
    why.map((w) => (w === "" ? "" : now)),
  );
  writeColumns(customers, columns);
  writeSegmentSummary(summarize(outcome, settings, lang), lang);
  saveRunStatus({ lastClassifiedAt: now.toISOString() });
  return { ...state, phase: "trim", scored: outcome.results.length };
}

/**
 * Trims Orders to the working set: only lines BigQuery holds (key at or below the orders mark), oldest
 * first (planTrim). The sheet is backed up first (Backups, with its cells: a restore brings the lines
 * back), and the key column is read again after the backup: rows moved in between stop the trim before
 * anything is deleted (the next run trims again).
 */
function trimStep(state: BigQueryState): { state: BigQueryState; done: boolean } {
  const settings = loadBigQuerySettings();
  const target = requireTarget();
  if (settings.workingSetLines <= 0) return { state, done: true };
  const snapshot = readTable(ORDERS);
  if (!snapshot) return { state, done: true };
  const keyAt = snapshot.headers.findIndex((h) => String(h).trim() === LINE_KEY_HEADER);
  if (keyAt < 0) return { state, done: true };
  // Days as the book reads them (a typed date too); a row the book skips (blank) is no line.
  const book = bookOf("orders", snapshot);
  const o = book.orders;
  const lines: TrimLine[] = [];
  for (let i = 0; i < o.length; i++) {
    const key = Number(snapshot.rows[o.row[i] - 2][keyAt]);
    lines.push({ row: o.row[i], key: Number.isSafeInteger(key) ? key : 0, day: o.day[i] });
  }
  const runs = planTrim(lines, loadMark("orders", target).exported, settings.workingSetLines);
  if (runs.length === 0) return { state, done: true };
  const sheet = snapshot.sheet;
  if (!state.backedUp) backupSet([sheet.getName()], "BigQuery working set", { keepCells: true });
  const now = sheet.getRange(2, keyAt + 1, Math.max(1, snapshot.rows.length), 1).getValues();
  if (
    sheet.getLastRow() !== snapshot.rows.length + 1 ||
    now.some((r, i) => String(r[0]) !== String(snapshot.rows[i][keyAt]))
  )
    throw new RowsChangedError(sheet.getName(), 2);
  // Runs are ordered bottom-up: deleting the first ones never shifts the rows of those left for later.
  let trimmed = state.trimmed;
  for (const run of runs.slice(0, RUNS_PER_STEP)) {
    sheet.deleteRows(run.start, run.count);
    trimmed += run.count;
  }
  saveRunStatus({ lastTrimmedAt: new Date().toISOString(), trimmedLines: trimmed });
  return { state: { ...state, trimmed, backedUp: true }, done: runs.length <= RUNS_PER_STEP };
}

export const bigQueryJob: ResumableJob<BigQueryState> = {
  name: BIGQUERY_JOB,
  permission: "run-jobs",
  begin: () => {
    requireTarget();
    saveRunStatus({ lastError: "" });
    return { phase: "orders", sent: 0, stamped: 0, scored: 0, trimmed: 0 };
  },
  step(state, run) {
    try {
      switch (state.phase) {
        case "orders":
        case "interactions":
          return exportStep(state.phase, state, run);
        case "classify":
          return { state: classifyStep(state), done: false };
        case "trim":
          return trimStep(state);
      }
    } catch (e) {
      saveRunStatus({ lastError: e instanceof Error ? e.message : String(e) });
      throw e;
    }
  },
  finish(state): JobOutcome {
    saveRunStatus({ lastRunAt: new Date().toISOString(), requested: false });
    return {
      rowsAffected: state.scored,
      detail: `sent ${state.sent} lines (${state.stamped} keys stamped), scored ${state.scored}, trimmed ${state.trimmed} order lines`,
    };
  },
};
