import { epochMsInZone, parseDate } from "../../core/table/parse/date";

/**
 * The cell value for a normalised ISO date or date-time ("2025-03-01", "2025-03-01 10:30:00"): a real Date
 * at that wall-clock time in the spreadsheet's zone, so Sheets stores a date (sortable, formatted by the
 * column) rather than text. Anything else is returned unchanged.
 */
export function isoToSheetDate(value: unknown, timeZone: string): unknown {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/.test(value)) return value;
  const d = parseDate(value);
  return d.ok ? new Date(epochMsInZone(d.value, timeZone)) : value;
}
