/**
 * The classification as SQL (BigQuery Standard SQL and DuckDB): the text generated from the core's
 * settings, and the rows it returns turned into the core's result columns. Pure.
 */
export { classificationSql, stepQuery, ORDER_COLUMNS, RESULT_FIELDS } from "./classify-sql";
export type { ClassificationSql, SqlSource, SqlStep } from "./classify-sql";
export { bigqueryToDuckdb, floatLiteral, intLiteral, tableName, typeName } from "./dialect";
export type { Dialect, SqlType, TableRef } from "./dialect";
export { outcomeFromSql, readBreaks, readResultRows } from "./sql-outcome";
export type { ApiRows, SqlCustomerRow, SqlOutcome, SqlOutcomeInput } from "./sql-outcome";
export { CUSTOMER_TABLE_FIELDS, ORDER_TABLE_FIELDS, orderRecords, toNdjson } from "./order-records";
export type { OrderRecord, OrderRecords } from "./order-records";
export { LINE_KEY_HEADER, planLineKeys } from "./line-keys";
export type { KeyPlan } from "./line-keys";
export { planTrim } from "./working-set";
export type { RowRun, TrimLine } from "./working-set";
export {
  DEFAULT_BIGQUERY_SETTINGS,
  MAX_WORKING_SET,
  MIN_WORKING_SET,
  validateBigQuerySettings,
} from "./bigquery-settings";
export type { BigQuerySettings, BigQuerySettingsCheck } from "./bigquery-settings";
