import type { DateKey } from "../calendar";

/**
 * What happened to one (campaign, step, customer) mail:
 * - pending: written just before sendEmail, flipped to sent right after. One that survives means the run
 *   died in between and nobody knows whether the mail left: it counts as sent, so nobody is mailed twice.
 * - sent, bounced (the address was refused: never tried again, and suppressed), failed (retried, a few
 *   times), deferred (the quota or the campaign's daily cap was short: sent by a later run).
 * - unsubscribed: the customer asked to hear no more (recorded from their reply or the sidebar).
 * - skipped: not mailed now for a reason (no consent, suppressed, no address, an address already mailed).
 */
export type CampaignSendStatus =
  "pending" | "sent" | "deferred" | "failed" | "bounced" | "unsubscribed" | "skipped";

/** Why a customer of the audience is not mailed. */
export type SkipReason = "no-email" | "no-consent" | "suppressed" | "duplicate-address" | "gave-up";

export interface CampaignLogEntry {
  readonly date: DateKey;
  readonly campaignId: string;
  /** 0-based step; -1 for rows about the customer rather than a mail (an unsubscribe). */
  readonly step: number;
  readonly customerId: string;
  /** The address as mailed, lower case. */
  readonly recipient: string;
  readonly status: CampaignSendStatus;
  /** A SkipReason, or "" */
  readonly reason: string;
  readonly note: string;
  /** ISO instant of the write. */
  readonly at: string;
  /** The mail's unsubscribe token (random; only that customer's mail holds it). */
  readonly token: string;
  /** What caused the row: job:campaigns, manual:<user>. */
  readonly by: string;
}

/** Columns of the hidden campaign log tab, in order. */
export const CAMPAIGN_LOG_HEADERS = [
  "Date",
  "CampaignID",
  "Step",
  "CustomerID",
  "Recipient",
  "Status",
  "Reason",
  "Note",
  "At",
  "Token",
  "By",
] as const;

const STATUSES: readonly CampaignSendStatus[] = [
  "pending",
  "sent",
  "deferred",
  "failed",
  "bounced",
  "unsubscribed",
  "skipped",
];

/** One entry as a sheet row (the tab is formatted as text, so nothing is read as a number or formula). */
export function campaignLogRow(e: CampaignLogEntry): string[] {
  return [
    e.date,
    e.campaignId,
    String(e.step),
    e.customerId,
    e.recipient,
    e.status,
    e.reason,
    e.note,
    e.at,
    e.token,
    e.by,
  ];
}

/** Entries of sheet rows; rows that are not entries (edited by hand into nonsense) are left out. */
export function parseCampaignLog(
  rows: readonly (readonly unknown[])[],
  dateOf: (v: unknown) => DateKey | undefined,
): CampaignLogEntry[] {
  const out: CampaignLogEntry[] = [];
  for (const r of rows) {
    const date = dateOf(r[0]);
    const status = String(r[5] ?? "") as CampaignSendStatus;
    const step = Number(r[2]);
    if (!date || !STATUSES.includes(status) || !Number.isInteger(step)) continue;
    const s = (i: number) => String(r[i] ?? "");
    out.push({
      date,
      campaignId: s(1),
      step,
      customerId: s(3),
      recipient: s(4).trim().toLowerCase(),
      status,
      reason: s(6),
      note: s(7),
      at: s(8),
      token: s(9),
      by: s(10),
    });
  }
  return out;
}

/** Counts of a campaign's log: the latest status of each (step, customer), plus unsubscribes. */
export interface CampaignCounts {
  readonly sent: number;
  readonly deferred: number;
  readonly failed: number;
  readonly bounced: number;
  readonly skipped: number;
  readonly unsubscribed: number;
}

/** Whether a (step, customer) with this status has had its mail (or may have: pending), for good. */
export function isDone(status: CampaignSendStatus): boolean {
  return status === "sent" || status === "pending" || status === "bounced";
}

/** {@link CampaignCounts} of `campaignId` from the whole log. */
export function campaignCounts(log: readonly CampaignLogEntry[], campaignId: string): CampaignCounts {
  const latest = new Map<string, CampaignSendStatus>();
  const unsubscribed = new Set<string>();
  for (const e of log) {
    if (e.campaignId !== campaignId) continue;
    if (e.status === "unsubscribed") unsubscribed.add(e.customerId || e.recipient);
    else {
      const key = `${e.step}\u0000${e.customerId}`;
      const before = latest.get(key);
      // A mail done stays done whatever a later row says (a skip logged by a later run, say).
      if (!before || !isDone(before)) latest.set(key, e.status);
    }
  }
  const n = { sent: 0, deferred: 0, failed: 0, bounced: 0, skipped: 0 };
  for (const s of latest.values()) {
    if (s === "sent" || s === "pending") n.sent++;
    else if (s === "deferred") n.deferred++;
    else if (s === "failed") n.failed++;
    else if (s === "bounced") n.bounced++;
    else if (s === "skipped") n.skipped++;
  }
  return { ...n, unsubscribed: unsubscribed.size };
}
