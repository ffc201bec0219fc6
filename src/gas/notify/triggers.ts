// The notify feature's scheduled jobs: when they are due and what they run. The hourly dispatcher
// (src/gas/scheduled-jobs.ts) runs them; the menu and sidebar run the same jobs on demand.
import { byJob, byManual } from "../../core/notify/send-log";
import type { NotifySettings } from "../../core/notify/settings";
import type { ReminderRunSummary, WeeklyRunSummary } from "../../shared/notify";
import { setScheduled } from "../platform/dispatcher";
import { runJob } from "../platform/job";
import { currentUser } from "../platform/locale";
import type { Cadence } from "../platform/schedule";
import { runReminders } from "./reminder-run";
import { retryWeeklyReports, runWeeklyReport } from "./weekly-run";

/** The daily reminders: every day at the settings' hour, in the spreadsheet's zone. */
export function reminderCadence(settings: NotifySettings): Cadence {
  return { kind: "daily", hour: settings.reminderHour };
}

/** The weekly report: on the settings' ISO weekday and hour, in the spreadsheet's zone. */
export function weeklyCadence(settings: NotifySettings): Cadence {
  return { kind: "weekly", weekday: settings.weekday, hour: settings.reportHour };
}

/** Turns the daily reminders and the weekly report on (a setting; the dispatcher reads the hours each run). */
export function turnOnNotifications(): void {
  setScheduled("notifications", true);
}

/** What started a run: the hourly dispatcher (or an older version's trigger), or someone by hand. */
export type RunStart = "schedule" | "manual";

/** The SendLog's By for a run of `job` started by `start`. */
function startedBy(job: string, start: RunStart): string {
  return start === "schedule" ? byJob(job) : byManual(currentUser());
}

/**
 * The audit detail of a run: its figures as `name=value` pairs. Figures, not a sentence, so the AuditLog
 * reads the same whatever the book's language (the tab is the trust feature's; its other details are data).
 */
function figures(head: string, values: Readonly<Record<string, number>>): string {
  return [head, ...Object.entries(values).map(([k, v]) => `${k}=${v}`)].join(" ");
}

/** What a notify job's body reports: its summary, the rows it touched, and the figures it is audited with. */
interface NotifyJobReport<T> {
  readonly summary: T;
  readonly rows: number;
  readonly head: string;
  readonly figures: Readonly<Record<string, number>>;
}

/**
 * Runs notify job `job` (audited as `notify.<job>`, needing run-jobs): `body` gets the SendLog's By for a
 * run started by `start` and answers its report.
 */
function notifyJob<T>(job: string, start: RunStart, body: (by: string) => NotifyJobReport<T>): T {
  return runJob(`notify.${job}`, "run-jobs", () => {
    const report = body(startedBy(job, start));
    return {
      result: report.summary,
      outcome: { rowsAffected: report.rows, detail: figures(report.head, report.figures) },
    };
  });
}

/** The daily run: today's reminders and welcomes, then weekly reports that failed to go out. */
export function dailyRun(start: RunStart = "manual"): ReminderRunSummary {
  return notifyJob("reminders", start, (by) => {
    const summary = runReminders(by);
    const retried = retryWeeklyReports(by);
    return {
      summary,
      rows: summary.items,
      head: summary.date,
      figures: {
        digests: summary.sent,
        welcomes: summary.welcomes,
        deferred: summary.deferred,
        failed: summary.failed,
        alreadySent: summary.alreadySent,
        ...(retried.length ? { weeklyResent: retried.reduce((n, r) => n + r.sent, 0) } : {}),
      },
    };
  });
}

/** The weekly run: this week's report to the managers. */
export function weeklyRun(start: RunStart = "manual"): WeeklyRunSummary {
  return notifyJob("weekly-report", start, (by) => {
    const summary = runWeeklyReport(by);
    return {
      summary,
      rows: summary.sent,
      head: summary.asOf,
      figures: { sent: summary.sent, deferred: summary.deferred, failed: summary.failed },
    };
  });
}
