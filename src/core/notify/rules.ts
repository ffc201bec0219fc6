/**
 * Follow-up reminder rules as data: users edit them in settings, so each is a plain object with its own
 * priority (1 = most urgent). The kinds are closed; their parameters are validated in settings.ts.
 */
export type ReminderRule =
  /** Customers in `status` (an enum key such as "following_up") with no contact for more than `days`. */
  | {
      readonly id: string;
      readonly kind: "status-idle";
      readonly status: string;
      readonly days: number;
      readonly priority: number;
      readonly enabled: boolean;
    }
  /** VIP customers (CustomerType vip) with no contact for more than `days`, whatever their status. */
  | {
      readonly id: string;
      readonly kind: "vip-idle";
      readonly days: number;
      readonly priority: number;
      readonly enabled: boolean;
    }
  /** An order whose PaymentStatus is overdue, or whose DueDate has passed while it is not paid. */
  | {
      readonly id: string;
      readonly kind: "overdue-order";
      readonly priority: number;
      readonly enabled: boolean;
    }
  /** A NextFollowUp date in Interactions has been reached and no contact was logged since. */
  | {
      readonly id: string;
      readonly kind: "next-follow-up";
      readonly priority: number;
      readonly enabled: boolean;
    };

export type RuleKind = ReminderRule["kind"];

/** The rules of the issue, in their default priorities. */
export const DEFAULT_RULES: readonly ReminderRule[] = [
  { id: "overdue-order", kind: "overdue-order", priority: 1, enabled: true },
  { id: "next-follow-up", kind: "next-follow-up", priority: 2, enabled: true },
  { id: "vip-idle", kind: "vip-idle", days: 30, priority: 3, enabled: true },
  {
    id: "following-up-idle",
    kind: "status-idle",
    status: "following_up",
    days: 7,
    priority: 4,
    enabled: true,
  },
  { id: "pending-idle", kind: "status-idle", status: "pending", days: 3, priority: 5, enabled: true },
];

/** Rule ids the send log uses for mails that are not reminders; user rules may not take them. */
export const RESERVED_RULE_IDS = ["welcome", "weekly-report"] as const;
