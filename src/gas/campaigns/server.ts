// The Campaigns view's server functions (bound in src/gas/server-functions.ts, which checks the caller's
// role first and audits every change). Reads write nothing; writes go through runJob (lock + audit).
import {
  audienceOfRaw,
  checkCampaignDraft,
  type CampaignDraft,
  type CampaignProblem,
} from "../../core/campaigns/campaign";
import { campaignCounts, isDone } from "../../core/campaigns/campaign-log";
import type { AudienceMember } from "../../core/campaigns/plan";
import { parseUnsubscribeRequest } from "../../core/campaigns/render";
import type { SuppressionReason } from "../../core/campaigns/suppression";
import { headerSafe, normalizeEmail } from "../../core/notify/escape";
import { isMember, type Team } from "../../core/notify/team";
import type {
  CampaignList,
  CampaignMailPreview,
  CampaignPreview,
  RecipientHold,
  RecipientPreview,
  SaveCampaignResult,
  UnsubscribeResult,
} from "../../shared/campaigns";
import { sendMail } from "../notify/mailer";
import { syncDispatcher } from "../platform/dispatcher";
import { runJob } from "../platform/job";
import { currentUser } from "../platform/locale";
import { audienceOf } from "./audience";
import { appendCampaignLog, appendSuppression, campaignLogSheet } from "./log-sheet";
import { campaignContext, campaignMail, holdOf, type CampaignContext } from "./run";
import { loadCampaigns, storeCampaign } from "./store";

const isObject = (v: unknown): v is { readonly audience?: unknown } => typeof v === "object" && v !== null;

/** Recipients a preview lists at most (the sidebar is 300 px wide). */
const PREVIEW_RECIPIENTS = 50;
/** The token shown in previews and test mails: no real customer's, so recording it unsubscribes nobody. */
const SAMPLE_TOKEN = "unsub-0000000000000000";

/** A draft from the client, checked; throws with every problem (the sidebar checked it with a preview). */
function checked(draft: unknown, team: Team): CampaignDraft {
  const c = checkCampaignDraft(draft, (e) => isMember(team, e));
  if (!c.ok)
    throw new Error(
      `The campaign is not complete: ${c.problems.map((p) => `${p.field} (${p.code})`).join(", ")} / 营销活动未填写完整`,
    );
  return c.value;
}

export function listCampaigns(): CampaignList {
  const ctx = campaignContext();
  const me = normalizeEmail(currentUser());
  const members = [...ctx.team].sort();
  return {
    campaigns: loadCampaigns().map((campaign) => ({
      campaign,
      counts: campaignCounts(ctx.log, campaign.id),
    })),
    senders: isMember(ctx.team, me) ? [me, ...members.filter((m) => m !== me)] : members,
    quota: MailApp.getRemainingDailyQuota(),
    suppressed: ctx.suppressed.emails.size,
  };
}

/** Members of the draft's audience, and the preview's context. */
function audienceFor(draft: CampaignDraft, ctx: CampaignContext): AudienceMember[] {
  return audienceOf(ctx.customers, draft.audience, draft.lang, ctx.team, draft.replyTo);
}

export function previewCampaign(draft: CampaignDraft): CampaignPreview {
  const ctx = campaignContext();
  const c = checkCampaignDraft(draft, (e) => isMember(ctx.team, e));
  const problems: readonly CampaignProblem[] = c.ok ? [] : c.problems;
  // An incomplete draft still shows who its filter picks.
  const audience = c.ok
    ? audienceFor(c.value, ctx)
    : audienceOf(ctx.customers, audienceOfRaw(isObject(draft) ? draft.audience : null), "en", ctx.team, "");
  const id = c.ok ? c.value.id : undefined;
  const done = new Set(
    ctx.log
      .filter((e) => id && e.campaignId === id && e.step === 0 && isDone(e.status))
      .map((e) => e.customerId),
  );
  const unsubscribed = new Set(
    ctx.log.filter((e) => id && e.campaignId === id && e.status === "unsubscribed").map((e) => e.customerId),
  );
  const addresses = new Set<string>();
  let withEmail = 0;
  let consented = 0;
  let suppressed = 0;
  let eligible = 0;
  const recipients: RecipientPreview[] = [];
  for (const m of audience) {
    let hold: RecipientHold = holdOf(m, ctx.customers.consented, ctx.suppressed);
    if (m.email) withEmail++;
    if (ctx.customers.consented.has(m.id)) consented++;
    if (hold === "suppressed" || unsubscribed.has(m.id)) {
      suppressed++;
      hold = "suppressed";
    }
    if (!hold && done.has(m.id)) hold = "done";
    if (!hold && addresses.has(m.email)) hold = "duplicate-address";
    if (!hold) {
      addresses.add(m.email);
      eligible++;
    }
    if (recipients.length < PREVIEW_RECIPIENTS)
      recipients.push({ customerId: m.id, name: m.values.Name, email: m.email, hold });
  }
  return { problems, matched: audience.length, withEmail, consented, suppressed, eligible, recipients };
}

function stepOf(draft: CampaignDraft, step: unknown): number {
  const n = Number(step ?? 0);
  if (!Number.isInteger(n) || n < 0 || n >= draft.steps.length)
    throw new Error(`No step ${String(step)} / 没有第 ${String(step)} 步`);
  return n;
}

export function previewCampaignMail(
  draft: CampaignDraft,
  customerId: string,
  step: number,
): CampaignMailPreview {
  const ctx = campaignContext();
  const d = checked(draft, ctx.team);
  const k = stepOf(d, step);
  const member = audienceFor(d, ctx).find((m) => m.id === String(customerId));
  if (!member) throw new Error(`${String(customerId)} is not in this audience / 不在此受众中`);
  const mail = campaignMail(
    { ...d, id: d.id ?? "", createdAt: "", createdBy: "" },
    d.steps[k],
    member,
    SAMPLE_TOKEN,
  );
  return { to: member.email, ...mail };
}

export function saveCampaign(draft: CampaignDraft): SaveCampaignResult {
  return runJob<SaveCampaignResult>("campaign-save", "run-jobs", () => {
    const ctx = campaignContext();
    const c = checkCampaignDraft(draft, (e) => isMember(ctx.team, e));
    if (!c.ok)
      return {
        result: { ok: false, problems: c.problems },
        outcome: { rowsAffected: 0, detail: "refused: incomplete" },
      };
    const campaign = storeCampaign(c.value, normalizeEmail(currentUser()), ctx.today);
    // The hourly dispatcher sends scheduled campaigns: installed while one is (pending work).
    syncDispatcher();
    return {
      result: { ok: true, campaign },
      outcome: {
        rowsAffected: 0,
        detail: `${campaign.id} ${campaign.status}: ${headerSafe(campaign.name, 60)}`,
      },
    };
  });
}

/**
 * One step's mail, filled for the first customer of the audience who would be mailed (else the first one),
 * sent to the caller and nobody else. A caller whose own address is suppressed gets none either.
 */
export function sendCampaignTest(draft: CampaignDraft, step: number): CampaignMailPreview {
  return runJob("campaign-test", "run-jobs", () => {
    const ctx = campaignContext();
    const d = checked(draft, ctx.team);
    const k = stepOf(d, step);
    const me = normalizeEmail(currentUser());
    if (!me)
      throw new Error(
        "Google does not tell your address: no test mail. / 无法获知您的邮箱地址，未发送测试邮件。",
      );
    if (ctx.suppressed.emails.has(me))
      throw new Error(
        "Your address is on the suppression list: no test mail. / 您的地址在退订名单中，未发送测试邮件。",
      );
    if (MailApp.getRemainingDailyQuota() < 1)
      throw new Error("No mail quota left today. / 今日邮件配额已用完。");
    const audience = audienceFor(d, ctx);
    const sample = audience.find((m) => !holdOf(m, ctx.customers.consented, ctx.suppressed)) ??
      audience[0] ?? {
        id: "",
        email: "",
        values: {
          Name: "Sample",
          ContactName: "Sample",
          Owner: d.replyTo,
          CustomerID: "C000000",
          Region: "",
          Segment: "",
        },
      };
    const mail = campaignMail(
      { ...d, id: d.id ?? "", createdAt: "", createdBy: "" },
      d.steps[k],
      sample,
      SAMPLE_TOKEN,
    );
    const test = { ...mail, subject: `${d.lang === "en" ? "[Test]" : "[测试]"} ${mail.subject}` };
    sendMail(me, test, SpreadsheetApp.getActive().getName(), d.replyTo);
    return {
      result: { to: me, ...test },
      outcome: { rowsAffected: 0, detail: `test of ${d.id ?? "draft"} to ${me}` },
    };
  });
}

/**
 * Records an unsubscribe (or a bounce) from what a reply says: its token (from the link's subject) names
 * the customer and the campaign; an address alone is suppressed as it is. The address goes on the
 * suppression list, which every campaign honours from then on, and the campaign log notes it.
 */
export function recordUnsubscribe(request: string, reason: SuppressionReason): UnsubscribeResult {
  return runJob("campaign-unsubscribe", "run-jobs", () => {
    const why: SuppressionReason =
      reason === "bounced" ? "bounced" : reason === "manual" ? "manual" : "unsubscribed";
    const parsed = parseUnsubscribeRequest(String(request ?? ""));
    if (!parsed) throw new Error("No unsubscribe token or address found. / 未找到退订码或邮箱地址。");
    const ctx = campaignContext();
    let email = "";
    let customerId = "";
    let campaignId = "";
    let step = -1;
    if ("token" in parsed) {
      const sent = ctx.log.find((e) => e.token === parsed.token);
      if (!sent) throw new Error("This unsubscribe token is unknown. / 无此退订码。");
      ({ recipient: email, customerId, campaignId, step } = sent);
    } else {
      email = parsed.email;
      const last = [...ctx.log].reverse().find((e) => e.recipient === email && e.token);
      if (last) ({ customerId, campaignId, step } = last);
    }
    const already = ctx.suppressed.emails.has(email);
    const at = new Date().toISOString();
    const by = `manual:${currentUser() || "(unknown user)"}`;
    if (!already) appendSuppression([{ email, customerId, reason: why, campaignId, at, by }]);
    if (campaignId)
      appendCampaignLog(campaignLogSheet(), [
        {
          date: ctx.today,
          campaignId,
          step: why === "bounced" ? step : -1,
          customerId,
          recipient: email,
          status: why === "bounced" ? "bounced" : "unsubscribed",
          reason: "",
          note: why,
          at,
          token: "",
          by,
        },
      ]);
    // Every campaign run reads the suppression list, so nothing more is needed to stop the mails.
    return {
      result: { email, customerId, campaignId, already },
      outcome: { rowsAffected: already ? 0 : 1, detail: `${why}: ${customerId || email}` },
    };
  });
}
