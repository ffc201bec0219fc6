/**
 * `npm run classify -- --engine sql`: the files' book exported to the emulated BigQuery by the add-on's
 * own export (load jobs, high-water mark) and classified by its own SQL path (classifyInBigQuery), on the
 * emulator's DuckDB. Returns the result columns by Customers row, as the core's classification writes them.
 */
import { buildBook } from "../../core/book";
import { dayOfDateKey } from "../../core/calendar";
import { validateSettings } from "../../core/classify";
import { CUSTOMERS, ORDERS } from "../../core/schema/sheets";
import type { Lang } from "../../core/schema/types";
import type { SqlOutcome } from "../../core/sql";
import { classifyInBigQuery, ensureDataset, TABLES } from "../../gas/bigquery/classify-bigquery";
import { exportLines, orderLines, ORDER_FIELDS, type ExportMark } from "../../gas/bigquery/export-orders";
import type { BigQueryService } from "../../gas/bigquery/service";
import type { Emulator } from "./index";

export const CLI_TARGET = { projectId: "sheet-crm-local", datasetId: "crm", location: "US" } as const;

export function classifyThroughBigQuery(
  emulator: Emulator,
  options: {
    readonly asOf: string;
    readonly lang: Lang;
    readonly timeZone: string;
    readonly settings: unknown;
  },
): SqlOutcome {
  const settings = validateSettings(options.settings);
  if (!settings.ok) throw new Error(settings.problems.map((p) => `${p.path}: ${p.message}`).join("; "));
  const tab = (name: string) => {
    const sheet = emulator.snapshot().sheets.find((s) => s.name === name)!;
    return { name, headers: sheet.values[0], rows: sheet.values.slice(1) };
  };
  const book = buildBook(
    { customers: tab(CUSTOMERS.name[options.lang]), orders: tab(ORDERS.name[options.lang]) },
    { timeZone: options.timeZone, lang: options.lang, details: false },
  );
  const bq = emulator.globals.BigQuery as BigQueryService;
  const utilities = emulator.globals.Utilities as GoogleAppsScript.Utilities.Utilities;
  const blob = (text: string) => utilities.newBlob(text, "application/octet-stream");
  const sleep = () => undefined;
  ensureDataset(bq, CLI_TARGET);
  let mark: ExportMark = { exported: 0, nextKey: 1 };
  // The files' lines are keyed by position (1, 2, …): nothing moves them between stamping and export here.
  const run = exportLines(
    bq,
    CLI_TARGET,
    orderLines(book, (i) => i + 1),
    {
      mark,
      jobPrefix: "cli",
      tableId: TABLES.orders,
      fields: ORDER_FIELDS,
      saveMark: (m) => (mark = m),
      blob,
      sleep,
      budget: () => true,
    },
  );
  if (!run.done) throw new Error("export did not finish");
  return classifyInBigQuery(bq, CLI_TARGET, book, {
    settings: settings.settings,
    asOf: dayOfDateKey(options.asOf),
    lang: options.lang,
    blob,
    sleep,
  });
}
