import type { Lang } from "../schema/types";
import { parseAmount } from "../table/parse/amount";
import { epochDay, parseDate } from "../table/parse/date";
import type { DayNumber } from "./days";

/**
 * The calendar day a cell of an Orders date column stands for, as getValues returns it. Date objects take
 * the fast path through `zoneDay` (a million order dates are mostly Date cells); numbers and text are read
 * by the table feature's parseDate, so Orders accept exactly the dates the rest of the add-on accepts
 * (ISO, YYYYMMDD, 2025年3月1日, 01/03/2025 by `lang`, serials, …). NaN when the cell holds no date.
 */
export function dayOfCell(value: unknown, zoneDay: (ms: number) => DayNumber, lang: Lang = "en"): DayNumber {
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? NaN : zoneDay(ms);
  }
  const parsed = parseDate(value, { locale: lang });
  return parsed.ok ? epochDay(parsed.value) : NaN;
}

/**
 * The amount a cell holds: numbers as they are, text by the table feature's parseAmount (currency marks,
 * thousands separators, 万/k multipliers, full-width digits, "-" or accounting parentheses for refunds).
 * NaN when the cell holds no amount (also for empty cells).
 */
export function amountOfCell(value: unknown): number {
  if (typeof value === "number") return Number.isFinite(value) ? value : NaN;
  const parsed = parseAmount(value);
  return parsed.ok ? parsed.value : NaN;
}

/** The text of an ID cell, trimmed; numbers as written (1001, not 1001.0). Empty string when blank. */
export function idOfCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  return (typeof value === "string" ? value : String(value)).trim();
}
