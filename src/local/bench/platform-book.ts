/**
 * The platform bench's book: a spreadsheet at Google's 10,000,000-cell limit as a team would have it after
 * weeks of use — Customers with every canonical column (the add-on's result columns filled by earlier
 * runs) and two columns of the user's own, Orders filling what the cell budget leaves (in date order, as a
 * sheet filled over two years is), Interactions and Feedback in date order, and the add-on's own tabs
 * (AuditLog, SendLog, SegmentHistory, Segments). Deterministic: same options, same book.
 * Grids are trimmed to their data (a user's import or paste leaves no blank block), so `cells` — every
 * tab's rows × columns, what the limit counts (https://support.google.com/drive/answer/37603) — is the
 * book's real size.
 */
import { MS_PER_DAY as DAY } from "../../core/calendar/zone";
import { AUDIT_HEADERS, auditRow } from "../../core/trust/audit";
import { SEND_LOG_HEADERS, logRow } from "../../core/notify/send-log";
import { CUSTOMERS, sheetSpec } from "../../core/schema/sheets";
import type { SheetKey } from "../../core/schema/types";
import { HISTORY_HEADERS, packWeek, weekStartOf } from "../../gas/classify/summary-sheets";
import { seedBook } from "../demo/seed-data";
import type { Emulator } from "../emulator";
import { seededRandom, type Random } from "../random";

export interface PlatformBookOptions {
  /** Customers on the Customers tab (default 100,000). */
  readonly customers: number;
  /**
   * Cells the book should hold; default 9,100,000 × customers / 100,000. The limit is 10,000,000, and the
   * add-on's own tabs are budgeted at most 10% of it (README, "The add-on's own tabs"), so a team whose data
   * leaves less than that has already outgrown one spreadsheet (see the BigQuery mode).
   */
  readonly targetCells?: number;
  readonly seed?: number;
}

export interface PlatformSheet {
  readonly name: string;
  readonly values: unknown[][];
  /** The add-on hides its own bookkeeping tabs. */
  readonly hidden?: boolean;
}

/** Columns the user added to Customers after set-up (the add-on must leave them alone). */
export const CUSTOM_COLUMNS = ["Preferred contact time", "Membership level"] as const;
/** The book's "today": orders, interactions and feedback end here. */
export const BOOK_AS_OF = new Date(Date.UTC(2026, 10, 20));
/** Where the owner's team writes from. */
export const OWNER_EMAIL = "owner@example.com";

/** Per 100,000 customers: interaction rows, feedback rows, audit rows, send-log rows, history weeks. */
const INTERACTIONS_PER_CUSTOMER = 1;
const FEEDBACK_PER_CUSTOMER = 0.3;
const AUDIT_PER_CUSTOMER = 0.03;
const SEND_LOG_PER_CUSTOMER = 0.112;
const HISTORY_WEEKS_KEPT = 8;
const SEGMENT_LABELS = [
  "Champions",
  "Loyal Customers",
  "Potential Loyalist",
  "New Customers",
  "Promising",
  "Need Attention",
  "About To Sleep",
  "At Risk",
  "Can't Lose Them",
  "Lost",
];
const LIFECYCLES = ["New", "Repeat", "Loyal", "At risk", "Lost"];
const CHURN = ["Low", "Medium", "High"];

/** Rows sorted by the date in column `col` (oldest first), as a log filled over time is. */
function byDate(rows: unknown[][], col: number): unknown[][] {
  return rows.sort((a, b) => (a[col] as Date).getTime() - (b[col] as Date).getTime());
}

interface Aggregate {
  last: number;
  orders: Set<string>;
  amount: number;
}

/** What earlier classification runs left in each customer's result columns (by canonical key). */
function resultsOf(
  ids: readonly string[],
  orders: readonly unknown[][],
  r: Random,
  classifiedAt: Date,
): Map<string, Record<string, unknown>> {
  const agg = new Map<string, Aggregate>();
  for (const o of orders) {
    const id = String(o[1]);
    let a = agg.get(id);
    if (!a) agg.set(id, (a = { last: 0, orders: new Set(), amount: 0 }));
    a.last = Math.max(a.last, (o[2] as Date).getTime());
    a.orders.add(String(o[0]));
    a.amount += Number(o[6]) || 0;
  }
  /** Quintile score 1–5 of a value among sampled values (binary search of the sorted sample). */
  const rank = (values: number[]) => {
    const sorted = [...values].sort((x, y) => x - y);
    return (v: number) => {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid] < v) lo = mid + 1;
        else hi = mid;
      }
      return 1 + Math.min(4, Math.floor((lo / sorted.length) * 5));
    };
  };
  const buyers = ids.filter((id) => agg.has(id));
  const recency = (id: string) => Math.round((BOOK_AS_OF.getTime() - agg.get(id)!.last) / DAY);
  // Quintiles from a sample: sorting every customer's figures three times is not needed for stale results.
  const sample = (f: (id: string) => number) =>
    rank(Array.from({ length: Math.min(2000, buyers.length) }, () => f(r.pick(buyers))));
  const rOf = sample((id) => -recency(id));
  const fOf = sample((id) => agg.get(id)!.orders.size);
  const mOf = sample((id) => Math.round(agg.get(id)!.amount));
  const out = new Map<string, Record<string, unknown>>();
  for (const id of ids) {
    const a = agg.get(id);
    if (!a) {
      out.set(id, { Lifecycle: "Prospect", Why: "No orders yet", ClassifiedAt: classifiedAt });
      continue;
    }
    const days = recency(id);
    const [R, F, M] = [rOf(-days), fOf(a.orders.size), mOf(Math.round(a.amount))];
    const p = Math.round(r.next() * 1000) / 1000;
    out.set(id, {
      RecencyDays: days,
      Frequency: a.orders.size,
      Monetary: Math.round(a.amount * 100) / 100,
      R,
      F,
      M,
      Segment: SEGMENT_LABELS[(R * 7 + F * 3 + M) % SEGMENT_LABELS.length],
      ABC: M >= 4 ? "A" : M >= 2 ? "B" : "C",
      Lifecycle: LIFECYCLES[Math.min(4, Math.floor(days / 90))],
      PAlive: p,
      Expected90: Math.round(p * F * 100) / 100,
      ChurnRisk: CHURN[p > 0.6 ? 0 : p > 0.3 ? 1 : 2],
      CreditRisk: r.pick(["Low", "Low", "Medium", "High", ""]),
      Why: `last order ${days} days ago; ${a.orders.size} orders`,
      ClassifiedAt: classifiedAt,
    });
  }
  return out;
}

/** Customers with every canonical column in canonical order, then the user's own columns. */
function customersTab(seed: unknown[][], orders: readonly unknown[][], r: Random): unknown[][] {
  const seedHeaders = seed[0].map(String);
  const ids = seed.slice(1).map((row) => String(row[0]));
  const classifiedAt = new Date(BOOK_AS_OF.getTime() - 6 * 3_600_000);
  const results = resultsOf(ids, orders, r, classifiedAt);
  const headers = [...CUSTOMERS.columns.map((c) => c.header.en), ...CUSTOM_COLUMNS];
  const rows = seed.slice(1).map((row, i) => {
    const created = new Date(BOOK_AS_OF.getTime() - r.int(30, 900) * DAY - r.int(0, 86_399) * 1000);
    const owned: Record<string, unknown> = {
      ...results.get(ids[i]),
      CreatedAt: created,
      UpdatedAt: new Date(created.getTime() + r.int(0, 20) * DAY),
    };
    return [
      ...CUSTOMERS.columns.map((c) => {
        if (c.owned) return owned[c.key] ?? "";
        const at = seedHeaders.indexOf(c.header.en);
        return at < 0 ? "" : row[at];
      }),
      r.pick(["morning", "afternoon", "evening", ""]),
      r.pick(["Gold", "Silver", "Bronze", ""]),
    ];
  });
  return [headers, ...rows];
}

/** AuditLog as weeks of edits and jobs leave it. */
function auditTab(n: number, ids: readonly string[], r: Random): unknown[][] {
  const start = BOOK_AS_OF.getTime() - 28 * DAY;
  const users = [OWNER_EMAIL, "li.wei@example.com", "zhang.min@example.com", "manager@example.com"];
  const rows = Array.from({ length: n }, (_, i) => {
    const at = new Date(start + Math.floor((i / n) * 28 * DAY));
    if (i % 20 === 0)
      return auditRow({
        kind: "job",
        at,
        user: OWNER_EMAIL,
        job: "classify",
        rows: ids.length,
        detail: "ok",
      });
    const row = r.int(2, ids.length + 1);
    return auditRow({
      kind: "edit",
      at,
      user: r.pick(users),
      sheet: "Customers",
      range: `H${row}`,
      oldValue: "Following up",
      newValue: "Won",
    });
  });
  return [[...AUDIT_HEADERS], ...rows];
}

/** SendLog: four weeks of daily digests, one row per (day, owner, customer, rule). */
function sendLogTab(n: number, ids: readonly string[], r: Random): unknown[][] {
  const owners = [
    "li.wei@example.com",
    "zhang.min@example.com",
    "anna.smith@example.com",
    "wang.fang@example.com",
  ];
  const rules = ["idle-following-up", "idle-vip", "overdue-payment", "follow-up-due"];
  const rows = Array.from({ length: n }, (_, i) => {
    const day = new Date(BOOK_AS_OF.getTime() - (28 - Math.floor((i / n) * 28)) * DAY);
    const date = day.toISOString().slice(0, 10);
    return logRow({
      date,
      recipient: r.pick(owners),
      customerId: r.pick(ids),
      rule: r.pick(rules),
      status: "sent",
      at: new Date(day.getTime() + 3_600_000).toISOString(),
      note: "",
      by: "job:reminders",
    });
  });
  return [[...SEND_LOG_HEADERS], ...rows];
}

/** SegmentHistory: the weekly snapshots of the last weeks, packed as the add-on packs them. */
function historyTab(ids: readonly string[], r: Random): unknown[][] {
  const thisWeek = weekStartOf(Math.floor(BOOK_AS_OF.getTime() / DAY));
  const rows: unknown[][] = [[...HISTORY_HEADERS]];
  for (let w = HISTORY_WEEKS_KEPT; w >= 1; w--) {
    const week = new Date((thisWeek - 7 * w) * DAY).toISOString().slice(0, 10);
    rows.push(
      ...packWeek(
        week,
        ids.map((customerId) => ({ customerId, segment: r.pick(SEGMENT_LABELS) })),
      ),
    );
  }
  return rows;
}

/** The Segments summary the last classification wrote. */
function segmentsTab(customers: number, r: Random): unknown[][] {
  const header = ["Scheme", "Group", "Customers", "Revenue", "CustomerShare", "RevenueShare"];
  return [
    header,
    ...SEGMENT_LABELS.map((s) => ["rfm10", s, r.int(1, customers), r.int(1, 9e6), r.next(), r.next()]),
    ...["A", "B", "C"].map((s) => ["abc", s, r.int(1, customers), r.int(1, 9e6), r.next(), r.next()]),
  ];
}

const width = (values: readonly (readonly unknown[])[]) =>
  values.reduce((w, row) => Math.max(w, row.length), 0);

/** Cells a tab of these values takes once trimmed. */
export function cellsOf(values: readonly (readonly unknown[])[]): number {
  return values.length * width(values);
}

/** Builds every tab of the book (values only; load them with loadPlatformBook). */
export function platformBook(options: PlatformBookOptions): PlatformSheet[] {
  const customers = options.customers;
  const target = options.targetCells ?? Math.round((9_100_000 * customers) / 100_000);
  const seed = options.seed ?? 20261123;
  const r = seededRandom(seed ^ 0x5eed);
  const name = (key: SheetKey) => sheetSpec(key).name.en;
  const customerColumns = CUSTOMERS.columns.length + CUSTOM_COLUMNS.length;
  const interactionRows = Math.round(customers * INTERACTIONS_PER_CUSTOMER);
  const feedbackRows = Math.round(customers * FEEDBACK_PER_CUSTOMER);
  const auditRows = Math.max(50, Math.round(customers * AUDIT_PER_CUSTOMER));
  const sendRows = Math.max(50, Math.round(customers * SEND_LOG_PER_CUSTOMER));
  // Orders fill what the other tabs leave (history and the summary are a few hundred cells at most).
  const others =
    (customers + 1) * customerColumns +
    (interactionRows + 1) * sheetSpec("Interactions").columns.length +
    (feedbackRows + 1) * sheetSpec("Feedback").columns.length +
    (auditRows + 1) * AUDIT_HEADERS.length +
    (sendRows + 1) * SEND_LOG_HEADERS.length +
    2_000;
  const orderColumns = sheetSpec("Orders").columns.length;
  const orderLines = Math.max(customers, Math.floor((target - others) / orderColumns) - 1);

  const seeded = seedBook({ customers, orders: orderLines, asOf: BOOK_AS_OF, lang: "en", seed });
  const tab = (key: SheetKey) => seeded.find((s) => s.key === key)!.values;
  const orders = tab("Orders");
  const customerValues = customersTab(tab("Customers"), orders.slice(1), r);
  const ids = customerValues.slice(1).map((row) => String(row[0]));
  const interactions = tab("Interactions");
  const feedback = tab("Feedback");
  return [
    { name: name("Customers"), values: customerValues },
    { name: name("Orders"), values: orders },
    {
      name: name("Interactions"),
      values: [interactions[0], ...byDate(interactions.slice(1, 1 + interactionRows), 0)],
    },
    { name: name("Feedback"), values: [feedback[0], ...byDate(feedback.slice(1, 1 + feedbackRows), 0)] },
    { name: "Segments", values: segmentsTab(customers, r) },
    { name: "AuditLog", values: auditTab(auditRows, ids, r) },
    { name: "SendLog", values: sendLogTab(sendRows, ids, r), hidden: true },
    { name: "SegmentHistory", values: historyTab(ids, r), hidden: true },
  ];
}

/**
 * Writes the tabs into the emulated spreadsheet (uncounted set-up), trims every grid to its data, drops
 * the new file's empty first tab, and returns the book's cell count.
 */
export function loadPlatformBook(emulator: Emulator, sheets: readonly PlatformSheet[]): number {
  const ss = emulator.spreadsheet;
  const first = ss.getSheets()[0];
  for (const tab of sheets) {
    const sheet = emulator.sheetFromValues(tab.name, tab.values);
    const rows = Math.max(2, tab.values.length);
    const columns = width(tab.values);
    if (sheet.getMaxColumns() > columns) sheet.deleteColumns(columns + 1, sheet.getMaxColumns() - columns);
    if (sheet.getMaxRows() > rows) sheet.deleteRows(rows + 1, sheet.getMaxRows() - rows);
    sheet.setFrozenRows(1);
    if (tab.hidden) sheet.hideSheet();
  }
  if (first && !sheets.some((t) => t.name === first.getName())) ss.deleteSheet(first);
  ss.setActiveSheet(ss.getSheets()[0]);
  return bookCells(emulator);
}

/** Every tab's grid, rows × columns: what the 10,000,000-cell limit counts. */
export function bookCells(emulator: Emulator): number {
  return emulator.spreadsheet.getSheets().reduce((n, s) => n + s.getMaxRows() * s.getMaxColumns(), 0);
}
