/** What the portrait suggests doing next; the sidebar words each code in the user's language. */
export type NextActionCode =
  | "resolve_feedback"
  | "collect_payment"
  | "follow_up_due"
  | "win_back"
  | "retain"
  | "first_contact"
  | "nurture"
  | "upsell"
  | "keep_in_touch";

export interface NextActionInput {
  /** Status option key (prospect, following_up, won, pending, lost) or null. */
  readonly status: string | null;
  /** The classifier's churn-risk text, in either language (e.g. "High", "高"). */
  readonly churnRisk: string | null;
  readonly segment: string | null;
  /** Whole days since the last interaction, null when there was none. */
  readonly daysSinceContact: number | null;
  readonly unresolvedFeedback: number;
  readonly overdueOrders: number;
  /** Whole days until the next planned follow-up (negative when overdue), null when none is planned. */
  readonly daysToFollowUp: number | null;
}

export interface NextAction {
  readonly code: NextActionCode;
  /** Days figure the wording may use (days since contact, or days a follow-up is late). */
  readonly days?: number;
}

/** Churn risk counts as high when the classifier says high/高 (any case, any extra words). */
export function isHighRisk(churnRisk: string | null): boolean {
  if (!churnRisk) return false;
  const t = churnRisk.toLowerCase();
  return t.includes("high") || t.includes("高");
}

const STALE_DAYS = 30;

/**
 * Picks one next action by urgency: open complaints first (an unhappy customer leaves), then money owed,
 * then a follow-up that is due, then saving a lost or high-risk customer, then the status-driven steps.
 * A contact gap over 30 days turns the default "keep in touch" into a follow-up.
 */
export function suggestNextAction(input: NextActionInput): NextAction {
  if (input.unresolvedFeedback > 0) return { code: "resolve_feedback" };
  if (input.overdueOrders > 0) return { code: "collect_payment" };
  if (input.daysToFollowUp !== null && input.daysToFollowUp <= 0)
    return { code: "follow_up_due", days: -input.daysToFollowUp };
  if (input.status === "lost") return { code: "win_back" };
  if (isHighRisk(input.churnRisk)) return { code: "retain" };
  if (input.status === "prospect" && input.daysSinceContact === null) return { code: "first_contact" };
  if (input.status === "prospect" || input.status === "following_up" || input.status === "pending")
    return { code: "nurture" };
  if (input.segment && /champion|loyal|忠诚|冠军/i.test(input.segment)) return { code: "upsell" };
  if (input.daysSinceContact !== null && input.daysSinceContact > STALE_DAYS)
    return { code: "follow_up_due", days: input.daysSinceContact };
  return { code: "keep_in_touch" };
}
