import { customerValue, revenueByCustomer, type NotifyBook, type NotifyCustomer } from "./book";
import { daysBetween, type DateKey } from "./calendar";
import type { ReminderRule, RuleKind } from "./rules";

/** Why a rule fired, for the digest line. */
export type DueDetail =
  | { readonly kind: "idle"; readonly status: string }
  | {
      readonly kind: "overdue";
      readonly orders: number;
      readonly amount: number;
      readonly oldestDue?: DateKey;
    }
  | { readonly kind: "follow-up"; readonly dueOn: DateKey }
  /** Held back on an earlier run; the rule no longer fires but the reminder is still owed. */
  | { readonly kind: "no-longer-due" };

/** One reminder due today: a customer and the rule that fired. */
export interface DueItem {
  readonly customerId: string;
  readonly customerName: string;
  readonly ruleId: string;
  readonly ruleKind: RuleKind;
  /** 1 = most urgent. */
  readonly priority: number;
  /** Days since the latest contact; null when no contact was ever recorded. */
  readonly daysIdle: number | null;
  readonly value: number;
  readonly segment: string;
  readonly row: number;
  readonly detail: DueDetail;
}

/** Latest contact per customer: the later of Customers.LastInteraction and their latest Interactions row. */
export function lastContacts(book: NotifyBook): Map<string, DateKey> {
  const out = new Map<string, DateKey>();
  const bump = (id: string, d: DateKey | undefined) => {
    if (d && (!out.has(id) || d > out.get(id)!)) out.set(id, d);
  };
  for (const c of book.customers) bump(c.id, c.lastInteraction);
  for (const i of book.interactions) bump(i.customerId, i.date);
  return out;
}

/** Priority first, then the longest idle (never contacted counts as longest), then customer ID. */
export function compareDue(a: DueItem, b: DueItem): number {
  return (
    a.priority - b.priority ||
    (b.daysIdle ?? Infinity) - (a.daysIdle ?? Infinity) ||
    (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

/**
 * The reminders due on `today` (a calendar day in the spreadsheet's zone). Each enabled rule fires at most
 * once per customer. Idle rules fire when the days since the latest contact are MORE than the rule's days;
 * a customer with no contact recorded at all is idle without bound and fires too. A contact dated after
 * today does not count as idle. Overdue: PaymentStatus overdue, or DueDate before today and not paid (one
 * item per customer, counting their orders). Follow-up: the earliest NextFollowUp on or before today that
 * no later contact (on or after that date) has answered. Lost customers get no idle reminders.
 * Result sorted by {@link compareDue}.
 */
export function evaluateReminders(
  book: NotifyBook,
  today: DateKey,
  rules: readonly ReminderRule[],
): DueItem[] {
  const contacts = lastContacts(book);
  const revenue = revenueByCustomer(book);
  const out: DueItem[] = [];
  const active = rules.filter((r) => r.enabled);

  const overdue = new Map<string, { orders: number; amount: number; oldestDue?: DateKey }>();
  for (const o of book.orders) {
    const late =
      o.paymentStatus === "overdue" ||
      (o.paymentStatus !== "paid" && o.dueDate !== undefined && o.dueDate < today);
    if (!late) continue;
    const acc = overdue.get(o.customerId) ?? { orders: 0, amount: 0 };
    const oldestDue = o.dueDate && (!acc.oldestDue || o.dueDate < acc.oldestDue) ? o.dueDate : acc.oldestDue;
    overdue.set(o.customerId, { orders: acc.orders + 1, amount: acc.amount + o.amount, oldestDue });
  }
  const followUps = new Map<string, DateKey>();
  for (const i of book.interactions) {
    const due = i.nextFollowUp;
    if (!due || due > today) continue;
    const last = contacts.get(i.customerId);
    if (last && last >= due) continue;
    const prev = followUps.get(i.customerId);
    if (!prev || due < prev) followUps.set(i.customerId, due);
  }

  for (const c of book.customers) {
    const last = contacts.get(c.id);
    const daysIdle = last === undefined ? null : daysBetween(last, today);
    const idleMore = (days: number) => daysIdle === null || daysIdle > days;
    const item = (rule: ReminderRule, detail: DueDetail): DueItem => ({
      customerId: c.id,
      customerName: c.name,
      ruleId: rule.id,
      ruleKind: rule.kind,
      priority: rule.priority,
      daysIdle,
      value: customerValue(c, revenue),
      segment: c.segment,
      row: c.row,
      detail,
    });
    for (const rule of active) {
      switch (rule.kind) {
        case "status-idle":
          if (c.status === rule.status && idleMore(rule.days))
            out.push(item(rule, { kind: "idle", status: c.status }));
          break;
        case "vip-idle":
          if (c.type === "vip" && c.status !== "lost" && idleMore(rule.days))
            out.push(item(rule, { kind: "idle", status: c.status }));
          break;
        case "overdue-order": {
          const o = overdue.get(c.id);
          if (o) out.push(item(rule, { kind: "overdue", ...o }));
          break;
        }
        case "next-follow-up": {
          const due = followUps.get(c.id);
          if (due) out.push(item(rule, { kind: "follow-up", dueOn: due }));
          break;
        }
      }
    }
  }
  return out.sort(compareDue);
}

/** Who is reminded of a customer: their Owner, or every manager when the row has none. */
export function recipientsOf(
  c: Pick<NotifyCustomer, "owner"> | undefined,
  managers: readonly string[],
): string[] {
  return c?.owner ? [c.owner] : [...managers];
}
