/**
 * The few places where BigQuery Standard SQL and DuckDB differ for the classification's SQL. Everything
 * else the generator writes is in the subset both accept (CTEs, CASE, window functions with ROWS frames,
 * COUNT(DISTINCT), CEIL/FLOOR, `/` as floating division, IN (subquery)).
 *
 * | what | BigQuery | DuckDB |
 * | --- | --- | --- |
 * | 64-bit integer type | INT64 | BIGINT |
 * | double type | FLOAT64 | DOUBLE |
 * | text type | STRING | VARCHAR |
 * | a decimal literal such as 0.2 | FLOAT64 | DECIMAL(2,1) (exact), so written CAST('0.2' AS …) in both |
 * | table name | `project.dataset.table` (backticks) | "schema"."table" (double quotes) |
 * | a group's median | PERCENTILE_CONT(x, 0.5) OVER (PARTITION BY …) (analytic only) | MEDIAN(x) aggregate; quantile_cont(x, 0.5) OVER (…) |
 *
 * The generator writes the median in each dialect's own form (classify-sql.ts per_day: the aggregate lets
 * DuckDB read the purchase days once); bigqueryToDuckdb maps BigQuery's analytic form to DuckDB's
 * window form, which gives the same values (tested).
 */
export type Dialect = "bigquery" | "duckdb";

/** The types the generated SQL names. */
export type SqlType = "int" | "float" | "string";

const TYPES: Readonly<Record<Dialect, Readonly<Record<SqlType, string>>>> = {
  bigquery: { int: "INT64", float: "FLOAT64", string: "STRING" },
  duckdb: { int: "BIGINT", float: "DOUBLE", string: "VARCHAR" },
};

/** The dialect's name of a type. */
export function typeName(dialect: Dialect, type: SqlType): string {
  return TYPES[dialect][type];
}

/**
 * A double literal that is the same double in both dialects and in JavaScript: the shortest round-trip
 * text of `value` parsed as a double (a bare `0.2` is an exact DECIMAL in DuckDB, not the double 0.2).
 */
export function floatLiteral(dialect: Dialect, value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return `CAST('${String(value)}' AS ${typeName(dialect, "float")})`;
}

/** A whole-number literal (settings and the analysis day are checked to be safe integers). */
export function intLiteral(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
  return String(value);
}

/** A table reference: a dotted path whose parts are letters, digits, _ and - (BigQuery project IDs). */
export interface TableRef {
  /** BigQuery: the project (left out in DuckDB, where a dataset is a schema of the one database). */
  readonly project?: string;
  /** BigQuery: the dataset; DuckDB: the schema. */
  readonly dataset: string;
  readonly table: string;
}

const NAME_PART = /^[A-Za-z0-9_-]{1,1024}$/;

/**
 * The dialect's quoted name of a table. Parts are checked against NAME_PART (no quotes, dots or spaces),
 * so no text from settings can end the identifier.
 */
export function tableName(dialect: Dialect, ref: TableRef): string {
  const parts = [ref.project, ref.dataset, ref.table].filter((p): p is string => !!p);
  for (const p of parts) if (!NAME_PART.test(p)) throw new RangeError(`bad table name part: ${p}`);
  if (dialect === "bigquery") return "`" + parts.join(".") + "`";
  return [ref.dataset, ref.table].map((p) => `"${p}"`).join(".");
}

const CAST_TYPES: Readonly<Record<string, string>> = {
  INT64: "BIGINT",
  FLOAT64: "DOUBLE",
  STRING: "VARCHAR",
};

/**
 * The dialect map applied to BigQuery text for DuckDB (what the emulated BigQuery service runs): backtick
 * table names become "dataset"."table" (the project dropped), and the BigQuery type names in a CAST
 * become DuckDB's, and PERCENTILE_CONT its quantile_cont. Exactly the differences this module lists: for
 * the generated SQL, bigqueryToDuckdb(text in "bigquery") equals the text in "duckdb" but for the median's
 * form, and gives the same rows (tested).
 */
export function bigqueryToDuckdb(sql: string): string {
  return sql
    .replace(/`([^`]+)`/g, (_, path: string) => {
      const parts = path.split(".");
      return parts
        .slice(-2)
        .map((p) => `"${p.replace(/"/g, '""')}"`)
        .join(".");
    })
    .replace(/\bAS (INT64|FLOAT64|STRING)\)/g, (_, t: string) => `AS ${CAST_TYPES[t]})`)
    .replace(/\bPERCENTILE_CONT\(/g, "quantile_cont(");
}
