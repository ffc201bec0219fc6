import type { Book } from "../book";

/** A customer as a mail names them: a welcome mail's placeholders, a digest line's link. */
export interface NotifyCustomer {
  readonly id: string;
  readonly name: string;
  readonly contactName: string;
  /** Valid address lower-cased, or "". */
  readonly email: string;
  /** The Owner as a valid address lower-cased, or "" (then the managers are responsible). */
  readonly owner: string;
  readonly region: string;
  /** 1-based sheet row, for links; 0 for a customer not on the Customers sheet. */
  readonly row: number;
}

/** The card of customer `c` (a book index). */
export function customerCard(book: Book, c: number): NotifyCustomer {
  const t = book.customers;
  return {
    id: t.ids[c],
    name: t.name[c],
    contactName: t.contactName[c],
    email: t.email[c],
    owner: t.ownerEmail[c],
    region: t.region[c],
    row: t.row[c],
  };
}

/** Cards of the customers on the Customers sheet who have a valid e-mail address, in sheet order. */
export function customersWithEmail(book: Book): NotifyCustomer[] {
  const out: NotifyCustomer[] = [];
  for (let c = 0; c < book.customers.known; c++) if (book.customers.email[c]) out.push(customerCard(book, c));
  return out;
}

/**
 * Each customer's value, what reminders and the report rank by: Monetary when classification filled it,
 * else the total of their order lines (when they have any), else the opportunity amount, else 0.
 */
export function customerValues(book: Book): Float64Array {
  const { customers, orders } = book;
  const revenue = new Float64Array(customers.count);
  const ordered = new Uint8Array(customers.count);
  for (let i = 0; i < orders.length; i++) {
    const c = orders.customer[i];
    if (c < 0) continue;
    ordered[c] = 1;
    const a = orders.amount[i];
    if (a === a) revenue[c] += a;
  }
  const value = new Float64Array(customers.count);
  for (let c = 0; c < customers.count; c++) {
    const monetary = customers.monetary[c];
    const opportunity = customers.opportunity[c];
    value[c] =
      monetary === monetary
        ? monetary
        : ordered[c]
          ? revenue[c]
          : opportunity === opportunity
            ? opportunity
            : 0;
  }
  return value;
}
