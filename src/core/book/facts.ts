import type { DayNumber } from "../calendar";
import { PAYMENT } from "./types";

/** The columns the payment facts read: the book's OrderLines, or a table built from them. */
export interface PaymentColumns {
  /** PAYMENT codes; null when the sheet has no PaymentStatus column. */
  readonly payment: Uint8Array | null;
  /** Due days (NaN: none); null when the sheet has no DueDate column. */
  readonly dueDay: Float64Array | null;
  /** 1 for a refund line. */
  readonly refund: Uint8Array;
}

/** Whether line i is money the customer still owes: not paid and not a refund (a refund is never owed). */
export function isUnpaid(lines: PaymentColumns, i: number): boolean {
  return lines.refund[i] === 0 && (lines.payment === null || lines.payment[i] !== PAYMENT.paid);
}

/**
 * Whether line i is an overdue payment on `today`: owed (see {@link isUnpaid}) and either marked overdue
 * or past its DueDate (due today is not yet overdue). The one definition reminders, the weekly report and
 * the credit risk share.
 */
export function isOverdue(lines: PaymentColumns, i: number, today: DayNumber): boolean {
  if (!isUnpaid(lines, i)) return false;
  if (lines.payment !== null && lines.payment[i] === PAYMENT.overdue) return true;
  return lines.dueDay !== null && lines.dueDay[i] < today;
}
