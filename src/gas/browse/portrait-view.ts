import { buildCustomerIndex, cellValue, type IndexedCustomer } from "../../core/browse/customer-index";
import { planRowReads, spansCost } from "../../core/browse/row-reads";
import { suggestNextAction } from "../../core/browse/next-action";
import { RESULT_COLUMNS } from "../../core/classify/classify";
import { enumOption, mapHeaders } from "../../core/schema/headers";
import { CUSTOMERS, FEEDBACK, INTERACTIONS, ORDERS } from "../../core/schema/sheets";
import type { ColumnSpec, Lang, SheetSpec } from "../../core/schema/types";
import type {
  CustomerPortrait,
  PortraitFeedback,
  PortraitField,
  PortraitInteraction,
  PortraitOrder,
} from "../../shared/browse";
import {
  bookDates,
  bumpCustomersVersion,
  callerVisibility,
  customersStamp,
  langOf,
  sheetColumns,
  sheetStamp,
} from "./customer-cache";
import type { SheetStamp } from "./sheet-columns";

/** Columns shown as the portrait's scores: the classification's results (but its "why") and credit risk. */
const SCORE_KEYS = new Set<string>([
  ...RESULT_COLUMNS.filter((k) => k !== "Why"),
  "CreditRisk",
  "ClassifiedAt",
]);

/**
 * Sensitive cells hold ciphertext (see trust's vault): nothing of it is worth showing, so a fixed mask
 * stands in; the sidebar reveals the plaintext through revealSensitive, which checks and audits.
 */
export function mask(text: string): string {
  return text ? "••••••" : "";
}

function text(column: ColumnSpec | undefined, raw: unknown, lang: Lang, toIso: (d: Date) => string): string {
  if (raw === null || raw === undefined || raw === "") return "";
  if (!column) return raw instanceof Date ? toIso(raw) : String(raw);
  if (column.type === "enum") return enumOption(column, raw)?.label[lang] ?? String(raw);
  if (column.type === "percent" && typeof raw === "number") return `${Math.round(raw * 1000) / 10}%`;
  if (column.type === "boolean") return raw === true || /^(true|yes|是|1)$/i.test(String(raw)) ? "✓" : "✗";
  const v = cellValue(column, raw, toIso);
  return v === null ? "" : String(v);
}

/**
 * Rows of a related sheet that belong to `id`: the cached CustomerID column says which rows, and only
 * those rows are read (neighbours share a read; when the rows are too many to read one by one, the
 * sheet's columns the portrait shows are read whole instead, whichever costs less).
 */
function related(spec: SheetSpec, id: string): { get: (key: string) => unknown; spec: SheetSpec }[] {
  const stamp = sheetStamp(spec);
  if (!stamp || !stamp.map.index.has("CustomerID")) return [];
  const ids = sheetColumns(stamp, ["CustomerID"]).CustomerID;
  const rows: number[] = [];
  for (let i = 0; i < ids.length; i++) if (ids[i] !== null && String(ids[i]) === id) rows.push(i + 2);
  return readRows(stamp, rows).map((r) => ({
    spec,
    get: (key: string) => {
      const at = stamp.map.index.get(key);
      return at === undefined ? "" : r[at];
    },
  }));
}

/** Whole rows `rows` of a stamped sheet (as wide as its header row), in the cheapest reads. */
function readRows(stamp: SheetStamp, rows: readonly number[]): (readonly unknown[])[] {
  if (rows.length === 0 || stamp.width === 0) return [];
  const spans = planRowReads(rows, stamp.width);
  const wanted = new Set(rows);
  if (spansCost(spans, stamp.width) > spansCost([{ first: 2, last: stamp.height + 1 }], stamp.width)) {
    const all = stamp.sheet.getRange(2, 1, stamp.height, stamp.width).getValues();
    return rows.map((r) => all[r - 2]).filter((r) => r !== undefined);
  }
  const out: (readonly unknown[])[] = [];
  for (const span of spans) {
    const values = stamp.sheet.getRange(span.first, 1, span.last - span.first + 1, stamp.width).getValues();
    values.forEach((v, i) => {
      if (wanted.has(span.first + i)) out.push(v);
    });
  }
  return out;
}

/** The customer `id` as its sheet row says now (null when no row holds it): the index finds the row. */
function customerRow(id: string): { customer: IndexedCustomer; values: readonly unknown[] } | null {
  for (let attempt = 0; attempt < 2; attempt++) {
    const stamp = customersStamp();
    // The cached ID column alone finds the row: no index to build.
    const ids = sheetColumns(stamp, ["CustomerID"]).CustomerID ?? [];
    const at = ids.findIndex((v) => v !== null && String(v) === id);
    if (at < 0) return null;
    const row = at + 2;
    const values = stamp.sheet.getRange(row, 1, 1, stamp.width).getValues()[0];
    const fresh = buildCustomerIndex(stamp.headers, [values], bookDates(), [row]).customers[0];
    if (fresh && fresh.id === id) return { customer: fresh, values };
    // The sheet moved under the cached index without a version bump: mark it stale and look again.
    bumpCustomersVersion();
  }
  return null;
}

const columnOf = (spec: SheetSpec, key: string) => spec.columns.find((c) => c.key === key);

function days(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 86_400_000);
}

/** Everything about one customer the caller may see, newest history first. */
export function portrait(id: string, requestedLang?: Lang): CustomerPortrait {
  const lang = langOf(requestedLang);
  const toIso = bookDates();
  const access = callerVisibility();
  const row = customerRow(String(id));
  if (!row || !access.visible(row.customer)) throw new Error(`Customer ${id} was not found.`);
  const { customer: found, values } = row;
  const map = customersStamp().map;
  const field = (column: ColumnSpec): PortraitField => {
    const at = map.index.get(column.key);
    const raw = at === undefined ? "" : values[at];
    const shown = text(column, raw, lang, toIso);
    return {
      key: column.key,
      label: column.header[lang],
      value: column.sensitive ? mask(shown) : shown,
      category: column.category,
      masked: Boolean(column.sensitive && shown),
    };
  };
  const present = CUSTOMERS.columns.filter((c) => map.index.has(c.key));
  const fields = present.filter((c) => !SCORE_KEYS.has(c.key) && c.key !== "Why").map(field);
  const scores = present.filter((c) => SCORE_KEYS.has(c.key)).map(field);
  const custom = map.custom.map((c) => ({
    key: `custom:${c.index}`,
    label: c.header,
    value: text(undefined, values[c.index], lang, toIso),
    category: "custom",
    masked: false,
  }));
  const today = toIso(new Date());
  const orders: (PortraitOrder & { overdue: boolean })[] = related(ORDERS, found.id)
    .map((o) => {
      const amount = cellValue(columnOf(ORDERS, "Amount")!, o.get("Amount"), toIso);
      return {
        date: text(columnOf(ORDERS, "OrderDate"), o.get("OrderDate"), lang, toIso),
        orderId: String(o.get("OrderID") ?? ""),
        product: String(o.get("Product") ?? ""),
        amount: typeof amount === "number" ? amount : null,
        paymentStatus: text(columnOf(ORDERS, "PaymentStatus"), o.get("PaymentStatus"), lang, toIso),
        overdue: enumOption(columnOf(ORDERS, "PaymentStatus")!, o.get("PaymentStatus"))?.key === "overdue",
      };
    })
    .sort((a, b) => b.date.localeCompare(a.date));
  const interactions: PortraitInteraction[] = related(INTERACTIONS, found.id)
    .map((i) => ({
      date: text(columnOf(INTERACTIONS, "Date"), i.get("Date"), lang, toIso),
      channel: text(columnOf(INTERACTIONS, "Channel"), i.get("Channel"), lang, toIso),
      type: text(columnOf(INTERACTIONS, "Type"), i.get("Type"), lang, toIso),
      summary: String(i.get("Summary") ?? ""),
      owner: String(i.get("Owner") ?? ""),
      nextFollowUp: text(columnOf(INTERACTIONS, "NextFollowUp"), i.get("NextFollowUp"), lang, toIso),
    }))
    .sort((a, b) => b.date.localeCompare(a.date));
  const feedback: PortraitFeedback[] = related(FEEDBACK, found.id)
    .map((f) => {
      const rating = Number(f.get("Rating"));
      const resolvedRaw = f.get("Resolved");
      return {
        date: text(columnOf(FEEDBACK, "Date"), f.get("Date"), lang, toIso),
        rating: Number.isFinite(rating) && f.get("Rating") !== "" ? rating : null,
        category: String(f.get("Category") ?? ""),
        comment: String(f.get("Comment") ?? ""),
        resolved: resolvedRaw === true || /^(true|yes|是|1|已解决)$/i.test(String(resolvedRaw ?? "")),
      };
    })
    .sort((a, b) => b.date.localeCompare(a.date));
  const lastContact = [found.values.LastInteraction, interactions[0]?.date]
    .filter((d): d is string => typeof d === "string" && /^\d{4}-\d{2}-\d{2}/.test(d))
    .sort()
    .pop();
  const nextPlanned = interactions
    .map((i) => i.nextFollowUp)
    .filter((d) => /^\d{4}-\d{2}-\d{2}/.test(d))
    .sort()
    .pop();
  const nextAction = suggestNextAction({
    status: typeof found.values.Status === "string" ? found.values.Status : null,
    churnRisk: typeof found.values.ChurnRisk === "string" ? found.values.ChurnRisk : null,
    segment: typeof found.values.Segment === "string" ? found.values.Segment : null,
    daysSinceContact: lastContact ? days(lastContact, today) : null,
    unresolvedFeedback: feedback.filter((f) => !f.resolved && f.rating !== null && f.rating <= 2).length,
    overdueOrders: orders.filter((o) => o.overdue).length,
    daysToFollowUp: nextPlanned ? days(today, nextPlanned) : null,
  });
  const whyAt = map.index.get("Why");
  return {
    id: found.id,
    row: found.row,
    name: String(found.values.Name ?? ""),
    fields: [...fields, ...custom],
    scores,
    why: whyAt === undefined ? "" : String(values[whyAt] ?? ""),
    churnRisk: String(found.values.ChurnRisk ?? ""),
    orders: orders.map(({ overdue: _overdue, ...o }) => o),
    interactions,
    feedback,
    nextAction,
    totalSpent: orders.reduce((s, o) => s + (o.amount ?? 0), 0),
  };
}
