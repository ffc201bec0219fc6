/**
 * The demo's segment campaign (营销活动): six customers of the seeded book are tagged for it, one says no
 * to marketing mail and one has unsubscribed before; the owner previews it, sends a test to themself and
 * schedules a two-mail campaign, which the hourly dispatcher sends. One recipient then unsubscribes with the
 * token of their mail (as their reply would), so the second mail, two days later, does not reach them. The
 * campaign log (every row of the CampaignLog tab) goes to out/campaigns/log.csv, the counts to summary.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { CampaignCounts } from "../../core/campaigns/campaign-log";
import { CAMPAIGN_LOG_HEADERS } from "../../core/campaigns/campaign-log";
import type {
  CampaignDraft,
  CampaignList,
  CampaignPreview,
  SaveCampaignResult,
} from "../../shared/campaigns";
import type { LoadedBundle } from "../load-bundle";

/** The tag the demo's audience is found by (the customer browser's search covers Tags). */
export const DEMO_TAG = "campaign-demo";
const HOUR = 3_600_000;

export interface CampaignRun {
  readonly campaignId: string;
  readonly audience: readonly string[];
  readonly noConsent: string;
  readonly unsubscribedBefore: string;
  readonly unsubscribedAfterFirstMail: string;
  readonly preview: CampaignPreview;
  readonly testTo: string;
  readonly counts: CampaignCounts;
  /** The campaign log tab, header first. */
  readonly log: readonly (readonly string[])[];
}

function column(header: readonly unknown[], names: RegExp): number {
  const at = header.findIndex((h) => names.test(String(h).trim()));
  if (at < 0) throw new Error(`the demo book has no ${names.source} column`);
  return at;
}

/** A day key in the book's zone for an instant. */
function dayIn(ms: number, zone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(ms));
}

/** Runs the campaign on the seeded book as its owner (the emulator's current user). */
export function runCampaignStep(bundle: LoadedBundle): CampaignRun {
  const { emulator } = bundle;
  const ss = emulator.spreadsheet;
  const sheet = ss.getSheets().find((s) => /^(Customers|客户)$/.test(s.getName()));
  if (!sheet || sheet.getLastRow() < 2) throw new Error("the demo book has no customers");
  const [header, ...rows] = sheet.getDataRange().getValues();
  const id = column(header, /^(CustomerID|客户编号)$/);
  const email = column(header, /^(Email|电子邮件|邮箱)$/);
  const tags = column(header, /^(Tags|标签)$/);
  const consent = column(header, /^(MarketingConsent|同意接收邮件)$/);
  // Six customers with an address of their own (a shared address would be mailed once).
  const seen = new Set<string>();
  const chosen: number[] = [];
  rows.forEach((r, i) => {
    const address = String(r[email]).trim().toLowerCase();
    if (chosen.length < 6 && /@/.test(address) && !seen.has(address)) {
      seen.add(address);
      chosen.push(i);
    }
  });
  if (chosen.length < 6) throw new Error("the demo book has fewer than six customers with an e-mail");
  // What the team types in: the tag, and the customers' answers to "may we mail you?" (the second says no).
  chosen.forEach((i, k) => {
    sheet.getRange(i + 2, tags + 1).setValue(DEMO_TAG);
    sheet.getRange(i + 2, consent + 1).setValue(k === 1 ? "否" : "是");
  });
  const ids = chosen.map((i) => String(rows[i][id]));
  const addressOf = (i: number) => String(rows[chosen[i]][email]).trim().toLowerCase();

  const list = bundle.run("listCampaigns") as CampaignList;
  const zone = ss.getSpreadsheetTimeZone();
  const draft: CampaignDraft = {
    name: "冬季回馈 Winter thanks",
    lang: "zh-CN",
    audience: { search: DEMO_TAG, filters: {} },
    trigger: { kind: "once", start: dayIn(emulator.clock.nowMs(), zone) },
    steps: [
      {
        delayDays: 0,
        subject: "{{ContactName}}，感谢您一年的支持",
        body: "尊敬的{{ContactName}}：\n感谢{{Name}}今年的信任与合作。冬季回馈活动已开始，详情请联系{{Owner|我们的团队}}。",
      },
      {
        delayDays: 2,
        subject: "{{ContactName}}，回馈活动即将结束",
        body: "尊敬的{{ContactName}}：\n冬季回馈活动本周结束。如有需要，请回复此邮件。",
      },
    ],
    replyTo: list.senders[0],
    dailyCap: 100,
    status: "scheduled",
  };
  // The third customer unsubscribed (replied to an earlier mail) before this campaign.
  bundle.run("recordUnsubscribe", `From: ${addressOf(2)} 退订`, "unsubscribed");
  const preview = bundle.run("previewCampaign", draft) as CampaignPreview;
  const test = bundle.run("sendCampaignTest", draft, 0) as { to: string };
  const saved = bundle.run("saveCampaign", draft) as SaveCampaignResult;
  if (!saved.ok) throw new Error(`campaign refused: ${JSON.stringify(saved.problems)}`);
  const campaignId = saved.campaign.id;
  emulator.advanceAndFire(2 * HOUR);
  // The fourth customer replies to the first mail: its subject holds their token.
  const first = emulator.outbox.find((m) => m.to === addressOf(3) && /unsub-[0-9a-f]{16}/.test(m.body));
  if (!first) throw new Error("the first campaign mail did not go out");
  const token = /unsub-[0-9a-f]{16}/.exec(first.body)![0];
  bundle.run("recordUnsubscribe", `Re: Unsubscribe 退订 ${token}`, "unsubscribed");
  // Two days on, the second mail.
  emulator.advanceAndFire(50 * HOUR);
  const after = bundle.run("listCampaigns") as CampaignList;
  const counts = after.campaigns.find((c) => c.campaign.id === campaignId)!.counts;
  const logTab = ss.getSheets().find((s) => /^(CampaignLog|营销发送记录)$/.test(s.getName()));
  const log = logTab
    ? (logTab.getRange(1, 1, logTab.getLastRow(), CAMPAIGN_LOG_HEADERS.length).getValues() as string[][])
        .filter((r) => r[0] === "Date" || r[1] === campaignId)
        .map((r) => r.map(String))
    : [];
  return {
    campaignId,
    audience: ids,
    noConsent: ids[1],
    unsubscribedBefore: ids[2],
    unsubscribedAfterFirstMail: ids[3],
    preview,
    testTo: test.to,
    counts,
    log,
  };
}

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Writes out/campaigns/log.csv (the campaign log) and out/campaigns/campaign.json (what the demo did). */
export function writeCampaignRun(out: string, run: CampaignRun): readonly string[] {
  const dir = path.join(out, "campaigns");
  mkdirSync(dir, { recursive: true });
  const csv = path.join(dir, "log.csv");
  // UTF-8 with a byte-order mark, so Excel opens the Chinese text as such.
  writeFileSync(csv, "\ufeff" + run.log.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n");
  const json = path.join(dir, "campaign.json");
  const { log: _log, ...rest } = run;
  writeFileSync(json, JSON.stringify(rest, null, 2) + "\n");
  return [csv, json];
}
