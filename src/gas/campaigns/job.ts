// The campaigns' place in the hourly dispatcher (src/gas/scheduled-jobs.ts): pending work while some
// campaign is scheduled, run as any job is (role check, document lock, one audit entry).
import { byJob } from "../../core/notify/send-log";
import type { PendingJob } from "../platform/dispatcher";
import { todayIn } from "../notify/mailer";
import { runJob } from "../platform/job";
import { spreadsheetTimeZone } from "../platform/locale";
import { CAMPAIGNS_ACTIVE } from "../platform/pending-work";
import { runCampaigns, type CampaignRunSummary } from "./run";
import { CAMPAIGNS_IDLE } from "./store";

/** Sends what is due of every scheduled campaign, as the hourly run does. */
export function campaignsRun(by = byJob("campaigns")): CampaignRunSummary {
  return runJob("campaigns", "run-jobs", () => {
    const summary = runCampaigns(by);
    const total = (k: "sent" | "deferred" | "skipped" | "failed" | "bounced") =>
      summary.campaigns.reduce((n, c) => n + c[k], 0);
    return {
      result: summary,
      outcome: {
        rowsAffected: total("sent"),
        detail:
          `${summary.date}: ${summary.campaigns.length} campaign(s), sent ${total("sent")}, ` +
          `deferred ${total("deferred")}, skipped ${total("skipped")}, failed ${total("failed")}, ` +
          `bounced ${total("bounced")}`,
      },
    };
  });
}

export const campaignsJob: PendingJob = {
  name: "campaigns",
  pending: () => {
    const p = PropertiesService.getDocumentProperties().getProperties();
    return p[CAMPAIGNS_ACTIVE] !== undefined && p[CAMPAIGNS_IDLE] !== todayIn(spreadsheetTimeZone());
  },
  run: () => {
    const summary = campaignsRun();
    // A failed send is retried at the next hour; so is what a run had no time or quota for (the mail quota
    // refreshes 24 hours after use, at no fixed hour: https://developers.google.com/apps-script/guides/services/quotas).
    if (!summary.outOfTime && summary.campaigns.every((c) => c.failed === 0 && c.deferred === 0))
      PropertiesService.getDocumentProperties().setProperty(CAMPAIGNS_IDLE, summary.date);
  },
};
