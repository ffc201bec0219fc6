import type { Lang } from "../schema/types";
import { isDateObject } from "../table/parse/result";
import { dayFromCivil, type DayNumber } from "./civil";
import { dateKeyOfDay, type DateKey } from "./keys";
import { columnDateOrder, type ColumnDateOrder } from "./date-order";
import { dateOrderProof, parseDate, type DateOptions } from "./parse-date";
import { zoneDayFunction } from "./zone";

/** Excel's day zero is 1899-12-30: serial s is day number s − 25569. */
const EXCEL_EPOCH_DAY = -25569;
const SERIAL_MIN = 2;
const SERIAL_MAX = 109574;
/** Distinct date texts remembered; a sheet of typed dates repeats a few thousand days. */
const TEXT_CACHE_LIMIT = 65_536;

/**
 * The calendar day one date cell stands for: a Date object by `zoneDay` (see zoneDayFunction), anything
 * else by {@link parseDate} (typed instants with an offset read in UTC). NaN when it holds no date. For a
 * few cells; a column of them goes through {@link cellDayReader}.
 */
export function dayOfCell(value: unknown, zoneDay: (ms: number) => DayNumber, lang: Lang = "en"): DayNumber {
  if (value instanceof Date || isDateObject(value)) {
    const ms = value.getTime();
    return ms === ms ? zoneDay(ms) : NaN;
  }
  const parsed = parseDate(value, { locale: lang });
  return parsed.ok ? dayFromCivil(parsed.value.year, parsed.value.month, parsed.value.day) : NaN;
}

/**
 * A reader of date cells as getValues returns them: the calendar day (in `timeZone`) a cell stands for,
 * NaN when it holds no date (blank cells included). Accepts exactly what {@link parseDate} accepts — Date
 * objects, serial numbers, every typed form, with `lang` deciding 01/03/2025 — and gives the same day,
 * but reads a million cells in milliseconds: Date objects through a per-hour offset cache, whole serials
 * by arithmetic, and each distinct text parsed once. For a whole column of a sheet, where one order must
 * hold for every cell, use {@link columnDayReaders}.
 */
export function cellDayReader(timeZone: string, lang: Lang = "en"): (value: unknown) => DayNumber {
  const options: DateOptions = { locale: lang, timeZone };
  return dayReader(zoneDayFunction(timeZone), () => options);
}

/** One column of dates read in one order: see {@link columnDayReaders}. */
export interface ColumnDayReader {
  /** The order the column's texts proved (or the language's, when they prove none). */
  readonly order: ColumnDateOrder;
  /**
   * The day a cell of the column stands for, as {@link cellDayReader} reads it but with ambiguous texts
   * in the column's order; NaN when it holds no date, and for a text whose order contradicts the
   * column's (the column proves both orders and this cell the minority's).
   */
  readonly dayOf: (value: unknown) => DayNumber;
  /** Whether `value` is refused only because its order contradicts the column's (a problem's reason). */
  conflicts(value: unknown): boolean;
}

/**
 * Readers of whole date columns in `timeZone`, sharing one zone cache: `(rows, column)` reads every
 * ambiguous `01/03/2025` of the column in the order the column's texts prove ({@link columnDateOrder}),
 * so a column of UK dates is read day first even in English; `lang` decides only a column that proves no
 * order. Dates, serials and ISO texts read as {@link cellDayReader} reads them. The column is scanned for
 * its order when its first text is read (or `order` asked for): a column of Date objects, as a sheet of
 * typed dates returns, is never scanned.
 */
export function columnDayReaders(
  timeZone: string,
  lang: Lang = "en",
): (rows: readonly (readonly unknown[])[], column: number) => ColumnDayReader {
  const zoneDay = zoneDayFunction(timeZone);
  return (rows, column) => {
    let order: ColumnDateOrder | null = null;
    let options: DateOptions | null = null;
    const orderOf = (): ColumnDateOrder => (order ??= columnDateOrder(rows, column, lang));
    const optionsOf = (): DateOptions =>
      (options ??= {
        locale: lang,
        timeZone,
        dayFirst: orderOf().dayFirst,
        refuse: orderOf().conflicting,
      });
    return {
      get order() {
        return orderOf();
      },
      dayOf: dayReader(zoneDay, optionsOf),
      conflicts: (value: unknown) => {
        if (typeof value !== "string") return false;
        const { conflicting } = orderOf();
        return conflicting !== undefined && dateOrderProof(value) === conflicting;
      },
    };
  };
}

/**
 * The cached reader behind both (texts proving an order the options refuse read NaN, as parseDate fails).
 * `optionsOf` is asked only when a cell needs parsing, so a column's order is found only if it has texts.
 */
function dayReader(
  zoneDay: (ms: number) => DayNumber,
  optionsOf: () => DateOptions,
): (value: unknown) => DayNumber {
  const texts = new Map<string, DayNumber>();
  const slow = (value: unknown): DayNumber => {
    const parsed = parseDate(value, optionsOf());
    return parsed.ok ? dayFromCivil(parsed.value.year, parsed.value.month, parsed.value.day) : NaN;
  };
  return (value) => {
    if (typeof value === "object" && value !== null) {
      // A Date may come from another realm (the emulator's vm), where instanceof fails: the tag test then.
      if (!(value instanceof Date) && !isDateObject(value)) return NaN;
      const ms = (value as Date).getTime();
      return ms === ms ? zoneDay(ms) : NaN;
    }
    if (typeof value === "number") {
      if (value >= SERIAL_MIN && value <= SERIAL_MAX && Number.isInteger(value))
        return value + EXCEL_EPOCH_DAY;
      return slow(value);
    }
    if (typeof value !== "string") return NaN;
    let day = texts.get(value);
    if (day === undefined) {
      day = slow(value);
      if (texts.size >= TEXT_CACHE_LIMIT) texts.clear();
      texts.set(value, day);
    }
    return day;
  };
}

/**
 * A reader of date cells as date keys ("YYYY-MM-DD" in `timeZone`), undefined when a cell holds no date:
 * for logs and settings kept as keys. Same days as {@link cellDayReader}.
 */
export function dateKeyReader(timeZone: string, lang: Lang = "en"): (value: unknown) => DateKey | undefined {
  const dayOf = cellDayReader(timeZone, lang);
  return (value) => {
    const day = dayOf(value);
    return day === day ? dateKeyOfDay(day) : undefined;
  };
}
