import { enumOption, mapHeaders } from "../schema/headers";
import { CUSTOMERS, INTERACTIONS, ORDERS } from "../schema/sheets";
import type { SheetSpec } from "../schema/types";
import { parseAmount } from "../table/parse/amount";
import type { DateKey } from "./calendar";
import { normalizeEmail } from "./escape";

/** A customer as the notify feature needs it; every date already a calendar day in the sheet's zone. */
export interface NotifyCustomer {
  readonly id: string;
  readonly name: string;
  readonly contactName: string;
  /** Valid address lower-cased, or "". */
  readonly email: string;
  /** Valid owner address lower-cased, or "" (then the managers are responsible). */
  readonly owner: string;
  /** CustomerType enum key ("vip", …) or "". */
  readonly type: string;
  /** Status enum key ("following_up", …) or "". */
  readonly status: string;
  readonly region: string;
  readonly lastInteraction?: DateKey;
  readonly createdAt?: DateKey;
  /** Monetary (from classification) when filled, else undefined. */
  readonly monetary?: number;
  readonly opportunity?: number;
  readonly segment: string;
  readonly abc: string;
  readonly lifecycle: string;
  /** 1-based sheet row, for links. */
  readonly row: number;
}

export interface NotifyOrder {
  readonly orderId: string;
  readonly customerId: string;
  readonly date?: DateKey;
  readonly amount: number;
  /** PaymentStatus enum key ("paid", "due", "overdue") or "". */
  readonly paymentStatus: string;
  readonly dueDate?: DateKey;
  readonly row: number;
}

export interface NotifyInteraction {
  readonly customerId: string;
  readonly date?: DateKey;
  readonly nextFollowUp?: DateKey;
  readonly row: number;
}

/** One row of the hidden SegmentHistory sheet: a customer's segment in the week starting `weekStart`. */
export interface SegmentSnapshot {
  readonly weekStart: DateKey;
  readonly customerId: string;
  readonly segment: string;
}

export interface NotifyBook {
  readonly customers: readonly NotifyCustomer[];
  readonly orders: readonly NotifyOrder[];
  readonly interactions: readonly NotifyInteraction[];
  readonly history: readonly SegmentSnapshot[];
}

/** A sheet as read: its header row and data rows (row i is sheet row i + 2). */
export interface RawTable {
  readonly headers: readonly unknown[];
  readonly rows: readonly (readonly unknown[])[];
}

export interface BookSources {
  readonly customers?: RawTable;
  readonly orders?: RawTable;
  readonly interactions?: RawTable;
  readonly history?: RawTable;
}

/** Turns a cell into a calendar day in the spreadsheet's zone, or undefined when it is blank or not a date. */
export type DateReader = (value: unknown) => DateKey | undefined;

/** An amount cell as a number (currency signs, separators and full-width digits allowed); undefined if unreadable. */
export function readAmount(value: unknown): number | undefined {
  const r = parseAmount(value);
  return r.ok ? r.value : undefined;
}

const text = (v: unknown): string => (v === null || v === undefined ? "" : String(v).trim());

function columns(spec: SheetSpec, table: RawTable) {
  const map = mapHeaders(spec, table.headers);
  return (key: string) => {
    const i = map.index.get(key);
    return (row: readonly unknown[]) => (i === undefined ? undefined : row[i]);
  };
}

function enumKey(spec: SheetSpec, key: string, value: unknown): string {
  const column = spec.columns.find((c) => c.key === key);
  return column ? (enumOption(column, value)?.key ?? "") : "";
}

function historyColumns(headers: readonly unknown[]) {
  const at = (name: string) => headers.findIndex((h) => text(h).toLowerCase() === name.toLowerCase());
  return { week: at("WeekStart"), id: at("CustomerID"), segment: at("Segment") };
}

/**
 * Builds the notify model from the raw sheets. Rows without a CustomerID are skipped (they cannot be
 * reminded of or linked); enum cells in either language or by alias become their keys.
 */
export function bookFromTables(src: BookSources, dateOf: DateReader): NotifyBook {
  const customers: NotifyCustomer[] = [];
  if (src.customers) {
    const c = columns(CUSTOMERS, src.customers);
    const [
      id,
      name,
      contact,
      email,
      owner,
      type,
      region,
      status,
      last,
      created,
      monetary,
      opp,
      seg,
      abc,
      life,
    ] = [
      "CustomerID",
      "Name",
      "ContactName",
      "Email",
      "Owner",
      "CustomerType",
      "Region",
      "Status",
      "LastInteraction",
      "CreatedAt",
      "Monetary",
      "OpportunityAmount",
      "Segment",
      "ABC",
      "Lifecycle",
    ].map(c);
    src.customers.rows.forEach((r, i) => {
      const cid = text(id(r));
      if (!cid) return;
      customers.push({
        id: cid,
        name: text(name(r)),
        contactName: text(contact(r)),
        email: normalizeEmail(text(email(r))),
        owner: normalizeEmail(text(owner(r))),
        type: enumKey(CUSTOMERS, "CustomerType", type(r)),
        status: enumKey(CUSTOMERS, "Status", status(r)),
        region: text(region(r)),
        lastInteraction: dateOf(last(r)),
        createdAt: dateOf(created(r)),
        monetary: readAmount(monetary(r)),
        opportunity: readAmount(opp(r)),
        segment: text(seg(r)),
        abc: text(abc(r)),
        lifecycle: text(life(r)),
        row: i + 2,
      });
    });
  }
  const orders: NotifyOrder[] = [];
  if (src.orders) {
    const c = columns(ORDERS, src.orders);
    const [oid, cid, date, amount, pay, due] = [
      "OrderID",
      "CustomerID",
      "OrderDate",
      "Amount",
      "PaymentStatus",
      "DueDate",
    ].map(c);
    src.orders.rows.forEach((r, i) => {
      const customerId = text(cid(r));
      if (!customerId) return;
      orders.push({
        orderId: text(oid(r)),
        customerId,
        date: dateOf(date(r)),
        amount: readAmount(amount(r)) ?? 0,
        paymentStatus: enumKey(ORDERS, "PaymentStatus", pay(r)),
        dueDate: dateOf(due(r)),
        row: i + 2,
      });
    });
  }
  const interactions: NotifyInteraction[] = [];
  if (src.interactions) {
    const c = columns(INTERACTIONS, src.interactions);
    const [date, cid, next] = ["Date", "CustomerID", "NextFollowUp"].map(c);
    src.interactions.rows.forEach((r, i) => {
      const customerId = text(cid(r));
      if (!customerId) return;
      interactions.push({ customerId, date: dateOf(date(r)), nextFollowUp: dateOf(next(r)), row: i + 2 });
    });
  }
  const history: SegmentSnapshot[] = [];
  if (src.history) {
    const h = historyColumns(src.history.headers);
    if (h.week >= 0 && h.id >= 0 && h.segment >= 0)
      for (const r of src.history.rows) {
        const weekStart = dateOf(r[h.week]);
        const customerId = text(r[h.id]);
        if (weekStart && customerId) history.push({ weekStart, customerId, segment: text(r[h.segment]) });
      }
  }
  return { customers, orders, interactions, history };
}

/** Total order amount per customer. */
export function revenueByCustomer(book: NotifyBook): Map<string, number> {
  const out = new Map<string, number>();
  for (const o of book.orders) out.set(o.customerId, (out.get(o.customerId) ?? 0) + o.amount);
  return out;
}

/** A customer's value: Monetary when classification filled it, else their order total, else the opportunity. */
export function customerValue(c: NotifyCustomer, revenue: ReadonlyMap<string, number>): number {
  return c.monetary ?? revenue.get(c.id) ?? c.opportunity ?? 0;
}
