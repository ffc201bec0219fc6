import { buildBook, type Book, type SegmentSnapshot } from "../../../src/core/book";

/** A Customers row as a test describes it: dates as "YYYY-MM-DD" text, enums by key. */
export interface CustomerRow {
  readonly id: string;
  readonly name?: string;
  readonly contactName?: string;
  readonly email?: string;
  readonly owner?: string;
  readonly type?: string;
  readonly status?: string;
  readonly region?: string;
  readonly lastInteraction?: string;
  readonly createdAt?: string;
  readonly monetary?: number;
  readonly opportunity?: number;
  readonly segment?: string;
  readonly abc?: string;
  readonly lifecycle?: string;
}

export interface OrderRow {
  readonly orderId: string;
  readonly customerId: string;
  readonly date?: string;
  readonly amount: number;
  /** A PaymentStatus cell: an option key or anything typed ("退款"). */
  readonly paymentStatus?: string;
  readonly dueDate?: string;
}

export interface InteractionRow {
  readonly customerId: string;
  readonly date?: string;
  readonly nextFollowUp?: string;
}

/** A customer with neutral defaults; tests override what they exercise. */
export function customer(id: string, extra: Partial<CustomerRow> = {}): CustomerRow {
  return { id, name: `Customer ${id}`, type: "regular", status: "won", ...extra };
}

const CUSTOMER_COLUMNS: readonly [string, keyof CustomerRow][] = [
  ["CustomerID", "id"],
  ["Name", "name"],
  ["ContactName", "contactName"],
  ["Email", "email"],
  ["Owner", "owner"],
  ["CustomerType", "type"],
  ["Status", "status"],
  ["Region", "region"],
  ["LastInteraction", "lastInteraction"],
  ["CreatedAt", "createdAt"],
  ["Monetary", "monetary"],
  ["OpportunityAmount", "opportunity"],
  ["Segment", "segment"],
  ["ABC", "abc"],
  ["Lifecycle", "lifecycle"],
];
const ORDER_COLUMNS: readonly [string, keyof OrderRow][] = [
  ["OrderID", "orderId"],
  ["CustomerID", "customerId"],
  ["OrderDate", "date"],
  ["Amount", "amount"],
  ["PaymentStatus", "paymentStatus"],
  ["DueDate", "dueDate"],
];
const INTERACTION_COLUMNS: readonly [string, keyof InteractionRow][] = [
  ["Date", "date"],
  ["CustomerID", "customerId"],
  ["NextFollowUp", "nextFollowUp"],
];

function sheet<T>(name: string, columns: readonly [string, keyof T][], rows: readonly T[]) {
  return {
    name,
    headers: columns.map(([header]) => header),
    rows: rows.map((r) => columns.map(([, key]) => (r[key] ?? "") as unknown)),
  };
}

/** The book the add-on would read from sheets holding these rows (Customers sheet rows 2, 3, …). */
export function book(rows: {
  customers?: readonly CustomerRow[];
  orders?: readonly OrderRow[];
  interactions?: readonly InteractionRow[];
  history?: readonly SegmentSnapshot[];
}): Book {
  const built = buildBook(
    {
      customers: sheet("Customers", CUSTOMER_COLUMNS, rows.customers ?? []),
      orders: sheet("Orders", ORDER_COLUMNS, rows.orders ?? []),
      interactions: sheet("Interactions", INTERACTION_COLUMNS, rows.interactions ?? []),
    },
    { timeZone: "UTC" },
  );
  return { ...built, history: rows.history ?? [] };
}
