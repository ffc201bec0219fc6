import type { Lang } from "../../core/schema/types";
import type { CellValue } from "../../core/browse/customer-index";
import { buildDashboard, type OrderPoint } from "../../core/browse/dashboard";
import { ORDERS } from "../../core/schema/sheets";
import type { DashboardDto } from "../../shared/browse";
import {
  answerKey,
  bookDates,
  callerVisibility,
  customerIndex,
  customersStamp,
  langOf,
  sheetColumns,
  sheetStamp,
} from "./customer-cache";
import type { SheetStamp } from "./sheet-columns";

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
export function dashboard(requestedLang?: Lang): DashboardDto {
  const lang = langOf(requestedLang);
  const access = callerVisibility();
  const customers = customersStamp();
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
  const visible = customerIndex(DASHBOARD_COLUMNS).customers.filter(access.visible);
  const ids = access.scope === "all" ? null : new Set(visible.map((c) => c.id));
  const dto: DashboardDto = {
    ...buildDashboard(visible, orderPoints(orders, ids), today, lang),
    today,
    lang,
  };
  if (cache) {
    try {
      cache.put(key, JSON.stringify(dto), DASHBOARD_CACHE_SECONDS);
    } catch {
      // Not cached: the next call computes it again.
    }
  }
  return dto;
}
