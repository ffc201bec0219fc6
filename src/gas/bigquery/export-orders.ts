import type { Book } from "../../core/book";
import { dateKeyOfDay } from "../../core/calendar";
import { ORDER_TABLE_FIELDS, orderRecords, toNdjson } from "../../core/sql";
import type { BigQueryService, BigQueryTarget, JobResource } from "./service";

/**
 * Lines per load job. A load job's body travels through the advanced service as one request: 20,000
 * lines of NDJSON are about 3 MB, far under the 50 MB request limit Apps Script's URL fetches have
 * (https://developers.google.com/apps-script/guides/services/quotas#current_limitations), and a handful of
 * jobs fit in one 6-minute execution. Load jobs are free; 1,500 loads per table per day are allowed
 * (https://cloud.google.com/bigquery/quotas#load_jobs), so a run never needs more than a few.
 */
export const EXPORT_BATCH = 20_000;

/**
 * A table's export high-water mark, kept in document properties: every line whose stable key
 * (src/core/sql/line-keys.ts) is at or below `exported` is in BigQuery; `nextKey` is the next key to stamp.
 */
export interface ExportMark {
  readonly exported: number;
  readonly nextKey: number;
  /**
   * Bumped when a load job failed (a failed job loads nothing but keeps its ID): part of the job IDs, so
   * the failed batch is sent again under a new one.
   */
  readonly attempt?: number;
}

/** One line to export: its stable key and its row of the table. */
export interface KeyedRecord {
  readonly key: number;
  readonly record: object;
}

/** What one export run did. */
export interface ExportRun {
  readonly batches: number;
  readonly sent: number;
  readonly mark: ExportMark;
  /** False when the run stopped before the end (`budget` said so): the next run continues. */
  readonly done: boolean;
}

/** Where the lines go and how the run reports and paces itself. */
export interface ExportIo {
  readonly mark: ExportMark;
  /** Unique per document and table: the load jobs' IDs start with it. */
  readonly jobPrefix: string;
  readonly tableId: string;
  readonly fields: readonly object[];
  saveMark(mark: ExportMark): void;
  blob(text: string): unknown;
  /** Waits between polls of a running load job (Utilities.sleep). */
  sleep(ms: number): void;
  /** True while the run may start another batch (the execution's time budget). */
  budget(): boolean;
}

/**
 * Appends the lines whose key is above the high-water mark to the table, in key order, in load jobs of
 * EXPORT_BATCH lines, saving the mark after each. Keys, not sheet rows, decide what is sent, so sorting,
 * deleting or trimming rows between runs changes nothing. Exactly once even when the run is cut at any
 * call:
 * - each job's ID is the prefix and the batch's first key, and BigQuery refuses a second job with an ID
 *   already used ("Already Exists", https://cloud.google.com/bigquery/docs/running-jobs#generate-jobid), so
 *   a batch sent before a cut and sent again after it is loaded once; the refused retry reads the first job
 *   (Jobs.get) and takes its last key from the job's labels, so a batch cut to a different length (rows
 *   deleted in between) is not sent again either;
 * - the mark is saved only once BigQuery reports the job DONE, so nothing is skipped; keys are stamped on
 *   the sheet before any job names them, and a new key is always above every key stamped before, so no
 *   line can appear below the mark unsent.
 * Load jobs rather than Tabledata.insertAll because insertAll deduplicates insertIds on a best-effort
 * basis only (https://cloud.google.com/bigquery/docs/streaming-data-into-bigquery#dataconsistency), is
 * billed per byte, and streamed rows cannot be changed for a while.
 */
export function exportLines(
  bq: BigQueryService,
  target: BigQueryTarget,
  lines: readonly KeyedRecord[],
  io: ExportIo,
): ExportRun {
  let mark = io.mark;
  const pending = lines.filter((l) => l.key > mark.exported).sort((a, b) => a.key - b.key);
  let batches = 0;
  let sent = 0;
  let at = 0;
  while (at < pending.length) {
    if (!io.budget()) return { batches, sent, mark, done: false };
    const batch = pending.slice(at, at + EXPORT_BATCH);
    const from = batch[0].key;
    const to = batch[batch.length - 1].key;
    const jobId = `${io.jobPrefix}_${io.tableId}_${mark.attempt ?? 0}_${from}`;
    const job = {
      jobReference: { projectId: target.projectId, jobId, location: target.location },
      configuration: {
        labels: { to: String(to) },
        load: {
          destinationTable: { projectId: target.projectId, datasetId: target.datasetId, tableId: io.tableId },
          sourceFormat: "NEWLINE_DELIMITED_JSON",
          writeDisposition: "WRITE_APPEND",
          createDisposition: "CREATE_IF_NEEDED",
          schema: { fields: io.fields },
        },
      },
    };
    let loadedTo = to;
    try {
      try {
        bq.Jobs.insert(job, target.projectId, io.blob(toNdjson(batch.map((l) => l.record))));
        waitForJob(bq, target, jobId, io.sleep);
        sent += batch.length;
      } catch (e) {
        if (!/Already Exists/i.test(String((e as Error).message))) throw e;
        // Sent before a cut: that job holds the lines from `from` to its own last key.
        const earlier = waitForJob(bq, target, jobId, io.sleep);
        const labels = (earlier.configuration?.labels ?? {}) as { to?: string };
        loadedTo = Number(labels.to ?? to);
      }
    } catch (e) {
      if (e instanceof LoadFailedError) io.saveMark({ ...mark, attempt: (mark.attempt ?? 0) + 1 });
      throw e;
    }
    mark = { ...mark, exported: Math.max(mark.exported, loadedTo) };
    io.saveMark(mark);
    batches++;
    while (at < pending.length && pending[at].key <= mark.exported) at++;
  }
  return { batches, sent, mark, done: true };
}

/**
 * The book's readable order lines with their keys (`keyOf(i)`: the key of line i, 0 when it has none) as
 * records of the orders table. Lines without a key are left for a later run (an unreadable line gets its
 * key once it is fixed).
 */
export function orderLines(book: Book, keyOf: (line: number) => number): KeyedRecord[] {
  const { records } = orderRecords(book, 0, book.orders.length, (i) => String(keyOf(i)));
  return records
    .map((record) => ({ key: Number(record.line_key), record }))
    .filter((l) => Number.isSafeInteger(l.key) && l.key > 0);
}

/** The orders table's schema (ORDER_TABLE_FIELDS) as exportLines takes it. */
export const ORDER_FIELDS: readonly object[] = ORDER_TABLE_FIELDS;

/** The interactions table: who, when, how and what kind; the free-text Summary stays on the sheet. */
export const INTERACTION_FIELDS: readonly object[] = [
  { name: "line_key", type: "STRING", mode: "REQUIRED" },
  { name: "customer_id", type: "STRING", mode: "REQUIRED" },
  { name: "interaction_day", type: "INTEGER", mode: "REQUIRED" },
  { name: "interaction_date", type: "DATE", mode: "REQUIRED" },
  { name: "channel", type: "STRING", mode: "NULLABLE" },
  { name: "type", type: "STRING", mode: "NULLABLE" },
  { name: "owner", type: "STRING", mode: "NULLABLE" },
];

/** One Interactions row as a record of the interactions table (null when it has no customer or date). */
export function interactionRecord(
  key: number,
  customerId: string,
  day: number,
  cells: { readonly channel: unknown; readonly type: unknown; readonly owner: unknown },
): KeyedRecord | null {
  if (!customerId || !Number.isFinite(day) || key <= 0) return null;
  const text = (v: unknown) => (v === "" || v == null ? null : String(v));
  return {
    key,
    record: {
      line_key: String(key),
      customer_id: customerId,
      interaction_day: day,
      interaction_date: dateKeyOfDay(day),
      channel: text(cells.channel),
      type: text(cells.type),
      owner: text(cells.owner),
    },
  };
}

/** A load job BigQuery reports failed (nothing of it was loaded). */
export class LoadFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LoadFailedError";
  }
}

/**
 * Polls a load job until it is DONE (a load runs asynchronously: Jobs.insert answers PENDING or RUNNING):
 * the mark moves only past lines BigQuery holds. A failed job throws LoadFailedError; exportLines then
 * bumps the mark's attempt, so the next run sends its lines under a new ID (the failed job keeps its own).
 */
export function waitForJob(
  bq: BigQueryService,
  target: BigQueryTarget,
  jobId: string,
  sleep: (ms: number) => void,
): JobResource {
  for (let poll = 0; poll < 60; poll++) {
    const job = bq.Jobs.get(target.projectId, jobId, { location: target.location });
    const error = job.status?.errorResult?.message;
    if (error) throw new LoadFailedError(`BigQuery load ${jobId} failed: ${error}`);
    if (job.status?.state === "DONE") return job;
    sleep(Math.min(1000 * (poll + 1), 5000));
  }
  throw new Error(`BigQuery load ${jobId} still running; the next run continues`);
}
