/**
 * The BigQuery advanced service (`BigQuery`, v2) as the add-on uses it, on an in-process DuckDB (a worker
 * thread, bigquery-worker.ts). Requests and responses have the REST API's shapes, which the advanced
 * service passes through (https://developers.google.com/apps-script/advanced/bigquery):
 * - Jobs.query → {jobReference, jobComplete, schema, rows: [{f: [{v}]}], totalRows, pageToken}; every value
 *   is a string or null (https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/query). The first
 *   `pendingPolls` answers of a job say jobComplete: false with no rows, so callers must poll
 *   Jobs.getQueryResults as the API requires ("If jobComplete is false, … poll getQueryResults").
 * - Jobs.getQueryResults(projectId, jobId, {pageToken, maxResults, location, timeoutMs}): a page of at most
 *   maxResults (and at most the emulator's page size) rows, pageToken while more remain
 *   (https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/getQueryResults).
 * - Jobs.insert(job, projectId, blob): a load job (NEWLINE_DELIMITED_JSON or CSV, WRITE_APPEND or
 *   WRITE_TRUNCATE) or a query job. A jobId already used in the project is refused with 409 "Already
 *   Exists" (https://cloud.google.com/bigquery/docs/running-jobs#generate-jobid), which is what makes a
 *   load with a deterministic jobId happen at most once. Jobs.get returns the job.
 * - Tabledata.insertAll(request, projectId, datasetId, tableId): streaming rows; a row whose insertId was
 *   seen before is dropped (BigQuery deduplicates insertIds on a best-effort basis only:
 *   https://cloud.google.com/bigquery/docs/streaming-data-into-bigquery#dataconsistency).
 * - Tables.get/insert, Datasets.get/insert.
 * Errors read like the advanced service's: "API call to bigquery.tables.get failed with error: Not found:
 * Table p:d.t". SQL is BigQuery Standard SQL in the subset src/core/sql writes, translated for DuckDB by
 * its dialect map (bigqueryToDuckdb).
 */
import { bigqueryToDuckdb } from "../../core/sql/dialect";
import { DuckWorker, type DuckResult } from "./bigquery-worker";
import { gasError, wrap, type Env } from "./env";

/** A BigQuery field as the REST API describes it. */
interface Field {
  readonly name: string;
  readonly type: string;
  readonly mode?: string;
}

interface StoredJob {
  readonly resource: Record<string, unknown>;
  readonly result: DuckResult | null;
  pending: number;
}

/** Emulator settings of the service. */
export interface BigQueryOptions {
  /** Answers with jobComplete: false before a query's rows are given (default 1). */
  readonly pendingPolls?: number;
  /** The most rows one page holds whatever maxResults asks (default 10,000; the API caps pages at 10 MB). */
  readonly pageRows?: number;
}

/** What tests and the fault suite read of the emulated BigQuery besides the service itself. */
export interface BigQueryBackend {
  /** Runs DuckDB SQL directly (no translation, not counted): for tests to inspect tables. */
  sql(text: string): DuckResult;
  /** Calls made, by "Jobs.query" etc. */
  readonly calls: Map<string, number>;
  close(): void;
}

const TYPE_OF: Readonly<Record<string, string>> = {
  BIGINT: "INTEGER",
  INTEGER: "INTEGER",
  HUGEINT: "INTEGER",
  SMALLINT: "INTEGER",
  TINYINT: "INTEGER",
  UBIGINT: "INTEGER",
  DOUBLE: "FLOAT",
  FLOAT: "FLOAT",
  VARCHAR: "STRING",
  BOOLEAN: "BOOLEAN",
  DATE: "DATE",
  TIMESTAMP: "TIMESTAMP",
};

/** DuckDB's type of a BigQuery schema field (legacy and standard names). */
const DUCK_TYPE: Readonly<Record<string, string>> = {
  INTEGER: "BIGINT",
  INT64: "BIGINT",
  FLOAT: "DOUBLE",
  FLOAT64: "DOUBLE",
  NUMERIC: "DOUBLE",
  STRING: "VARCHAR",
  BOOLEAN: "BOOLEAN",
  BOOL: "BOOLEAN",
  DATE: "DATE",
  TIMESTAMP: "TIMESTAMP",
};

const ident = (name: string) => {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,1023}$/.test(name)) throw new Error(`Invalid field name "${name}"`);
  return `"${name}"`;
};
const datasetOk = (id: unknown) => typeof id === "string" && /^[A-Za-z0-9_]{1,1024}$/.test(id);

/**
 * Builds the `BigQuery` global: each resource (Jobs, Tabledata, Tables, Datasets) wrapped by the guard
 * under "BigQuery.<Resource>", so calls are counted, pass the fault gate and need the bigquery scope.
 */
export function createBigQuery(
  env: Env,
  options: BigQueryOptions = {},
): { service: object; backend: BigQueryBackend } {
  const duck = new DuckWorker();
  const jobs = new Map<string, StoredJob>();
  const insertIds = new Set<string>();
  const calls = new Map<string, number>();
  let nextJob = 0;
  const pendingPolls = options.pendingPolls ?? 1;
  const pageRows = options.pageRows ?? 10_000;

  const fail = (method: string, message: string): never => {
    throw gasError(env, `API call to bigquery.${method} failed with error: ${message}`);
  };
  const count = (key: string) => calls.set(key, (calls.get(key) ?? 0) + 1);
  const run = (method: string, sql: string): DuckResult => {
    try {
      return duck.call({ op: "run", sql });
    } catch (e) {
      return fail(method, (e as Error).message.split("\n")[0]);
    }
  };
  const tableExists = (datasetId: string, tableId: string) =>
    duck.call({
      op: "run",
      sql: `SELECT 1 FROM information_schema.tables WHERE table_schema = '${datasetId}' AND table_name = '${tableId.replace(/'/g, "''")}'`,
    }).rows.length > 0;
  const datasetExists = (datasetId: string) =>
    duck.call({
      op: "run",
      sql: `SELECT 1 FROM information_schema.schemata WHERE schema_name = '${datasetId}'`,
    }).rows.length > 0;
  const schemaOf = (result: DuckResult): { fields: Field[] } => ({
    fields: result.columns.map((c) => ({
      name: c.name,
      // A decimal literal is FLOAT64 in BigQuery (DECIMAL in DuckDB): reported as BigQuery types it.
      type: TYPE_OF[c.type] ?? (c.type.startsWith("DECIMAL") ? "FLOAT" : "STRING"),
      mode: "NULLABLE",
    })),
  });
  const tableRef = (method: string, ref: unknown) => {
    const r = (ref ?? {}) as { projectId?: string; datasetId?: string; tableId?: string };
    if (!datasetOk(r.datasetId) || typeof r.tableId !== "string" || !/^[A-Za-z0-9_]{1,1024}$/.test(r.tableId))
      fail(method, "Invalid table reference");
    return { projectId: String(r.projectId ?? ""), datasetId: r.datasetId!, tableId: r.tableId! };
  };
  const newJobId = (asked: unknown) => (typeof asked === "string" && asked ? asked : `job_emu_${++nextJob}`);
  const location = (asked: unknown) => (typeof asked === "string" && asked ? asked : "US");

  /** A query job's page: rows from the offset in pageToken, at most maxResults (and pageRows). */
  const page = (job: StoredJob, projectId: string, pageToken: unknown, maxResults: unknown) => {
    const result = job.result!;
    const from = pageToken === undefined || pageToken === null ? 0 : Number(pageToken);
    if (!Number.isInteger(from) || from < 0 || from > result.rows.length)
      fail("jobs.getQueryResults", "Invalid page token");
    const size = Math.min(pageRows, typeof maxResults === "number" && maxResults > 0 ? maxResults : pageRows);
    const rows = result.rows.slice(from, from + size).map((r) => ({ f: r.map((v) => ({ v })) }));
    const next = from + rows.length;
    return {
      kind: "bigquery#getQueryResultsResponse",
      jobReference: job.resource.jobReference,
      jobComplete: true,
      schema: schemaOf(result),
      totalRows: String(result.rows.length),
      rows,
      ...(next < result.rows.length ? { pageToken: String(next) } : {}),
      totalBytesProcessed: "0",
      cacheHit: false,
      projectId,
    };
  };

  const startQuery = (method: string, projectId: string, jobId: string, loc: string, query: unknown) => {
    if (typeof query !== "string" || !query.trim()) fail(method, "Query text is required");
    if (jobs.has(jobId)) fail(method, `Already Exists: Job ${projectId}:${loc}.${jobId}`);
    const result = run(method, bigqueryToDuckdb(query as string));
    const job: StoredJob = {
      resource: {
        kind: "bigquery#job",
        id: `${projectId}:${loc}.${jobId}`,
        jobReference: { projectId, jobId, location: loc },
        configuration: { query: { query } },
        status: { state: "DONE" },
      },
      result,
      pending: pendingPolls,
    };
    jobs.set(jobId, job);
    return job;
  };

  const Jobs = {
    query(
      request: { query?: string; useLegacySql?: boolean; maxResults?: number; location?: string },
      projectId: string,
    ) {
      count("Jobs.query");
      if (request?.useLegacySql !== false)
        fail("jobs.query", "Only standard SQL is emulated: set useLegacySql: false");
      const job = startQuery(
        "jobs.query",
        projectId,
        newJobId(undefined),
        location(request.location),
        request.query,
      );
      if (job.pending > 0) {
        job.pending--;
        return {
          kind: "bigquery#queryResponse",
          jobReference: job.resource.jobReference,
          jobComplete: false,
        };
      }
      return { ...page(job, projectId, undefined, request.maxResults), kind: "bigquery#queryResponse" };
    },
    getQueryResults(
      projectId: string,
      jobId: string,
      optional: { pageToken?: string; maxResults?: number; location?: string; timeoutMs?: number } = {},
    ) {
      count("Jobs.getQueryResults");
      const job = jobs.get(jobId);
      if (!job || !job.result) return fail("jobs.getQueryResults", `Not found: Job ${projectId}:${jobId}`);
      if (job.pending > 0) {
        job.pending--;
        return {
          kind: "bigquery#getQueryResultsResponse",
          jobReference: job.resource.jobReference,
          jobComplete: false,
        };
      }
      return page(job, projectId, optional?.pageToken, optional?.maxResults);
    },
    get(projectId: string, jobId: string) {
      count("Jobs.get");
      const job = jobs.get(jobId);
      if (!job) return fail("jobs.get", `Not found: Job ${projectId}:${jobId}`);
      return job.resource;
    },
    insert(resource: Record<string, unknown>, projectId: string, mediaData?: unknown) {
      count("Jobs.insert");
      const ref = (resource?.jobReference ?? {}) as { jobId?: string; location?: string };
      const jobId = newJobId(ref.jobId);
      const loc = location(ref.location);
      const config = (resource?.configuration ?? {}) as Record<string, Record<string, unknown>>;
      if (config.query) return startQuery("jobs.insert", projectId, jobId, loc, config.query.query).resource;
      const load = config.load;
      if (!load) return fail("jobs.insert", "Job configuration must contain query or load");
      if (jobs.has(jobId)) fail("jobs.insert", `Already Exists: Job ${projectId}:${loc}.${jobId}`);
      const dest = tableRef("jobs.insert", load.destinationTable);
      const text = blobText(mediaData);
      const format = String(load.sourceFormat ?? "CSV");
      if (!tableExists(dest.datasetId, dest.tableId)) {
        const schema = load.schema as { fields?: Field[] } | undefined;
        if (!schema?.fields?.length || load.createDisposition === "CREATE_NEVER")
          fail("jobs.insert", `Not found: Table ${projectId}:${dest.datasetId}.${dest.tableId}`);
        createTable(dest.datasetId, dest.tableId, schema!.fields!);
      }
      const table = `"${dest.datasetId}".${ident(dest.tableId)}`;
      if (load.writeDisposition === "WRITE_TRUNCATE") run("jobs.insert", `DELETE FROM ${table}`);
      let ndjson = text;
      if (format === "CSV") ndjson = csvToNdjson(text, Number(load.skipLeadingRows ?? 0), columnsOf(dest));
      else if (format !== "NEWLINE_DELIMITED_JSON")
        fail("jobs.insert", `Unsupported source format ${format}`);
      let loaded = 0;
      if (ndjson.trim()) {
        try {
          duck.call({ op: "insertJson", table, ndjson });
        } catch (e) {
          fail("jobs.insert", `Error while reading data: ${(e as Error).message.split("\n")[0]}`);
        }
        loaded = ndjson.split("\n").filter((l) => l.trim()).length;
      }
      const job: StoredJob = {
        resource: {
          kind: "bigquery#job",
          id: `${projectId}:${loc}.${jobId}`,
          jobReference: { projectId, jobId, location: loc },
          configuration: resource.configuration,
          status: { state: "DONE" },
          statistics: { load: { outputRows: String(loaded) } },
        },
        result: null,
        pending: 0,
      };
      jobs.set(jobId, job);
      return job.resource;
    },
  };

  const columnsOf = (ref: { datasetId: string; tableId: string }) =>
    duck
      .call({ op: "run", sql: `DESCRIBE "${ref.datasetId}".${ident(ref.tableId)}` })
      .rows.map((r) => String(r[0]));

  const createTable = (datasetId: string, tableId: string, fields: readonly Field[]) => {
    if (!datasetExists(datasetId)) fail("tables.insert", `Not found: Dataset ${datasetId}`);
    const cols = fields.map((f) => {
      const type = DUCK_TYPE[String(f.type).toUpperCase()];
      if (!type) fail("tables.insert", `Unsupported field type ${f.type}`);
      return `${ident(f.name)} ${type}${f.mode === "REQUIRED" ? " NOT NULL" : ""}`;
    });
    run("tables.insert", `CREATE TABLE "${datasetId}".${ident(tableId)} (${cols.join(", ")})`);
  };

  const Tabledata = {
    insertAll(
      request: { rows?: { insertId?: string; json?: Record<string, unknown> }[]; skipInvalidRows?: boolean },
      projectId: string,
      datasetId: string,
      tableId: string,
    ) {
      count("Tabledata.insertAll");
      const ref = tableRef("tabledata.insertAll", { projectId, datasetId, tableId });
      if (!tableExists(ref.datasetId, ref.tableId))
        fail("tabledata.insertAll", `Not found: Table ${projectId}:${datasetId}.${tableId}`);
      const fresh = (request?.rows ?? []).filter((r) => {
        if (!r.insertId) return true;
        const key = `${datasetId}.${tableId}:${r.insertId}`;
        if (insertIds.has(key)) return false;
        insertIds.add(key);
        return true;
      });
      if (fresh.length)
        duck.call({
          op: "insertJson",
          table: `"${datasetId}".${ident(tableId)}`,
          ndjson: fresh.map((r) => JSON.stringify(r.json ?? {})).join("\n") + "\n",
        });
      return { kind: "bigquery#tableDataInsertAllResponse" };
    },
  };

  const Tables = {
    get(projectId: string, datasetId: string, tableId: string) {
      count("Tables.get");
      const ref = tableRef("tables.get", { projectId, datasetId, tableId });
      if (!tableExists(ref.datasetId, ref.tableId))
        fail("tables.get", `Not found: Table ${projectId}:${datasetId}.${tableId}`);
      const cols = duck.call({ op: "run", sql: `DESCRIBE "${datasetId}".${ident(tableId)}` });
      const rows = duck.call({ op: "run", sql: `SELECT COUNT(*) FROM "${datasetId}".${ident(tableId)}` });
      return {
        kind: "bigquery#table",
        id: `${projectId}:${datasetId}.${tableId}`,
        tableReference: { projectId, datasetId, tableId },
        schema: {
          fields: cols.rows.map((r) => ({
            name: String(r[0]),
            type: TYPE_OF[String(r[1])] ?? "STRING",
            mode: "NULLABLE",
          })),
        },
        numRows: String(rows.rows[0][0]),
      };
    },
    insert(
      resource: { tableReference?: unknown; schema?: { fields?: Field[] } },
      projectId: string,
      datasetId: string,
    ) {
      count("Tables.insert");
      const ref = tableRef("tables.insert", {
        projectId,
        datasetId,
        ...(resource?.tableReference as object),
      });
      if (tableExists(ref.datasetId, ref.tableId))
        fail("tables.insert", `Already Exists: Table ${projectId}:${datasetId}.${ref.tableId}`);
      if (!resource.schema?.fields?.length) fail("tables.insert", "Table schema is required");
      createTable(ref.datasetId, ref.tableId, resource.schema!.fields!);
      return { kind: "bigquery#table", tableReference: ref, schema: resource.schema };
    },
  };

  const Datasets = {
    get(projectId: string, datasetId: string) {
      count("Datasets.get");
      if (!datasetOk(datasetId) || !datasetExists(datasetId))
        fail("datasets.get", `Not found: Dataset ${projectId}:${datasetId}`);
      return {
        kind: "bigquery#dataset",
        id: `${projectId}:${datasetId}`,
        datasetReference: { projectId, datasetId },
      };
    },
    insert(resource: { datasetReference?: { datasetId?: string }; location?: string }, projectId: string) {
      count("Datasets.insert");
      const datasetId = resource?.datasetReference?.datasetId;
      if (!datasetOk(datasetId)) fail("datasets.insert", "Invalid dataset ID");
      if (datasetExists(datasetId!))
        fail("datasets.insert", `Already Exists: Dataset ${projectId}:${datasetId}`);
      run("datasets.insert", `CREATE SCHEMA "${datasetId}"`);
      return {
        kind: "bigquery#dataset",
        id: `${projectId}:${datasetId}`,
        datasetReference: { projectId, datasetId },
        location: resource.location ?? "US",
      };
    },
  };

  const service = {
    Jobs: wrap(env, "BigQuery.Jobs", Jobs),
    Tabledata: wrap(env, "BigQuery.Tabledata", Tabledata),
    Tables: wrap(env, "BigQuery.Tables", Tables),
    Datasets: wrap(env, "BigQuery.Datasets", Datasets),
  };
  const wrapped = wrap(env, "BigQuery", service);
  // An emulator dropped without close() (the fault suite makes hundreds) stops its worker once collected.
  WORKERS.register(wrapped, duck);
  return {
    service: wrapped,
    backend: { sql: (text) => duck.call({ op: "run", sql: text }), calls, close: () => duck.close() },
  };
}

const WORKERS = new FinalizationRegistry<DuckWorker>((worker) => worker.close());

/** The text of a Blob the bundle passed (Utilities.newBlob), or of a string. */
function blobText(data: unknown): string {
  if (typeof data === "string") return data;
  const blob = data as { getDataAsString?: () => string } | undefined;
  if (blob && typeof blob.getDataAsString === "function") return blob.getDataAsString();
  return "";
}

/** CSV (RFC 4180: quotes, doubled quotes, embedded newlines) to NDJSON objects keyed by the table's columns. */
function csvToNdjson(text: string, skip: number, columns: readonly string[]): string {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") (record.push(field), (field = ""));
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      ((field = ""), (record = []));
    } else field += ch;
  }
  if (field !== "" || record.length) (record.push(field), records.push(record));
  return records
    .slice(skip)
    .map((r) =>
      JSON.stringify(
        Object.fromEntries(columns.map((c, i) => [c, r[i] === "" || r[i] === undefined ? null : r[i]])),
      ),
    )
    .join("\n");
}
