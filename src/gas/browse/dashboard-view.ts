import type { Lang } from "../../core/schema/types";
import type { CellValue } from "../../core/browse/customer-index";
import { buildDashboard, trendMonths, type MixEntry, type OrderPoint } from "../../core/browse/dashboard";
import type { SummaryRow } from "../../core/classify";
import { CUSTOMERS, FEEDBACK, INTERACTIONS, ORDERS } from "../../core/schema/sheets";
import type { BrowseDetail, DashboardDto } from "../../shared/browse";
import { storedSegmentSummary } from "../classify/server";
import { answerKey, bookDates, customerIndex, callerView, sheetColumns, sheetStamp } from "./customer-cache";
import { cacheRowIndexes } from "./find-rows";
import { columnsCached, type SheetStamp } from "./sheet-columns";

/** The list columns the dashboard reads (besides CustomerID, Name and Owner, always in the index). */
const DASHBOARD_COLUMNS = [
  "Status",
  "Segment",
  "ABC",
  "Lifecycle",
  "ChurnRisk",
  "Monetary",
  "OpportunityAmount",
] as const;
const ORDER_COLUMNS = ["CustomerID", "OrderDate", "Amount"] as const;
/** A dashboard is keyed by today's date as well, so it is never kept long. */
const DASHBOARD_CACHE_SECONDS = 600;

/** Orders of the given customers (null: all) from the cached Orders columns. */
export function orderPoints(stamp: SheetStamp | null, ids: ReadonlySet<string> | null): OrderPoint[] {
  if (!stamp || ORDER_COLUMNS.some((k) => !stamp.map.index.has(k))) return [];
  const columns = sheetColumns(stamp, ORDER_COLUMNS);
  const id = columns.CustomerID;
  const date = columns.OrderDate;
  const amount = columns.Amount;
  const points: OrderPoint[] = [];
  for (let i = 0; i < id.length; i++) {
    if (ids && !ids.has(id[i] === null ? "" : String(id[i]))) continue;
    points.push({ date: date[i] === null ? "" : String(date[i]), amount: amountOf(amount[i]) });
  }
  return points;
}

function amountOf(v: CellValue): number {
  return typeof v === "number" ? v : NaN;
}

/**
 * The dashboard for the caller: from the document cache when nothing it depends on (Customers' columns,
 * Orders' columns, scope, language, today) changed, else from the cached columns.
 */
export function dashboard(requestedLang?: Lang, detail: BrowseDetail = "quick"): DashboardDto {
  const { lang, access, customers } = callerView(requestedLang);
  const orders = sheetStamp(ORDERS);
  const today = bookDates()(new Date());
  const cache = CacheService.getDocumentCache();
  const key = answerKey(
    "dashboard",
    [
      { stamp: customers, keys: ["CustomerID", "Name", "Owner", ...DASHBOARD_COLUMNS] },
      ...(orders ? [{ stamp: orders, keys: ORDER_COLUMNS }] : []),
    ],
    [access.scopeKey, lang, today],
  );
  const hit = cache?.get(key);
  if (hit) return JSON.parse(hit) as DashboardDto;
  const customerKeys = ["CustomerID", "Name", "Owner", ...DASHBOARD_COLUMNS];
  const cold =
    !columnsCached(customers, customerKeys) || (orders !== null && !columnsCached(orders, ORDER_COLUMNS));
  if (cold && detail !== "full") {
    // Whole columns to read: answer now from the last classification, and let the client ask again.
    const stored = storedSegmentSummary();
    const summary = access.scope === "all" ? stored : [];
    return {
      ...summaryDashboard(summary, today),
      today,
      lang,
      pending: "aggregates",
      classified: stored.length > 0,
    };
  }
  const visible = customerIndex(DASHBOARD_COLUMNS).customers.filter(access.visible);
  const ids = access.scope === "all" ? null : new Set(visible.map((c) => c.id));
  const data = buildDashboard(visible, orderPoints(orders, ids), today, lang);
  const dto: DashboardDto = {
    ...data,
    today,
    lang,
    // A run's summary is dropped when too big for a property; segments in the sheet still tell.
    classified: data.classifiedShare > 0 || storedSegmentSummary().length > 0,
  };
  if (cache) {
    try {
      cache.put(key, JSON.stringify(dto), DASHBOARD_CACHE_SECONDS);
    } catch {
      // Not cached: the next call computes it again.
    }
  }
  if (detail === "full") cachePortraitIndexes();
  return dto;
}

/**
 * The complete dashboard is the call the sidebar makes in the background after its first paint, and it has
 * just read whole Customers and Orders columns: it also leaves the CustomerID row index of every sheet a
 * portrait reads (find-rows), so a portrait opened from the dashboard or the list reads only its own rows
 * (Interactions and Feedback are the only columns read for it alone).
 */
function cachePortraitIndexes(): void {
  const stamps = [CUSTOMERS, ORDERS, INTERACTIONS, FEEDBACK].map((spec) => sheetStamp(spec));
  cacheRowIndexes(stamps.filter((s) => s !== null).map((stamp) => ({ stamp, column: "CustomerID" })));
}

/**
 * What the dashboard can show without reading a column: the mixes of the last classification's summary (the
 * whole book, so managers only; a sales rep gets empty figures) and nothing that needs the sheets' rows.
 */
function summaryDashboard(summary: readonly SummaryRow[], today: string): ReturnType<typeof buildDashboard> {
  const group = (name: SummaryRow["group"], pick: (r: SummaryRow) => string): MixEntry[] =>
    summary
      .filter((r) => r.group === name && r.customers > 0)
      .map((r) => ({ label: pick(r), count: r.customers }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const lifecycleMix = group("lifecycle", (r) => r.label);
  const segmentMix = group("segment", (r) => r.label);
  const customers = lifecycleMix.reduce((n, m) => n + m.count, 0);
  const segmented = segmentMix.reduce((n, m) => n + m.count, 0);
  return {
    customers,
    won: 0,
    revenue12m: 0,
    openOpportunity: 0,
    atRiskCount: 0,
    classifiedShare: customers ? Math.min(1, segmented / customers) : 0,
    segmentMix,
    abcMix: group("abc", (r) => r.key).sort((a, b) => a.label.localeCompare(b.label)),
    lifecycleMix,
    statusMix: [],
    revenueTrend: trendMonths(today).map((month) => ({ month, amount: 0 })),
    atRisk: [],
  };
}
