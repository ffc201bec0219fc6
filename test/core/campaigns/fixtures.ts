import type { Campaign, CampaignStep } from "../../../src/core/campaigns/campaign";
import type { CampaignLogEntry, CampaignSendStatus } from "../../../src/core/campaigns/campaign-log";
import type { AudienceMember } from "../../../src/core/campaigns/plan";

export const step = (
  delayDays = 0,
  subject = "Hello {{Name}}",
  body = "Dear {{Name}}, news.",
): CampaignStep => ({
  delayDays,
  subject,
  body,
});

export function campaign(over: Partial<Campaign> = {}): Campaign {
  return {
    id: "c1",
    name: "Spring",
    lang: "en",
    audience: { search: "", filters: {} },
    trigger: { kind: "once", start: "2026-12-01" },
    steps: [step()],
    replyTo: "team@x.com",
    dailyCap: 100,
    status: "scheduled",
    createdBy: "boss@x.com",
    createdAt: "2026-11-30T00:00:00Z",
    ...over,
  };
}

export function member(id: string, email = `${id.toLowerCase()}@mail.com`): AudienceMember {
  return { id, email, values: { Name: `Name ${id}`, CustomerID: id } };
}

export function logEntry(
  customerId: string,
  status: CampaignSendStatus,
  over: Partial<CampaignLogEntry> = {},
): CampaignLogEntry {
  return {
    date: "2026-12-01",
    campaignId: "c1",
    step: 0,
    customerId,
    recipient: `${customerId.toLowerCase()}@mail.com`,
    status,
    reason: "",
    note: "",
    at: "",
    token: "",
    by: "job:campaigns",
    ...over,
  };
}
