import { customerValue, revenueByCustomer, type NotifyBook } from "./book";
import { addDays, daysBetween, inRange, monthOf, monthsEnding, type DateKey } from "./calendar";
import { lastTwoWeeks, weeklyMigration, type WeeklyMigration } from "./migration";
import { lastContacts } from "./reminders";
import { isAtRiskSegment, segmentKey, segmentOrder } from "./segments";

/** A 7-day window, both ends included. */
export interface Period {
  readonly from: DateKey;
  readonly to: DateKey;
}

/** The report lists this many overdue order lines (largest first) and totals the rest. */
export const MAX_OVERDUE_LINES = 20;
/** The report lists this many at-risk customers (most valuable first). */
export const MAX_AT_RISK = 10;

export interface OverdueLine {
  readonly orderId: string;
  readonly customerId: string;
  readonly name: string;
  readonly amount: number;
  readonly dueDate?: DateKey;
  readonly daysOverdue: number | null;
}

export interface CustomerLine {
  readonly customerId: string;
  readonly name: string;
  readonly value: number;
  readonly segment: string;
  readonly owner: string;
  readonly daysIdle: number | null;
}

export interface WeeklyReport {
  readonly asOf: DateKey;
  readonly thisWeek: Period;
  readonly lastWeek: Period;
  /** The same weekdays 52 weeks earlier. */
  readonly lastYear: Period;
  readonly kpis: {
    readonly customers: number;
    /** With an order or a contact in the 90 days ending asOf. */
    readonly active: number;
    /** Created this week (CreatedAt, or the first order when CreatedAt is blank). */
    readonly newCustomers: number;
    readonly revenue: { readonly thisWeek: number; readonly lastWeek: number; readonly lastYear: number };
    readonly orders: { readonly thisWeek: number; readonly lastWeek: number; readonly lastYear: number };
  };
  /** Customers per segment key ("" for unclassified), best segment first. */
  readonly segments: readonly { readonly key: string; readonly count: number }[];
  /** With the moves named and valued, most valuable customer first (whom to look at first). */
  readonly migration?: Omit<WeeklyMigration, "moves"> & {
    readonly moves: readonly {
      readonly customerId: string;
      readonly name: string;
      readonly value: number;
      readonly from: string;
      readonly to: string;
    }[];
  };
  readonly abc: readonly { readonly label: string; readonly count: number; readonly value: number }[];
  readonly lifecycle: readonly { readonly label: string; readonly count: number }[];
  readonly top: readonly CustomerLine[];
  readonly atRisk: readonly CustomerLine[];
  /**
   * The MAX_OVERDUE_LINES largest overdue order lines: by amount, then days overdue (unknown last), then
   * order id. A demo-sized book has hundreds, which would swamp the mail; `overdueTotal` counts them all.
   */
  readonly overdue: readonly OverdueLine[];
  /** Every overdue order line, not just those listed: how many, and their summed amount. */
  readonly overdueTotal: { readonly lines: number; readonly amount: number };
  /** The 12 months ending with asOf's month, oldest first. */
  readonly monthly: readonly { readonly month: string; readonly revenue: number }[];
  readonly regions: readonly {
    readonly region: string;
    readonly customers: number;
    readonly revenue12m: number;
    readonly revenueThisWeek: number;
  }[];
}

function tally<T>(items: readonly T[], keyOf: (t: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of items) out.set(keyOf(t), (out.get(keyOf(t)) ?? 0) + 1);
  return out;
}

const byValueThenId = (a: CustomerLine, b: CustomerLine) =>
  b.value - a.value || (a.customerId < b.customerId ? -1 : 1);

/** Longest overdue first; an unknown age (status "overdue" without a due date) after every known one. */
const byAge = (a: number | null, b: number | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : b - a;

/** Largest first, then longest overdue, then by order id, so the cut at MAX_OVERDUE_LINES is stable. */
const byAmountThenAge = (a: OverdueLine, b: OverdueLine) =>
  b.amount - a.amount ||
  byAge(a.daysOverdue, b.daysOverdue) ||
  (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0);

/**
 * The weekly manager report as of `asOf` (the last full day, a calendar day in the spreadsheet's zone).
 * This week is the 7 days ending asOf; last week the 7 before; last year the same weekdays 364 days earlier.
 * Blank segment, ABC, lifecycle and region labels are reported as "—". Orders without a date count for
 * totals but never for a period.
 */
export function buildWeeklyReport(book: NotifyBook, asOf: DateKey): WeeklyReport {
  const week = (end: DateKey): Period => ({ from: addDays(end, -6), to: end });
  const thisWeek = week(asOf);
  const lastWeek = week(addDays(asOf, -7));
  const lastYear = week(addDays(asOf, -364));
  const sumIn = (p: Period) =>
    book.orders.reduce((s, o) => (inRange(o.date, p.from, p.to) ? s + o.amount : s), 0);
  const countIn = (p: Period) => book.orders.filter((o) => inRange(o.date, p.from, p.to)).length;

  const contacts = lastContacts(book);
  const revenue = revenueByCustomer(book);
  const activeFrom = addDays(asOf, -89);
  const activeIds = new Set<string>();
  for (const o of book.orders) if (inRange(o.date, activeFrom, asOf)) activeIds.add(o.customerId);
  for (const [id, d] of contacts) if (inRange(d, activeFrom, asOf)) activeIds.add(id);
  const firstOrder = new Map<string, DateKey>();
  for (const o of book.orders)
    if (o.date && (!firstOrder.has(o.customerId) || o.date < firstOrder.get(o.customerId)!))
      firstOrder.set(o.customerId, o.date);
  const label = (s: string) => s || "—";

  const lines: CustomerLine[] = book.customers.map((c) => {
    const last = contacts.get(c.id);
    return {
      customerId: c.id,
      name: c.name,
      value: customerValue(c, revenue),
      segment: c.segment,
      owner: c.owner,
      daysIdle: last === undefined ? null : daysBetween(last, asOf),
    };
  });
  const segCounts = tally(book.customers, (c) => segmentKey(c.segment));
  const abcValue = new Map<string, number>();
  lines.forEach((l, i) => {
    const k = label(book.customers[i].abc);
    abcValue.set(k, (abcValue.get(k) ?? 0) + l.value);
  });
  const abcCounts = tally(book.customers, (c) => label(c.abc));
  const weeks = lastTwoWeeks(book.history, asOf);
  const names = new Map(book.customers.map((c) => [c.id, c.name]));
  const months = monthsEnding(asOf, 12);
  const monthly = new Map(months.map((m) => [m, 0]));
  for (const o of book.orders) {
    if (!o.date || o.date > asOf) continue;
    const m = monthOf(o.date);
    if (monthly.has(m)) monthly.set(m, monthly.get(m)! + o.amount);
  }
  const overdueLines: OverdueLine[] = book.orders
    .filter(
      (o) =>
        o.paymentStatus === "overdue" ||
        (o.paymentStatus !== "paid" && o.dueDate !== undefined && o.dueDate < asOf),
    )
    .map((o) => ({
      orderId: o.orderId,
      customerId: o.customerId,
      name: names.get(o.customerId) ?? o.customerId,
      amount: o.amount,
      dueDate: o.dueDate,
      daysOverdue: o.dueDate ? daysBetween(o.dueDate, asOf) : null,
    }))
    .sort(byAmountThenAge);
  const regionOf = new Map(book.customers.map((c) => [c.id, label(c.region)]));
  const regions = new Map<string, { customers: number; revenue12m: number; revenueThisWeek: number }>();
  const region = (r: string) => {
    let acc = regions.get(r);
    if (!acc) regions.set(r, (acc = { customers: 0, revenue12m: 0, revenueThisWeek: 0 }));
    return acc;
  };
  for (const c of book.customers) region(label(c.region)).customers++;
  const from12 = `${months[0]}-01`;
  for (const o of book.orders) {
    const acc = region(regionOf.get(o.customerId) ?? "—");
    if (inRange(o.date, from12, asOf)) acc.revenue12m += o.amount;
    if (inRange(o.date, thisWeek.from, thisWeek.to)) acc.revenueThisWeek += o.amount;
  }

  return {
    asOf,
    thisWeek,
    lastWeek,
    lastYear,
    kpis: {
      customers: book.customers.length,
      active: book.customers.filter((c) => activeIds.has(c.id)).length,
      newCustomers: book.customers.filter((c) =>
        inRange(c.createdAt ?? firstOrder.get(c.id), thisWeek.from, thisWeek.to),
      ).length,
      revenue: { thisWeek: sumIn(thisWeek), lastWeek: sumIn(lastWeek), lastYear: sumIn(lastYear) },
      orders: { thisWeek: countIn(thisWeek), lastWeek: countIn(lastWeek), lastYear: countIn(lastYear) },
    },
    segments: segmentOrder(segCounts.keys()).map((k) => ({ key: k, count: segCounts.get(k)! })),
    migration: migrationWithNames(weeks, book, names, new Map(lines.map((l) => [l.customerId, l.value]))),
    abc: [...abcCounts.keys()]
      .sort()
      .map((k) => ({ label: k, count: abcCounts.get(k)!, value: abcValue.get(k)! })),
    lifecycle: [...tally(book.customers, (c) => label(c.lifecycle)).entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([l, count]) => ({ label: l, count })),
    top: [...lines].sort(byValueThenId).slice(0, 10),
    atRisk: lines
      .filter((l) => isAtRiskSegment(l.segment))
      .sort(byValueThenId)
      .slice(0, MAX_AT_RISK),
    overdue: overdueLines.slice(0, MAX_OVERDUE_LINES),
    overdueTotal: {
      lines: overdueLines.length,
      amount: overdueLines.reduce((sum, o) => sum + o.amount, 0),
    },
    monthly: months.map((m) => ({ month: m, revenue: monthly.get(m)! })),
    regions: [...regions.entries()]
      .map(([r, acc]) => ({ region: r, ...acc }))
      .sort((a, b) => b.revenue12m - a.revenue12m || (a.region < b.region ? -1 : 1)),
  };
}

function migrationWithNames(
  weeks: readonly DateKey[],
  book: NotifyBook,
  names: ReadonlyMap<string, string>,
  values: ReadonlyMap<string, number>,
): WeeklyReport["migration"] {
  if (weeks.length < 2) return undefined;
  const m = weeklyMigration(book.history, weeks[0], weeks[1]);
  const moves = m.moves
    .map((x) => ({
      ...x,
      name: names.get(x.customerId) ?? x.customerId,
      value: values.get(x.customerId) ?? 0,
    }))
    .sort((a, b) => b.value - a.value || (a.customerId < b.customerId ? -1 : 1));
  return { ...m, moves };
}
