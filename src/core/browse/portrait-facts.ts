import { isOverdue, type Book } from "../book";
import type { DayNumber } from "../calendar";
import { suggestNextAction, type NextAction } from "./next-action";

/** A rating at or below this, not resolved, is an open complaint. */
const COMPLAINT_RATING = 2;

/** What the portrait says about one customer, each fact as the book defines it. */
export interface PortraitFacts {
  /** The latest contact (Book: the later of LastInteraction and the Interactions rows); NaN when none. */
  readonly lastContact: DayNumber;
  /** Lines overdue on `today` (isOverdue: owed, and marked overdue or past due; a refund never is). */
  readonly overdueOrders: number;
  /** The latest NextFollowUp planned in Interactions; NaN when none. */
  readonly nextFollowUp: DayNumber;
  /** Feedback rated 1–2 and not resolved. */
  readonly openComplaints: number;
  /** Net spend: every readable order amount, refunds (negative) included. */
  readonly netSpent: number;
  readonly nextAction: NextAction;
}

/**
 * The facts of customer `customer` of `book` on `today` (day numbers in the book's zone), and the next
 * action they suggest. `churnRisk` is the classifier's churn-risk cell (the book does not keep it). Works
 * on any book; the portrait builds a small one from the customer's own rows (buildBook), so reminders,
 * the weekly report and the portrait agree on what is overdue and when the last contact was.
 */
export function portraitFacts(
  book: Book,
  customer: number,
  today: DayNumber,
  churnRisk: string | null,
): PortraitFacts {
  const { orders, interactions, feedback, customers } = book;
  let overdueOrders = 0;
  let netSpent = 0;
  for (let i = 0; i < orders.length; i++) {
    if (orders.customer[i] !== customer) continue;
    if (isOverdue(orders, i, today)) overdueOrders++;
    const amount = orders.amount[i];
    if (amount === amount) netSpent += amount;
  }
  let nextFollowUp = NaN;
  for (let i = 0; i < interactions.length; i++) {
    const next = interactions.nextFollowUp[i];
    if (interactions.customer[i] === customer && next === next && !(next <= nextFollowUp))
      nextFollowUp = next;
  }
  let openComplaints = 0;
  for (let i = 0; i < feedback.length; i++) {
    if (feedback.customer[i] !== customer || feedback.resolved[i] === 1) continue;
    if (feedback.rating[i] <= COMPLAINT_RATING) openComplaints++;
  }
  const known = customer >= 0 && customer < customers.count;
  const lastContact = known ? customers.lastContact[customer] : NaN;
  const text = (column: readonly string[]) => (known && column[customer] ? column[customer] : null);
  const nextAction = suggestNextAction({
    status: text(customers.status),
    churnRisk,
    segment: text(customers.segment),
    daysSinceContact: lastContact === lastContact ? today - lastContact : null,
    unresolvedFeedback: openComplaints,
    overdueOrders,
    daysToFollowUp: nextFollowUp === nextFollowUp ? nextFollowUp - today : null,
  });
  return { lastContact, overdueOrders, nextFollowUp, openComplaints, netSpent, nextAction };
}
