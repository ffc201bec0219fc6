/**
 * The hourly dispatcher's table: every job the add-on runs on its own, in the order a run takes them, and
 * the time-driven trigger handlers. Only the handlers are exported (main.ts makes every export a top-level
 * function, which google.script.run could call).
 *
 * New installs hold one time-driven trigger, handleDispatch (see platform/dispatcher.ts). The handlers of
 * older versions stay, as thin functions running their job: a deleted handler would break the triggers
 * existing installs still hold; each such run also replaces them with the dispatcher.
 */
import { campaignsJob } from "./campaigns/job";
import { alertsJob } from "./notify/alerts/job";
import { classifyNowJob } from "./classify/run-classify";
import { NIGHTLY_CADENCE } from "./classify/nightly";
import { DIRTY_KEY } from "./classify/on-edit";
import { dailyRun, reminderCadence, weeklyCadence, weeklyRun } from "./notify/triggers";
import { loadNotifySettings } from "./notify/settings-store";
import { dispatch, runLegacy, type ScheduledJob } from "./platform/dispatcher";
import { claimInstaller } from "./platform/guard";
import { pausedJobs, resumePausedJobs, type ResumableJob } from "./platform/resumable";
import { hasQueuedEntries, storeQueuedEntries } from "./trust/audit-log";
import { backupAll, WEEKLY_BACKUP_CADENCE } from "./trust/backup-job";
import { restoreJob } from "./trust/restore-job";
import { setupFormatsJob } from "./table/setup-formats-job";
import { mailSwitchedOn } from "./schedule-switches";
import { bigQueryJob } from "./bigquery/bigquery-job";
import { bigQueryScheduled, classifyOrAskBigQuery } from "./bigquery/schedule";

/**
 * Every resumable job, by name: the dispatcher continues a paused job by finding it here. A registry
 * filled as modules load would do as well only while every job registers at load; an explicit table
 * cannot miss one.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each job has its own state type
const RESUMABLE_JOBS: readonly ResumableJob<any>[] = [setupFormatsJob, restoreJob(null), bigQueryJob];

const weeklyBackup: ScheduledJob = {
  name: "weekly-backup",
  feature: "weeklyBackup",
  cadence: () => WEEKLY_BACKUP_CADENCE,
  run: () => void backupAll("weekly"),
};

const nightlyClassify: ScheduledJob = {
  name: "nightly-classify",
  feature: "nightlyClassify",
  cadence: () => NIGHTLY_CADENCE,
  // In BigQuery mode the sheet holds a working set only: BigQuery classifies (bigquery/schedule.ts).
  run: () => classifyOrAskBigQuery(() => void classifyNowJob()),
};

/** Orders changed since the last classification: once at the next run, however many edits (debounce). */
const reclassify: ScheduledJob = {
  name: "reclassify-after-edits",
  pending: () => PropertiesService.getDocumentProperties().getProperty(DIRTY_KEY) !== null,
  run: () => classifyOrAskBigQuery(() => void classifyNowJob()),
};

const reminders: ScheduledJob = {
  name: "reminders",
  feature: "notifications",
  cadence: () => reminderCadence(loadNotifySettings()),
  switchedOn: () => mailSwitchedOn("daily"),
  run: () => void dailyRun("schedule"),
};

const weeklyReport: ScheduledJob = {
  name: "weekly-report",
  feature: "notifications",
  cadence: () => weeklyCadence(loadNotifySettings()),
  switchedOn: () => mailSwitchedOn("weekly"),
  run: () => void weeklyRun("schedule"),
};

const continuePaused: ScheduledJob = {
  name: "continue-paused-jobs",
  pending: () => pausedJobs().length > 0,
  run: () => resumePausedJobs(RESUMABLE_JOBS),
};

/**
 * Audit entries queued because the log could not be written when they were made (another user's edit): the
 * trigger's creator may write the log, so waiting entries reach it within the hour.
 */
const storeAuditQueue: ScheduledJob = {
  name: "store-audit-queue",
  pending: hasQueuedEntries,
  run: () => void storeQueuedEntries(),
};

/** In run order: the backup before anything writes; the nightly classification before its debounced twin. */
const JOBS: readonly ScheduledJob[] = [
  storeAuditQueue,
  weeklyBackup,
  continuePaused,
  nightlyClassify,
  reclassify,
  // Right after the classification: a customer who just turned Lost is alerted in the same run.
  alertsJob,
  reminders,
  weeklyReport,
  // After the reminders: the team's own mails take the quota first.
  campaignsJob,
  // Last: export, classify in BigQuery and trim (resumable; continued by continuePaused when cut).
  bigQueryScheduled,
];

/**
 * The add-on's one time-driven trigger (hourly): runs whatever is due. It runs as the user who ran Set up
 * here, so in a document an older version set up (no installer recorded, no role table) it records them as
 * the installer first: else their scheduled jobs, now run by a user with no role, would be refused.
 */
export function handleDispatch(): void {
  claimInstaller();
  dispatch(JOBS);
}

// Handlers of older versions' triggers (kept so existing installs keep working; see above).

export function handleNightlyClassify(): void {
  runLegacy(nightlyClassify);
}

export function handleDebouncedClassify(): void {
  runLegacy(reclassify);
}

export function handleDailyReminders(): void {
  runLegacy(reminders);
}

export function handleWeeklyReport(): void {
  runLegacy(weeklyReport);
}

export function handleWeeklyBackup(): void {
  runLegacy(weeklyBackup);
}

export function handleResumeJob(): void {
  runLegacy(continuePaused);
}
