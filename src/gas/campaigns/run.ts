// Sending campaigns: the hourly dispatcher's run (throttled under the mail quota across days, resumable
// through its log) and the test mail to oneself.
import { dateKeyReader, type DateKey } from "../../core/calendar";
import type { Campaign, CampaignStep } from "../../core/campaigns/campaign";
import type { CampaignLogEntry, CampaignSendStatus, SkipReason } from "../../core/campaigns/campaign-log";
import { planCampaignRun, type AudienceMember } from "../../core/campaigns/plan";
import { renderCampaignMail } from "../../core/campaigns/render";
import { unsubscribeLink } from "../webapp/links";
import { isSuppressed, suppressedOf, type Suppressed } from "../../core/campaigns/suppression";
import type { RenderedMail } from "../../core/notify/digest";
import { isMember, type Team } from "../../core/notify/team";
import { QUOTA_KEPT_FOR_TEAM } from "../../core/notify/welcome-policy";
import { readSendLog, existingSendLogSheet } from "../notify/send-log-sheet";
import { sendMail, todayIn } from "../notify/mailer";
import { loadTeam } from "../notify/team";
import { spreadsheetTimeZone } from "../platform/locale";
import { audienceOf, readCustomers, type CustomerRead } from "./audience";
import {
  appendCampaignLog,
  appendSuppression,
  campaignLogSheet,
  markCampaignLog,
  readCampaignLog,
  readSuppression,
} from "./log-sheet";
import { loadCampaigns, setCampaignStatus } from "./store";

/**
 * Sending stops after 3 minutes (Apps Script ends a run at 6) so the log and the audit entry are always
 * written; what is left goes out in the next hourly run.
 */
const SOFT_TIME_LIMIT_MS = 180_000;

/** What one run did with one campaign. */
export interface CampaignRunLine {
  readonly id: string;
  readonly sent: number;
  readonly deferred: number;
  readonly skipped: number;
  readonly failed: number;
  readonly bounced: number;
  readonly finished: boolean;
  /** Why it sent nothing, when that was not for lack of recipients ("sender-not-team"). */
  readonly held?: string;
}

export interface CampaignRunSummary {
  readonly date: DateKey;
  readonly quotaBefore: number;
  /** The run stopped sending for time: the next hourly run goes on. */
  readonly outOfTime: boolean;
  readonly campaigns: readonly CampaignRunLine[];
}

/** A fresh unsubscribe token: random, so only the mail that carries it can name its customer. */
function newToken(): string {
  return `unsub-${Utilities.getUuid().replace(/-/g, "").slice(0, 16).toLowerCase()}`;
}

/** CustomerID → the day their welcome mail was sent (the SendLog), for welcome series. */
export function welcomeDays(zone: string): Map<string, DateKey> {
  const out = new Map<string, DateKey>();
  for (const e of readSendLog(existingSendLogSheet(), dateKeyReader(zone)))
    if (e.rule === "welcome" && e.status === "sent" && !out.has(e.customerId)) out.set(e.customerId, e.date);
  return out;
}

/**
 * MailApp refuses an address it cannot deliver to at all with "Invalid email"; that address will never
 * work, so it counts as a bounce (https://developers.google.com/apps-script/reference/mail/mail-app).
 */
function isBounce(message: string): boolean {
  return /invalid email|not an (e-mail )?address|不是.*地址/i.test(message);
}

/** The mail of `step` for `member`, with its unsubscribe token. */
export function campaignMail(
  campaign: Campaign,
  step: CampaignStep,
  member: AudienceMember,
  token: string,
): RenderedMail {
  return renderCampaignMail(step, member.values, campaign.lang, {
    address: campaign.replyTo,
    token,
    link: token ? unsubscribeLink(token) : "",
  });
}

/**
 * One run over every scheduled campaign (the caller holds the document lock). Per mail: a pending row
 * with its token (one append), the send, then the row settled (one write); a run cut anywhere leaves at
 * most one pending row, which counts as sent, so nobody is mailed twice, and everything not yet logged is
 * sent by the next run. Skips and deferrals are logged once each. `by` names what started the run.
 */
export function runCampaigns(by: string): CampaignRunSummary {
  const started = Date.now();
  const zone = spreadsheetTimeZone();
  const today = todayIn(zone);
  const quotaBefore = MailApp.getRemainingDailyQuota();
  const active = loadCampaigns().filter((c) => c.status === "scheduled");
  const lines: CampaignRunLine[] = [];
  if (!active.length) return { date: today, quotaBefore, outOfTime: false, campaigns: lines };
  const dateOf = dateKeyReader(zone);
  const log = readCampaignLog(dateOf);
  const suppressed = suppressedOf(readSuppression());
  const team = loadTeam();
  const customers = readCustomers();
  const welcomed = active.some((c) => c.trigger.kind === "after-welcome") ? welcomeDays(zone) : undefined;
  const sheet = campaignLogSheet();
  const senderName = SpreadsheetApp.getActive().getName();
  let allowance = quotaBefore - QUOTA_KEPT_FOR_TEAM;
  let outOfTime = false;

  for (const campaign of active) {
    const entry = (
      step: number,
      member: AudienceMember,
      status: CampaignSendStatus,
      reason = "",
      token = "",
    ): CampaignLogEntry => ({
      date: today,
      campaignId: campaign.id,
      step,
      customerId: member.id,
      recipient: member.email,
      status,
      reason,
      note: "",
      at: new Date().toISOString(),
      token,
      by,
    });
    const line = {
      id: campaign.id,
      sent: 0,
      deferred: 0,
      skipped: 0,
      failed: 0,
      bounced: 0,
      finished: false,
    };
    // Replies and unsubscribe requests must reach someone who can record them.
    if (!isMember(team, campaign.replyTo)) {
      lines.push({ ...line, held: "sender-not-team" });
      continue;
    }
    const plan = planCampaignRun({
      campaign,
      today,
      audience: audienceOf(customers, campaign.audience, campaign.lang, team, campaign.replyTo),
      consented: customers.consented,
      suppressed,
      log,
      welcomed,
      allowance: outOfTime ? 0 : allowance,
    });
    appendCampaignLog(sheet, [
      ...plan.skip.map((s) => entry(s.step, s.customer, "skipped", s.reason)),
      ...plan.deferNew.map((d) => entry(d.step, d.customer, "deferred")),
    ]);
    line.skipped = plan.skip.length;
    line.deferred = plan.defer.length;
    let complete = true;
    for (const [k, s] of plan.send.entries()) {
      if (Date.now() - started > SOFT_TIME_LIMIT_MS) {
        // Not logged: the next run finds them due again and sends them.
        outOfTime = true;
        complete = false;
        line.deferred += plan.send.length - k;
        break;
      }
      const token = newToken();
      const row = appendCampaignLog(sheet, [entry(s.step, s.customer, "pending", "", token)]);
      allowance--;
      try {
        sendMail(
          s.customer.email,
          campaignMail(campaign, campaign.steps[s.step], s.customer, token),
          senderName,
          campaign.replyTo,
        );
      } catch (e) {
        const message = String((e as Error).message).slice(0, 300);
        // Apps Script ends the run there and then; the pending row stays and counts as sent.
        if (/Exceeded maximum execution time/i.test(message)) throw e;
        complete = false;
        if (isBounce(message)) {
          markCampaignLog(sheet, row, "bounced", new Date().toISOString(), message);
          appendSuppression([
            {
              email: s.customer.email,
              customerId: s.customer.id,
              reason: "bounced",
              campaignId: campaign.id,
              at: new Date().toISOString(),
              by,
            },
          ]);
          line.bounced++;
        } else {
          markCampaignLog(sheet, row, "failed", new Date().toISOString(), message);
          line.failed++;
        }
        continue;
      }
      markCampaignLog(sheet, row, "sent", new Date().toISOString());
      line.sent++;
    }
    const finished = plan.finished && complete;
    if (finished) setCampaignStatus(campaign, "done");
    lines.push({ ...line, finished });
  }
  return { date: today, quotaBefore, outOfTime, campaigns: lines };
}

/** Why a member of the audience would not be mailed now, or "" (the preview's per-recipient line). */
export function holdOf(
  member: AudienceMember,
  consented: ReadonlySet<string>,
  suppressed: Suppressed,
): "" | Exclude<SkipReason, "gave-up" | "duplicate-address"> {
  if (!member.email) return "no-email";
  if (isSuppressed(suppressed, member.id, member.email)) return "suppressed";
  if (!consented.has(member.id)) return "no-consent";
  return "";
}

/** Everything a preview or test mail needs, read once. */
export interface CampaignContext {
  readonly customers: CustomerRead;
  readonly suppressed: Suppressed;
  readonly team: Team;
  readonly today: DateKey;
  readonly log: readonly CampaignLogEntry[];
}

export function campaignContext(): CampaignContext {
  const zone = spreadsheetTimeZone();
  return {
    customers: readCustomers(),
    suppressed: suppressedOf(readSuppression()),
    team: loadTeam(),
    today: todayIn(zone),
    log: readCampaignLog(dateKeyReader(zone)),
  };
}

export { isBounce as isBounceMessage };
