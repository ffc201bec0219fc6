import type { Book } from "../../core/book";
import type { DayNumber } from "../../core/calendar";
import type { ClassifySettings } from "../../core/classify";
import type { Lang } from "../../core/schema/types";
import {
  classificationSql,
  CUSTOMER_TABLE_FIELDS,
  outcomeFromSql,
  readBreaks,
  readResultRows,
  toNdjson,
  type SqlOutcome,
} from "../../core/sql";
import { waitForJob } from "./export-orders";
import { runQuery } from "./run-query";
import type { BigQueryService, BigQueryTarget } from "./service";

/** The add-on's tables in the dataset. */
export const TABLES = { orders: "orders", customers: "customers" } as const;

/**
 * Creates the dataset when it is missing (in the settings' location). The tables are created by their
 * first load job (createDisposition CREATE_IF_NEEDED with the schema).
 */
export function ensureDataset(bq: BigQueryService, target: BigQueryTarget): void {
  try {
    bq.Datasets.get(target.projectId, target.datasetId);
  } catch (e) {
    if (!/Not found/i.test(String((e as Error).message))) throw e;
    bq.Datasets.insert(
      {
        datasetReference: { projectId: target.projectId, datasetId: target.datasetId },
        location: target.location,
      },
      target.projectId,
    );
  }
}

/**
 * Classifies the book's customers in BigQuery: the known CustomerIDs replace the customers table (one
 * load job, WRITE_TRUNCATE), the classification SQL (src/core/sql, BigQuery dialect) runs on the orders
 * table the export fills, and its rows come back through runQuery (polling, pages). The churn (BG/NBD or
 * MBG/NBD) and spend (Gamma-Gamma) models are fitted here on the per-customer summary SQL returned.
 */
export function classifyInBigQuery(
  bq: BigQueryService,
  target: BigQueryTarget,
  book: Book,
  options: {
    readonly settings: ClassifySettings;
    readonly asOf: DayNumber;
    readonly lang: Lang;
    blob(text: string): unknown;
    sleep(ms: number): void;
  },
): SqlOutcome {
  const ids = [...new Set(book.customers.ids.slice(0, book.customers.known))].filter((id) => id !== "");
  const load = bq.Jobs.insert(
    {
      jobReference: { projectId: target.projectId, location: target.location },
      configuration: {
        load: {
          destinationTable: {
            projectId: target.projectId,
            datasetId: target.datasetId,
            tableId: TABLES.customers,
          },
          sourceFormat: "NEWLINE_DELIMITED_JSON",
          writeDisposition: "WRITE_TRUNCATE",
          createDisposition: "CREATE_IF_NEEDED",
          schema: { fields: CUSTOMER_TABLE_FIELDS },
        },
      },
    },
    target.projectId,
    options.blob(toNdjson(ids.map((customer_id) => ({ customer_id })))),
  );
  waitForJob(bq, target, String(load.jobReference?.jobId), options.sleep);
  const ref = (table: string) => ({ project: target.projectId, dataset: target.datasetId, table });
  const sql = classificationSql(
    options.settings,
    { orders: ref(TABLES.orders), customers: ref(TABLES.customers), asOf: options.asOf },
    "bigquery",
  );
  const rows = readResultRows(runQuery(bq, target, sql.query, options.sleep));
  const breaks = sql.breaksQuery
    ? readBreaks(runQuery(bq, target, sql.breaksQuery, options.sleep), options.settings.bins)
    : null;
  return outcomeFromSql({
    rows,
    breaks,
    customers: book.customers,
    settings: options.settings,
    asOf: options.asOf,
    lang: options.lang,
  });
}
