// The notify feature's scheduled jobs: when they are due and what they run. The hourly dispatcher
// (src/gas/scheduled-jobs.ts) runs them; the menu and sidebar run the same jobs on demand.
import type { NotifySettings } from "../../core/notify/settings";
import type { ReminderRunSummary, WeeklyRunSummary } from "../../shared/notify";
import { setScheduled } from "../platform/dispatcher";
import { runJob } from "../platform/job";
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

/** The daily run: today's reminders and welcomes, then weekly reports that failed to go out. */
export function dailyRun(): ReminderRunSummary {
  return runJob("notify.reminders", "run-jobs", () => {
    const summary = runReminders();
    const retried = retryWeeklyReports();
    return {
      result: summary,
      outcome: {
        rowsAffected: summary.items,
        detail:
          `${summary.date}: ${summary.sent} digests, ${summary.welcomes} welcomes, ${summary.deferred} deferred, ` +
          `${summary.failed} failed, ${summary.alreadySent} already sent` +
          (retried.length ? `; weekly reports re-sent: ${retried.reduce((n, r) => n + r.sent, 0)}` : ""),
      },
    };
  });
}

export function weeklyRun(): WeeklyRunSummary {
  return runJob("notify.weekly-report", "run-jobs", () => {
    const summary = runWeeklyReport();
    return {
      result: summary,
      outcome: {
        rowsAffected: summary.sent,
        detail: `as of ${summary.asOf}: ${summary.sent} sent, ${summary.deferred} deferred, ${summary.failed} failed`,
      },
    };
  });
}
