import type { DateKey, DayNumber } from "../calendar";
import type { TextList } from "./text-list";

/**
 * One sheet's cells as Range.getValues returns them: the header row and the data rows (data row i is sheet
 * row i + 2). Cells are Date objects, numbers, booleans or text; rows may be shorter than the header.
 */
export interface SheetCells {
  /** Tab name, for the addresses of problems. */
  readonly name: string;
  readonly headers: readonly unknown[];
  readonly rows: readonly (readonly unknown[])[];
}

/**
 * Payment state of an order line (Orders.PaymentStatus), as small integers in {@link OrderLines.payment}.
 * A refund is its own state: money going back to the customer is never a payment they owe.
 */
export const PAYMENT = {
  /** The cell is blank. */
  none: 0,
  paid: 1,
  due: 2,
  overdue: 3,
  /** Refund, 退款 and the like (not an option of the column, but what people write on a refund line). */
  refunded: 4,
  /** Text that names no state; reported as a problem and treated as not paid. */
  unreadable: 5,
} as const;
export type PaymentCode = (typeof PAYMENT)[keyof typeof PAYMENT];

/**
 * The people of the book. Every customer has a dense index: first those listed on the Customers sheet (in
 * sheet order; a repeated CustomerID keeps its first row), then IDs that only Orders, Interactions or
 * Feedback name ("unknown" customers), in the order they were met. Columns are indexed by customer;
 * unknown customers have blank text ("") and no days (NaN) in the Customers columns.
 */
export interface CustomerTable {
  /** All customers: `known` listed on the sheet, then the unknown ones. */
  readonly count: number;
  /** Customers listed on the Customers sheet: indexes 0 … known − 1. */
  readonly known: number;
  /** CustomerID of each customer, trimmed text (numbers as written: 1001, not 1001.0). */
  readonly ids: readonly string[];
  /** The index of a CustomerID (trimmed text), −1 when the book does not name it. */
  readonly indexOf: (id: string) => number;
  /** Customer index of each Customers data row (row i is sheet row i + 2); −1 for a blank CustomerID. */
  readonly rowCustomer: Int32Array;
  /** 1-based sheet row of each known customer's (first) Customers row; 0 for unknown customers. */
  readonly row: Int32Array;
  /** Name, trimmed; "" when blank. */
  readonly name: readonly string[];
  readonly contactName: readonly string[];
  /** A valid e-mail address, lower-cased; "" when blank or not an address. */
  readonly email: readonly string[];
  /** The Owner cell as written (trimmed): what analysis groups by. */
  readonly owner: readonly string[];
  /** The Owner as a valid address, lower-cased, or "" (then the managers are responsible). */
  readonly ownerEmail: readonly string[];
  /** CustomerType option key ("prospect", "regular", "vip"); the text as written when it names none. */
  readonly customerType: readonly string[];
  /** Status option key ("following_up", …); the text as written when it names none. */
  readonly status: readonly string[];
  /** Gender option key ("male", "female", "other"); the text as written when it names none. */
  readonly gender: readonly string[];
  readonly region: readonly string[];
  readonly industry: readonly string[];
  /** The classification's result columns as the sheet shows them (labels in the sheet's language). */
  readonly segment: readonly string[];
  readonly abc: readonly string[];
  readonly lifecycle: readonly string[];
  /** Age in years; NaN when blank or not a number (an age outside 0–130 is kept and reported). */
  readonly age: Float64Array;
  /** Monetary column (the last classification's net spend); NaN when blank. */
  readonly monetary: Float64Array;
  /** OpportunityAmount; NaN when blank. */
  readonly opportunity: Float64Array;
  /** CreatedAt as a day number in the spreadsheet's zone; NaN when blank or not a date. */
  readonly createdAt: Float64Array;
  /** The LastInteraction column alone, as a day number; NaN when blank or not a date. */
  readonly lastInteraction: Float64Array;
  /**
   * The latest contact: the later of the LastInteraction column and the customer's latest dated
   * Interactions row (the column is not kept up to date by everyone). NaN when neither has a date. May
   * lie after today (a contact planned ahead).
   */
  readonly lastContact: Float64Array;
}

/**
 * The Orders sheet, one entry per non-blank row (an order line), column-wise in typed arrays sized once.
 * Lines keep the sheet's row order, whatever it is; nothing downstream relies on it. A line whose cells
 * could not be read stays in the table with the unreadable value marked (customer −1, day or amount NaN)
 * and a {@link BookProblem}: each feature decides whether such a line counts.
 */
export interface OrderLines {
  readonly length: number;
  /** 1-based sheet row of each line. */
  readonly row: Int32Array;
  /** Customer index (CustomerTable); −1 when the CustomerID is blank. */
  readonly customer: Int32Array;
  /** OrderDate as a day number in the spreadsheet's zone; NaN when blank or not a date. */
  readonly day: Float64Array;
  /** Amount in the sheet's currency, negative for refunds; NaN when blank or not an amount. */
  readonly amount: Float64Array;
  /**
   * Order index into `orderIds`, −1 when the OrderID is blank (such a line is an order of its own). The
   * lines of one order share it; an OrderID written on two customers' lines is one index (an order's
   * count per customer is the feature's business). OrderIDs are matched by a 64-bit fingerprint
   * (fingerprint-index.ts: two different IDs collide with odds of about 10⁻⁹ in a million lines).
   */
  readonly order: Int32Array;
  /** Distinct OrderIDs, by order index (`orderIds.at(k)`). */
  readonly orderIds: TextList;
  /** Product index into `products` (−1 when blank); null when not read (`details` off or no column). */
  readonly product: Int32Array | null;
  readonly products: readonly string[];
  /** Category index into `categories` (−1 when blank); null when not read. */
  readonly category: Int32Array | null;
  readonly categories: readonly string[];
  /** PaymentStatus as a {@link PAYMENT} code; null when the sheet has no PaymentStatus column. */
  readonly payment: Uint8Array | null;
  /** DueDate as a day number (NaN when blank or not a date); null when the sheet has no DueDate column. */
  readonly dueDay: Float64Array | null;
  /**
   * 1 for a refund: a negative amount, or a refund written in PaymentStatus. A refund is never an unpaid
   * or overdue payment.
   */
  readonly refund: Uint8Array;
  /** 0-based sheet column of each schema column the Orders header row names ("OrderDate" → 2). */
  readonly columns: ReadonlyMap<string, number>;
}

/** What the customer-event sheets (Interactions, Feedback) share: one entry per non-blank row. */
export interface EventRows {
  readonly length: number;
  /** 1-based sheet row. */
  readonly row: Int32Array;
  /** Customer index; −1 when the CustomerID is blank. */
  readonly customer: Int32Array;
  /** Date as a day number; NaN when blank or not a date. */
  readonly day: Float64Array;
}

/** The Interactions sheet. */
export interface InteractionTable extends EventRows {
  /** NextFollowUp as a day number; NaN when blank or not a date. */
  readonly nextFollowUp: Float64Array;
}

/** The Feedback sheet. */
export interface FeedbackTable extends EventRows {
  /** Rating; NaN when blank or not a number (a rating outside 1–5 or not whole is kept and reported). */
  readonly rating: Float64Array;
  readonly category: readonly string[];
  readonly comment: readonly string[];
  /** 1 when the Resolved cell says yes (true, yes, 是, 已解决, ✓ …; see parseBoolean); 0 when blank or no. */
  readonly resolved: Uint8Array;
}

/** One row of the hidden SegmentHistory sheet: a customer's segment in the week starting `weekStart`. */
export interface SegmentSnapshot {
  readonly weekStart: DateKey;
  readonly customerId: string;
  readonly segment: string;
}

/** Why a cell could not be used. */
export type ProblemKind =
  /** The header row lacks a required column (`column` is −1, `row` 1). */
  | "missing-column"
  /** A required cell is blank. */
  | "required"
  | "date"
  | "amount"
  | "number"
  /** A number outside its column's range (age 0–130, rating 1–5 whole). */
  | "range"
  /** Text that names no option of an enum column. */
  | "enum";

/**
 * Why a cell of a known kind failed, when the kind alone misleads: "date-order" is a date cell whose
 * day/month order contradicts the one the rest of its column proves (`13/01/2010` in a column that
 * also holds `01/13/2010`; see core/calendar/date-order.ts), so it is not read rather than read in
 * another order than its neighbours.
 */
export type ProblemReason = "date-order";

/** A cell the builder could not read, addressed as the user sees it. */
export interface BookProblem {
  /** Tab name. */
  readonly sheet: string;
  /** 1-based sheet row. */
  readonly row: number;
  /** 0-based column index in the sheet; −1 for a missing column. */
  readonly column: number;
  /** Schema column key ("OrderDate", …). */
  readonly key: string;
  /** The cell as text ("" for a blank or missing cell; Date cells as ISO instants). */
  readonly value: string;
  readonly why: ProblemKind;
  /** The finer reason, when there is one (set only then); {@link PROBLEM_REASON_TEXT} words it. */
  readonly reason?: ProblemReason;
}

/**
 * The customer data of one spreadsheet, read once per execution: every feature (classification,
 * reminders, the weekly report, analysis) reads these tables, never the sheets' cells.
 */
export interface Book {
  /** The spreadsheet's zone, in which every day number of the book is a calendar day. */
  readonly timeZone: string;
  readonly customers: CustomerTable;
  readonly orders: OrderLines;
  readonly interactions: InteractionTable;
  readonly feedback: FeedbackTable;
  /** SegmentHistory rows with a week and a CustomerID. */
  readonly history: readonly SegmentSnapshot[];
  /** The tab each table was read from; null when the spreadsheet has no such tab (the table is empty). */
  readonly sheets: {
    readonly customers: string | null;
    readonly orders: string | null;
    readonly interactions: string | null;
    readonly feedback: string | null;
  };
  /** Every unreadable cell, sheet by sheet in row order. */
  readonly problems: readonly BookProblem[];
}

export type { DayNumber };
