import type { Lang } from "../../core/schema/types";
import { buildDashboard, type OrderPoint } from "../../core/browse/dashboard";
import { ORDERS } from "../../core/schema/sheets";
import type { DashboardDto } from "../../shared/browse";
import { spreadsheetTimeZone } from "../platform/locale";
import { readTable } from "../platform/sheet-table";
import { callerVisibility, customerIndex, isoDateFormatter, langOf } from "./customer-cache";

function amountOf(raw: unknown): number {
  if (typeof raw === "number") return raw;
  const n = Number(String(raw ?? "").replace(/[,\s¥$￥]/g, ""));
  return Number.isFinite(n) ? n : NaN;
}

/** Orders of the given customers, one getValues of the Orders sheet (none when it does not exist). */
export function orderPoints(ids: ReadonlySet<string> | null, toIso: (d: Date) => string): OrderPoint[] {
  const table = readTable(ORDERS);
  if (!table) return [];
  const at = table.map.index;
  const idAt = at.get("CustomerID");
  const dateAt = at.get("OrderDate");
  const amountAt = at.get("Amount");
  if (idAt === undefined || dateAt === undefined || amountAt === undefined) return [];
  const points: OrderPoint[] = [];
  for (const row of table.rows) {
    if (ids && !ids.has(String(row[idAt]).trim())) continue;
    const d = row[dateAt];
    const date = d instanceof Date ? toIso(d) : String(d ?? "");
    points.push({ date, amount: amountOf(row[amountAt]) });
  }
  return points;
}

export function dashboard(requestedLang?: Lang): DashboardDto {
  const lang = langOf(requestedLang);
  const access = callerVisibility();
  const customers = customerIndex().customers.filter(access.visible);
  const toIso = isoDateFormatter(spreadsheetTimeZone());
  const ids = access.scope === "all" ? null : new Set(customers.map((c) => c.id));
  const today = toIso(new Date());
  return { ...buildDashboard(customers, orderPoints(ids, toIso), today, lang), today, lang };
}
