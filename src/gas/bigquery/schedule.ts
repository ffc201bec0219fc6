/**
 * The BigQuery mode in the hourly dispatcher (src/gas/scheduled-jobs.ts): a pending job that runs the
 * resumable BigQuery job once a day, or at the next hourly run when asked (settings saved, "Run now"
 * paused, the book edited). While the mode is on the sheet holds only a working set, so the sheet's own
 * classification would score customers on part of their history: the nightly and after-edit
 * classifications ask for a BigQuery run instead (classifyOrAskBigQuery).
 */
import type { PendingJob } from "../platform/dispatcher";
import { pausedJobs, runResumable } from "../platform/resumable";
import { DIRTY_KEY } from "../classify/on-edit";
import { bigQueryJob, BIGQUERY_JOB } from "./bigquery-job";
import { bigQueryTarget, loadRunStatus, saveRunStatus } from "./store";

const DAY_MS = 24 * 60 * 60_000;

/** Whether the BigQuery mode is on (settings switched on with a project). */
export function bigQueryModeOn(): boolean {
  return bigQueryTarget() !== null;
}

function due(): boolean {
  // A paused run is continued by the dispatcher's continue-paused job: never twice in one execution.
  if (!bigQueryModeOn() || pausedJobs().includes(BIGQUERY_JOB)) return false;
  const status = loadRunStatus();
  if (status.requested) return true;
  const last = Date.parse(status.lastRunAt);
  return !Number.isFinite(last) || Date.now() - last >= DAY_MS;
}

export const bigQueryScheduled: PendingJob = {
  name: BIGQUERY_JOB,
  pending: due,
  run: () => {
    saveRunStatus({ requested: true });
    runResumable(bigQueryJob);
  },
};

/**
 * The sheet's classification, or in BigQuery mode a request for the BigQuery run (which classifies every
 * line BigQuery holds): the edits that made the book dirty are read by that run's export.
 */
export function classifyOrAskBigQuery(classifySheet: () => void): void {
  if (!bigQueryModeOn()) return classifySheet();
  PropertiesService.getDocumentProperties().deleteProperty(DIRTY_KEY);
  saveRunStatus({ requested: true });
}
