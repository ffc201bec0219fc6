/**
 * The Campaigns view's contract (营销自动化): campaigns to a segment or a saved customer filter, their
 * preview per recipient, a test mail to oneself, scheduling, log counts, and recording an unsubscribe.
 * Every function needs the "run-jobs" permission (owners and managers); every change is audited
 * (src/shared/server-functions.ts).
 */
import type { Campaign, CampaignDraft, CampaignProblem } from "../core/campaigns/campaign";
import type { CampaignCounts } from "../core/campaigns/campaign-log";
import type { SuppressionReason } from "../core/campaigns/suppression";

export type {
  Campaign,
  CampaignAudience,
  CampaignDraft,
  CampaignProblem,
  CampaignStatus,
  CampaignStep,
  CampaignTrigger,
} from "../core/campaigns/campaign";
export type { CampaignCounts } from "../core/campaigns/campaign-log";
// The sidebar's copies of core's limits (shared may import only core's types); test/shared/campaigns.test.ts
// checks they equal src/core/campaigns/campaign.ts.
/** The merge fields a template may use. */
export const CAMPAIGN_FIELDS = ["Name", "ContactName", "Owner", "CustomerID", "Region", "Segment"] as const;
export const CAMPAIGN_MAX_STEPS = 5;
export const CAMPAIGN_MAX_SUBJECT_CHARS = 200;
export const CAMPAIGN_MAX_BODY_CHARS = 1_200;
export const CAMPAIGN_DEFAULT_DAILY_CAP = 100;
/** The customer filters an audience may use (the customer browser's, src/core/browse/customer-index.ts). */
export const CAMPAIGN_FILTERS = [
  "Segment",
  "Lifecycle",
  "ABC",
  "Region",
  "Status",
  "CustomerType",
  "Owner",
] as const;

/** One campaign as the list shows it. */
export interface CampaignSummary {
  readonly campaign: Campaign;
  readonly counts: CampaignCounts;
}

export interface CampaignList {
  readonly campaigns: readonly CampaignSummary[];
  /** Team addresses a campaign may be sent from (its reply-to); the caller's own first when a member. */
  readonly senders: readonly string[];
  /** Recipients the day's mail quota has left. */
  readonly quota: number;
  /** Addresses on the suppression list. */
  readonly suppressed: number;
}

/** Why one customer of the audience would not be mailed now ("" when they would be). */
export type RecipientHold = "" | "no-email" | "no-consent" | "suppressed" | "duplicate-address" | "done";

/** One customer of the audience as the preview lists them. */
export interface RecipientPreview {
  readonly customerId: string;
  readonly name: string;
  readonly email: string;
  readonly hold: RecipientHold;
}

export interface CampaignPreview {
  /** The draft's problems (empty when it may be saved). */
  readonly problems: readonly CampaignProblem[];
  /** Customers the filter selects; of them with an address, with consent, suppressed; who would be mailed. */
  readonly matched: number;
  readonly withEmail: number;
  readonly consented: number;
  readonly suppressed: number;
  readonly eligible: number;
  /** The first customers of the audience (at most 50), each with why they would not be mailed. */
  readonly recipients: readonly RecipientPreview[];
}

/** A rendered mail for the preview pane (html is a whole document; the sidebar shows it in a sandbox). */
export interface CampaignMailPreview {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export type SaveCampaignResult =
  | { readonly ok: true; readonly campaign: Campaign }
  | { readonly ok: false; readonly problems: readonly CampaignProblem[] };

export interface UnsubscribeResult {
  /** The address now suppressed. */
  readonly email: string;
  readonly customerId: string;
  readonly campaignId: string;
  /** It was on the list already. */
  readonly already: boolean;
}

export interface CampaignsApi {
  listCampaigns(): CampaignList;
  previewCampaign(draft: CampaignDraft): CampaignPreview;
  /** One step's mail as `customerId` would get it. */
  previewCampaignMail(draft: CampaignDraft, customerId: string, step: number): CampaignMailPreview;
  saveCampaign(draft: CampaignDraft): SaveCampaignResult;
  /** Sends one step, filled for the first customer of the audience, to the caller only. */
  sendCampaignTest(draft: CampaignDraft, step: number): CampaignMailPreview;
  /** Records an unsubscribe (a token from a reply's subject, or an address) or a bounce. */
  recordUnsubscribe(request: string, reason: SuppressionReason): UnsubscribeResult;
}
