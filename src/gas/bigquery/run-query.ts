import type { ApiRows } from "../../core/sql";
import type { BigQueryService, BigQueryTarget, QueryResponse } from "./service";

/** How long one call may wait for the job inside BigQuery (the API's timeoutMs; default 10 s). */
const WAIT_MS = 10_000;
/** Rows asked per page: a page is also capped at 10 MB by the API, whichever comes first. */
const PAGE_ROWS = 20_000;

/**
 * Runs one Standard SQL query and returns all its rows: Jobs.query, then Jobs.getQueryResults while
 * jobComplete is false ("If jobComplete is false, … poll getQueryResults",
 * https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/query#response-body), then each further
 * page by its pageToken (https://cloud.google.com/bigquery/docs/paging-results). `sleep` waits between
 * polls (Utilities.sleep in Apps Script); polling stops after `maxPolls` with an error, before the
 * execution's 6-minute limit would.
 */
export function runQuery(
  bq: BigQueryService,
  target: BigQueryTarget,
  sql: string,
  sleep: (ms: number) => void,
  maxPolls = 30,
): ApiRows {
  const { projectId, location } = target;
  let response: QueryResponse = bq.Jobs.query(
    { query: sql, useLegacySql: false, timeoutMs: WAIT_MS, maxResults: PAGE_ROWS, location },
    projectId,
  );
  const jobId = response.jobReference.jobId;
  let polls = 0;
  while (!response.jobComplete) {
    if (++polls > maxPolls) throw new Error(`BigQuery job ${jobId} did not finish after ${maxPolls} polls`);
    sleep(Math.min(1000 * polls, 5000));
    response = bq.Jobs.getQueryResults(projectId, jobId, {
      timeoutMs: WAIT_MS,
      maxResults: PAGE_ROWS,
      location,
    });
  }
  const fields = (response.schema?.fields ?? []).map((f) => f.name);
  const rows = [...(response.rows ?? [])];
  while (response.pageToken) {
    response = bq.Jobs.getQueryResults(projectId, jobId, {
      pageToken: response.pageToken,
      maxResults: PAGE_ROWS,
      timeoutMs: WAIT_MS,
      location,
    });
    rows.push(...(response.rows ?? []));
  }
  const total = Number(response.totalRows ?? rows.length);
  if (rows.length !== total) throw new Error(`BigQuery returned ${rows.length} of ${total} rows`);
  return { fields, rows };
}
