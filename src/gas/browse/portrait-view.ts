import { cellValue } from "../../core/browse/customer-index";
import { suggestNextAction } from "../../core/browse/next-action";
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
import { spreadsheetTimeZone } from "../platform/locale";
import { findSheet } from "../platform/sheet-table";
import {
  bumpCustomersVersion,
  callerVisibility,
  customerIndex,
  isoDateFormatter,
  langOf,
  relatedIndex,
} from "./customer-cache";

const SCORE_KEYS = new Set([
  "RecencyDays",
  "Frequency",
  "Monetary",
  "R",
  "F",
  "M",
  "Segment",
  "ABC",
  "Lifecycle",
  "PAlive",
  "Expected90",
  "ChurnRisk",
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

/** Rows of a related sheet that belong to `id` (from a per-sheet index, see relatedIndex). */
function related(spec: SheetSpec, id: string): { get: (key: string) => unknown; spec: SheetSpec }[] {
  const found = relatedIndex(spec);
  if (!found) return [];
  return (found.byCustomer.get(id) ?? []).map((r) => ({
    spec,
    get: (key: string) => {
      const at = found.index.get(key);
      return at === undefined ? "" : r[at];
    },
  }));
}

const columnOf = (spec: SheetSpec, key: string) => spec.columns.find((c) => c.key === key);

function days(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 86_400_000);
}

/** Everything about one customer the caller may see, newest history first. */
export function portrait(id: string, requestedLang?: Lang): CustomerPortrait {
  const lang = langOf(requestedLang);
  const toIso = isoDateFormatter(spreadsheetTimeZone());
  const access = callerVisibility();
  let found = customerIndex().byId.get(String(id));
  const sheet = findSheet(CUSTOMERS)!;
  const width = sheet.getLastColumn();
  let values = found ? sheet.getRange(found.row, 1, 1, width).getValues()[0] : [];
  const headers = sheet.getRange(1, 1, 1, width).getValues()[0];
  const map = mapHeaders(CUSTOMERS, headers);
  const idAt = map.index.get("CustomerID")!;
  if (found && String(values[idAt]).trim() !== found.id) {
    // The sheet moved under a warm index: rebuild once and read the row again.
    bumpCustomersVersion();
    found = customerIndex().byId.get(String(id));
    values = found ? sheet.getRange(found.row, 1, 1, width).getValues()[0] : [];
  }
  if (!found || !access.visible(found)) throw new Error(`Customer ${id} was not found.`);
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
