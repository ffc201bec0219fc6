// Campaigns live in document properties, one property each ("campaign:<id>", under the 9 KB a value holds:
// https://developers.google.com/apps-script/guides/services/quotas), so each document has its own and every
// execution (the sidebar's, the hourly dispatcher's) reads the same.
import {
  MAX_CAMPAIGNS,
  parseStoredCampaign,
  type Campaign,
  type CampaignDraft,
} from "../../core/campaigns/campaign";
import type { DateKey } from "../../core/calendar";
import { CAMPAIGNS_ACTIVE } from "../platform/pending-work";

const PREFIX = "campaign:";
/**
 * Document property: the day a campaign run left nothing more to send (nothing deferred, failed or cut
 * short); later hours of that day skip the campaigns instead of reading the book again (job.ts).
 * Steps are days apart, so nothing waits on it. Saving a campaign clears it.
 */
export const CAMPAIGNS_IDLE = "campaignsIdleOn";

function props(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getDocumentProperties();
}

/** Every stored campaign, oldest first (a property that no longer reads as one is left out). */
export function loadCampaigns(all?: Readonly<Record<string, string>>): Campaign[] {
  const stored = all ?? props().getProperties();
  return Object.keys(stored)
    .filter((k) => k.startsWith(PREFIX))
    .map((k) => parseStoredCampaign(stored[k]))
    .filter((c): c is Campaign => c !== null)
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
}

export function loadCampaign(id: string): Campaign | null {
  const json = props().getProperty(PREFIX + id);
  return json ? parseStoredCampaign(json) : null;
}

/**
 * Stores a checked draft: a new one gets an id and its author; a changed one keeps both. Scheduling it the
 * first time stamps the day (a welcome series takes only customers welcomed since). Returns what was stored.
 */
export function storeCampaign(draft: CampaignDraft, user: string, today: DateKey): Campaign {
  const existing = draft.id ? loadCampaign(draft.id) : null;
  if (draft.id && !existing) throw new Error(`No campaign ${draft.id} / 没有营销活动 ${draft.id}`);
  if (!existing && loadCampaigns().length >= MAX_CAMPAIGNS)
    throw new Error(
      `At most ${MAX_CAMPAIGNS} campaigns; delete or reuse one. / 最多 ${MAX_CAMPAIGNS} 个营销活动，请先删除或复用。`,
    );
  const id = existing?.id ?? `c${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  const activeSince = existing?.activeSince ?? (draft.status === "scheduled" ? today : undefined);
  const campaign: Campaign = {
    ...draft,
    id,
    createdBy: existing?.createdBy ?? user,
    createdAt: existing?.createdAt ?? new Date().toISOString(),
    ...(activeSince ? { activeSince } : {}),
  };
  props().setProperty(PREFIX + id, JSON.stringify(campaign));
  // The next hourly run looks again, even on a day the campaigns were done with.
  props().deleteProperty(CAMPAIGNS_IDLE);
  markActive();
  return campaign;
}

/** Sets a stored campaign's status (the run marks a finished one-off campaign done). */
export function setCampaignStatus(campaign: Campaign, status: Campaign["status"]): void {
  props().setProperty(PREFIX + campaign.id, JSON.stringify({ ...campaign, status }));
  markActive();
}

/**
 * Keeps the CAMPAIGNS_ACTIVE mark (pending work: the hourly dispatcher stays installed and runs the
 * campaign job) exactly while some campaign is scheduled.
 */
function markActive(): void {
  const active = loadCampaigns().some((c) => c.status === "scheduled");
  const has = props().getProperty(CAMPAIGNS_ACTIVE) !== null;
  if (active && !has) props().setProperty(CAMPAIGNS_ACTIVE, new Date().toISOString());
  else if (!active && has) props().deleteProperty(CAMPAIGNS_ACTIVE);
}
