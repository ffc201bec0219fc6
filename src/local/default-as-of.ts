/**
 * The analysis date when no `--as-of` is given, one rule for the demo and the file-based CLIs (classify,
 * analyze): a user's data is analysed as of today, except when its latest order is more than a year old
 * (say a 2004–06 data set, where "today" would make every customer Lost): then the day after the latest
 * order, and the program says so. (The demo's seeded book keeps its own fixed date.)
 */
import { addDays, columnDayReaders, dateKeyOfDay, daysBetween } from "../core/calendar";
import { mapHeaders } from "../core/schema/headers";
import { ORDERS } from "../core/schema/sheets";
import type { Lang } from "../core/schema/types";

/** Rows looked at for a header row (files may start with a title or a blank line). */
const HEADER_SEARCH_ROWS = 10;
/** Older than this (days before today), the data's own latest order decides the default date. */
export const STALE_AFTER_DAYS = 365;

/**
 * The latest order day ("YYYY-MM-DD" in `timeZone`) among the grids that are orders tables (a header row
 * naming an order date and a customer, in English, Chinese or an alias), undefined when none has one.
 */
export function latestOrderDay(
  grids: readonly (readonly (readonly unknown[])[])[],
  timeZone: string,
  lang: Lang = "en",
): string | undefined {
  // A column's dates are read in the day/month order the column proves, as the book reads them.
  const readers = columnDayReaders(timeZone, lang);
  let latest = -Infinity;
  for (const rows of grids) {
    const headerAt = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => {
      const map = mapHeaders(ORDERS, r);
      return map.index.has("OrderDate") && map.index.has("CustomerID");
    });
    if (headerAt < 0) continue;
    const column = mapHeaders(ORDERS, rows[headerAt]).index.get("OrderDate")!;
    const body = rows.slice(headerAt + 1);
    const { dayOf } = readers(body, column);
    for (let i = 0; i < body.length; i++) {
      const day = dayOf(body[i][column]);
      if (day > latest) latest = day;
    }
  }
  return Number.isFinite(latest) ? dateKeyOfDay(latest) : undefined;
}

/** The date chosen without --as-of, and why (null: today, nothing to say). */
export interface DefaultAsOf {
  readonly asOf: string;
  readonly latest: string;
}

/**
 * The day after `latest` when that is more than STALE_AFTER_DAYS before `today` (both "YYYY-MM-DD"),
 * else null (today stands). A latest order after today changes nothing either.
 */
export function defaultAsOf(latest: string | undefined, today: string): DefaultAsOf | null {
  if (latest === undefined || daysBetween(latest, today) <= STALE_AFTER_DAYS) return null;
  return { asOf: addDays(latest, 1), latest };
}
