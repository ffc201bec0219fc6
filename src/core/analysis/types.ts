/** Inputs of the analysis, already parsed by the shell from the Orders, Customers and Feedback sheets. */

/** Payment state of an order line, as the Orders sheet's PaymentStatus options. */
export type PaymentState = "paid" | "due" | "overdue";

/** One order line. `day` is a day number (see calendar.ts); amounts are in the sheet's currency. */
export interface OrderLine {
  /** Empty when the sheet has no OrderID: the line then forms its own order with the customer's other lines of that day. */
  readonly orderId: string;
  readonly customerId: string;
  readonly day: number;
  readonly product: string;
  readonly category: string;
  readonly quantity: number;
  readonly amount: number;
  readonly payment?: PaymentState;
  /** Day number the payment is due; undefined when the sheet has none. */
  readonly dueDay?: number;
}

/** The columns of a customer the statistics group by (classification results included). */
export interface CustomerProfile {
  readonly id: string;
  readonly name: string;
  readonly segment: string;
  readonly abc: string;
  readonly lifecycle: string;
  readonly region: string;
  readonly customerType: string;
  readonly owner: string;
  readonly gender: string;
  readonly age: number | null;
  readonly industry: string;
}

/** One row of the Feedback sheet. Rating is 1–5. */
export interface FeedbackEntry {
  readonly day: number;
  readonly customerId: string;
  readonly rating: number | null;
  readonly category: string;
  readonly comment: string;
}

/** Label used for a blank group value (no region, no owner …). */
export const BLANK_GROUP = "—";
