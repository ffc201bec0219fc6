import { normalizeEmail } from "../notify/escape";

/** Why an address is on the suppression list. */
export type SuppressionReason = "unsubscribed" | "bounced" | "manual";

/** One row of the suppression list: this address (and this customer) gets no campaign mail, ever. */
export interface SuppressionEntry {
  readonly email: string;
  /** The customer it was recorded for, or "" (an address alone). */
  readonly customerId: string;
  readonly reason: SuppressionReason;
  /** The campaign whose mail it came from, or "". */
  readonly campaignId: string;
  /** ISO instant. */
  readonly at: string;
  /** Who recorded it (manual:<user>, job:campaigns). */
  readonly by: string;
}

/** Columns of the hidden suppression tab, in order. */
export const SUPPRESSION_HEADERS = ["Email", "CustomerID", "Reason", "CampaignID", "At", "By"] as const;

const REASONS: readonly SuppressionReason[] = ["unsubscribed", "bounced", "manual"];

export function suppressionRow(e: SuppressionEntry): string[] {
  return [e.email, e.customerId, e.reason, e.campaignId, e.at, e.by];
}

/** Entries of sheet rows. A row whose address does not read as one still suppresses its customer. */
export function parseSuppression(rows: readonly (readonly unknown[])[]): SuppressionEntry[] {
  const out: SuppressionEntry[] = [];
  for (const r of rows) {
    const email = normalizeEmail(r[0]);
    const customerId = String(r[1] ?? "").trim();
    if (!email && !customerId) continue;
    const reason = String(r[2] ?? "");
    out.push({
      email,
      customerId,
      reason: (REASONS as readonly string[]).includes(reason) ? (reason as SuppressionReason) : "manual",
      campaignId: String(r[3] ?? ""),
      at: String(r[4] ?? ""),
      by: String(r[5] ?? ""),
    });
  }
  return out;
}

/** Who the list keeps out: addresses (lower case) and CustomerIDs. */
export interface Suppressed {
  readonly emails: ReadonlySet<string>;
  readonly customers: ReadonlySet<string>;
}

export function suppressedOf(entries: readonly SuppressionEntry[]): Suppressed {
  return {
    emails: new Set(entries.map((e) => e.email).filter(Boolean)),
    customers: new Set(entries.map((e) => e.customerId).filter(Boolean)),
  };
}

/** Whether a customer at an address is suppressed (either the address or the customer). */
export function isSuppressed(s: Suppressed, customerId: string, email: string): boolean {
  return s.customers.has(customerId) || (email !== "" && s.emails.has(email.toLowerCase()));
}
