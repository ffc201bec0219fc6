/**
 * The BigQuery mode's server functions (Settings → BigQuery). Bound in src/gas/server-functions.ts, whose
 * wrapper checks the table's permission first (manage-settings: owners and managers; run-jobs for "Run
 * now") and audits every write; the settings change is also described in the run status.
 */
import { MAX_WORKING_SET, MIN_WORKING_SET } from "../../core/sql";
import type { BigQueryRunDto, BigQuerySettingsDto, BigQueryStatusDto } from "../../shared/bigquery";
import { pausedJobs, runResumable } from "../platform/resumable";
import { BIGQUERY_JOB, bigQueryJob } from "./bigquery-job";
import {
  bigQueryTarget,
  loadBigQuerySettings,
  loadMark,
  loadRunStatus,
  saveRunStatus,
  storeBigQuerySettings,
} from "./store";

export function getBigQuerySettings(): BigQueryStatusDto {
  const settings = loadBigQuerySettings();
  const target = bigQueryTarget(settings);
  const status = loadRunStatus();
  return {
    settings: { ...settings },
    exportedOrders: target ? loadMark("orders", target).exported : 0,
    exportedInteractions: target ? loadMark("interactions", target).exported : 0,
    lastRunAt: status.lastRunAt,
    lastClassifiedAt: status.lastClassifiedAt,
    lastTrimmedAt: status.lastTrimmedAt,
    trimmedLines: status.trimmedLines,
    lastError: status.lastError,
    pending: status.requested || pausedJobs().includes(BIGQUERY_JOB),
    minWorkingSet: MIN_WORKING_SET,
    maxWorkingSet: MAX_WORKING_SET,
  };
}

/** Validates and stores the form; switching the mode on asks the next hourly run to export. */
export function saveBigQuerySettings(dto: BigQuerySettingsDto): BigQueryStatusDto {
  const saved = storeBigQuerySettings(dto);
  if (saved.enabled) saveRunStatus({ requested: true });
  return getBigQuerySettings();
}

/** Runs the hourly job now; past the time limit it pauses and the hourly run continues it. */
export function runBigQueryNow(): BigQueryRunDto {
  saveRunStatus({ requested: true });
  const result = runResumable(bigQueryJob);
  return result.status === "done"
    ? { status: "done", detail: result.outcome.detail ?? "" }
    : { status: "paused", detail: `${result.chunks} steps done; the hourly run continues` };
}
