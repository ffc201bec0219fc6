// The alerts' place in the hourly dispatcher (src/gas/scheduled-jobs.ts, after the classification): pending
// work while any rule is on, run as every job is (role check, document lock, one audit entry).
import { byJob } from "../../../core/notify/send-log";
import type { PendingJob } from "../../platform/dispatcher";
import { runJob } from "../../platform/job";
import { runAlerts, type AlertRunSummary } from "./run";
import { alertsActive } from "./store";

/** Evaluates the rules and delivers what is owed, as the hourly run does (or "Check now"). */
export function alertsRun(by = byJob("alerts")): AlertRunSummary {
  return runJob("alerts", "run-jobs", () => {
    const s = runAlerts(by);
    return {
      result: s,
      outcome: {
        rowsAffected: s.raised,
        detail:
          `raised=${s.raised} baseline=${s.baseline} cleared=${s.cleared} ` +
          `sent=${s.sent} failed=${s.failed} deferred=${s.deferred} pending=${s.pending}`,
      },
    };
  });
}

export const alertsJob: PendingJob = {
  name: "alerts",
  pending: alertsActive,
  run: () => void alertsRun(),
};
