import { isOverdue, type Book } from "../book";
import { dateKeyOfDay, dayOfDateKey, type DateKey } from "../calendar";
import { customerValues } from "./customer-card";
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

/** Days from a customer's latest contact (book.customers.lastContact) to `today`; null when never contacted. */
export function daysIdleOf(book: Book, c: number, today: number): number | null {
  const last = book.customers.lastContact[c];
  return last === last ? today - last : null;
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
 * once per customer on the Customers sheet. Idle rules fire when the days since the latest contact (the
 * later of LastInteraction and the Interactions sheet, see the book) are MORE than the rule's days; a
 * customer with no contact recorded at all is idle without bound and fires too. A contact dated after
 * today does not count as idle. Overdue: an owed line (not paid, not a refund) marked overdue or past its
 * DueDate (one item per customer, counting their lines). Follow-up: the earliest NextFollowUp on or
 * before today that no later contact (on or after that date) has answered. Lost customers get no idle
 * reminders. Result sorted by {@link compareDue}.
 */
export function evaluateReminders(book: Book, today: DateKey, rules: readonly ReminderRule[]): DueItem[] {
  const todayDay = dayOfDateKey(today);
  const { customers, orders, interactions } = book;
  const values = customerValues(book);
  const out: DueItem[] = [];
  const active = rules.filter((r) => r.enabled);

  const overdueLines = new Int32Array(customers.count);
  const overdueAmount = new Float64Array(customers.count);
  const oldestDue = new Float64Array(customers.count).fill(NaN);
  for (let i = 0; i < orders.length; i++) {
    const c = orders.customer[i];
    if (c < 0 || !isOverdue(orders, i, todayDay)) continue;
    overdueLines[c]++;
    if (orders.amount[i] === orders.amount[i]) overdueAmount[c] += orders.amount[i];
    const due = orders.dueDay ? orders.dueDay[i] : NaN;
    if (due === due && !(oldestDue[c] <= due)) oldestDue[c] = due;
  }
  const followUp = new Float64Array(customers.count).fill(NaN);
  for (let i = 0; i < interactions.length; i++) {
    const c = interactions.customer[i];
    const due = interactions.nextFollowUp[i];
    if (c < 0 || !(due <= todayDay)) continue;
    if (customers.lastContact[c] >= due) continue;
    if (!(followUp[c] <= due)) followUp[c] = due;
  }

  for (let c = 0; c < customers.known; c++) {
    const daysIdle = daysIdleOf(book, c, todayDay);
    const idleMore = (days: number) => daysIdle === null || daysIdle > days;
    const status = customers.status[c];
    const item = (rule: ReminderRule, detail: DueDetail): DueItem => ({
      customerId: customers.ids[c],
      customerName: customers.name[c],
      ruleId: rule.id,
      ruleKind: rule.kind,
      priority: rule.priority,
      daysIdle,
      value: values[c],
      segment: customers.segment[c],
      row: customers.row[c],
      detail,
    });
    for (const rule of active) {
      switch (rule.kind) {
        case "status-idle":
          if (status === rule.status && idleMore(rule.days)) out.push(item(rule, { kind: "idle", status }));
          break;
        case "vip-idle":
          if (customers.customerType[c] === "vip" && status !== "lost" && idleMore(rule.days))
            out.push(item(rule, { kind: "idle", status }));
          break;
        case "overdue-order":
          if (overdueLines[c] > 0)
            out.push(
              item(rule, {
                kind: "overdue",
                orders: overdueLines[c],
                amount: overdueAmount[c],
                ...(oldestDue[c] === oldestDue[c] ? { oldestDue: dateKeyOfDay(oldestDue[c]) } : {}),
              }),
            );
          break;
        case "next-follow-up":
          if (followUp[c] === followUp[c])
            out.push(item(rule, { kind: "follow-up", dueOn: dateKeyOfDay(followUp[c]) }));
          break;
      }
    }
  }
  return out.sort(compareDue);
}
