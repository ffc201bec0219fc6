import { daysBetween, type DateKey } from "../calendar";
import type { DueItem } from "./reminders";
import type { TripleState } from "./send-log";

/**
 * What a reminder says now, in a few language-neutral characters; written into the Note of its SendLog row
 * when it is mailed, so a later run can tell whether it got worse: `overdue=2/338.00` (order lines and
 * amount), `follow-up=2026-11-20` (the planned date), `idle=following_up` (the status).
 */
export function dueMark(item: DueItem): string {
  const d = item.detail;
  switch (d.kind) {
    case "overdue":
      return `overdue=${d.orders}/${d.amount.toFixed(2)}`;
    case "follow-up":
      return `follow-up=${d.dueOn}`;
    case "idle":
      return `idle=${d.status}`;
    case "no-longer-due":
      return "";
  }
}

/**
 * Whether `item` escalated since it was mailed with `mark`: more overdue lines or a larger overdue amount,
 * or a later planned follow-up that has come due (a new one). Idle reminders only grow older, which the
 * repeat interval covers; an unreadable or empty mark (rows of earlier versions) is no escalation.
 */
export function escalated(item: DueItem, mark: string | undefined): boolean {
  const d = item.detail;
  if (!mark) return false;
  if (d.kind === "overdue") {
    const m = /^overdue=(\d+)\/(-?\d+(?:\.\d+)?)$/.exec(mark);
    return !!m && (d.orders > Number(m[1]) || d.amount > Number(m[2]) + 0.005);
  }
  if (d.kind === "follow-up") {
    const m = /^follow-up=(\d{4}-\d{2}-\d{2})$/.exec(mark);
    return !!m && d.dueOn > m[1];
  }
  return false;
}

/** Why a due reminder goes into today's digest, or null when it waits (mailed too recently). */
export type MailReason = "new" | "repeat" | "escalated" | null;

/**
 * Whether a reminder due today is mailed to this recipient today: always when it was never mailed to
 * them (or only held back: deferred, failed); when it escalated since the last mail; otherwise only once
 * `repeatDays` days have passed since that mail. Idempotence within a day (sent today) is the caller's.
 */
export function mailReason(
  item: DueItem,
  state: TripleState | undefined,
  today: DateKey,
  repeatDays: number,
): MailReason {
  if (!state?.lastMailed) return "new";
  if (escalated(item, state.mark)) return "escalated";
  return daysBetween(state.lastMailed, today) >= repeatDays ? "repeat" : null;
}
