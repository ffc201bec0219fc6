import { fail, foldWidth, isBlank, isDateObject, ok, type ParseResult } from "../table/parse/result";
import type { Lang } from "../schema/types";
import { daysInMonth, fromEpochDay, type CalendarDate } from "./civil";
import { dateInZone, type ParsedDate } from "./zone";

export interface DateOptions {
  /**
   * Decides the order of the ambiguous `01/03/2025`: "en" reads month first (January 3), "zh-CN" reads
   * day first (1 March). The other order is used when the preferred one is impossible (a first number
   * over 12). Default "en".
   */
  readonly locale?: Lang;
  /**
   * The order a whole column proved (see columnDateOrder): true reads the ambiguous `01/03/2025` day
   * first, false month first, whatever `locale` says. Unset: `locale` decides.
   */
  readonly dayFirst?: boolean;
  /**
   * An order the column refuses (its minority's, when its texts prove both): a text proving it by itself
   * ({@link dateOrderProof}) fails with "date-order" instead of being read.
   */
  readonly refuse?: DateOrderProof;
  /** IANA zone in which Date objects and instants with an offset are read as calendar dates. Default UTC. */
  readonly timeZone?: string;
}

const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const MONTHS = MONTH_NAMES.map((name) => name.slice(0, 3));
/** Excel's day zero is 1899-12-30 (it counts the non-existent 1900-02-29); 1 → 1899-12-31. */
const EXCEL_EPOCH_DAY = -25569;
/** Serials outside 1900-01-01 … 2199-12-31 are not dates anyone meant. */
const SERIAL_MIN = 2;
const SERIAL_MAX = 109574;
/**
 * The longest text read as a date: `Wednesday, September 30th, 2025 23:59:59.999` is under 50 characters,
 * so a longer cell is not a date anyone typed. Refusing it before folding and matching keeps a 50,000-
 * character cell (Google's limit) as cheap as a short one.
 */
const MAX_DATE_TEXT = 64;

/** A real date in years 1000–9999: typed dates outside them are typos, not dates anyone meant. */
function validDay(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    year >= 1000 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** "2025-03-01": the form Fix writes and exports use. */
export function isoDate(date: CalendarDate): string {
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${p(date.year, 4)}-${p(date.month)}-${p(date.day)}`;
}

/** "2025-03-01 09:05:00" when the value has a time, else the ISO date. */
export function isoDateTime(date: ParsedDate): string {
  if (!date.time) return isoDate(date);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${isoDate(date)} ${p(date.time.hour)}:${p(date.time.minute)}:${p(date.time.second)}`;
}

function withTime(
  date: CalendarDate,
  h?: string,
  mi?: string,
  s?: string,
  meridiem?: string,
): ParseResult<ParsedDate> {
  if (!validDay(date.year, date.month, date.day)) return fail("impossible-date");
  if (h === undefined) return ok({ year: date.year, month: date.month, day: date.day });
  let hour = Number(h);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  if (meridiem !== undefined) {
    // 12-hour clock: 12:05 am is 00:05, 12:05 pm is 12:05; 0:05 am (a 0–11 clock) is 00:05 too. An hour over
    // 12, or 0 pm, is no such time.
    if (hour > 12 || (hour === 0 && meridiem[0] === "p")) return fail("impossible-date");
    hour = (hour % 12) + (meridiem[0] === "p" ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return fail("impossible-date");
  return ok({ year: date.year, month: date.month, day: date.day, time: { hour, minute, second } });
}

function fromSerial(serial: number): ParseResult<ParsedDate> {
  if (!(serial >= SERIAL_MIN && serial <= SERIAL_MAX)) return fail("not-a-date");
  const whole = Math.floor(serial);
  const date = fromEpochDay(whole + EXCEL_EPOCH_DAY);
  const secs = Math.round((serial - whole) * 86400);
  if (secs === 0) return ok(date);
  if (secs >= 86400) return ok(fromEpochDay(whole + 1 + EXCEL_EPOCH_DAY));
  return ok({
    ...date,
    time: { hour: Math.floor(secs / 3600), minute: Math.floor(secs / 60) % 60, second: secs % 60 },
  });
}

function fullYear(y: string): number {
  if (y.length !== 2) return Number(y);
  const n = Number(y);
  return n < 70 ? 2000 + n : 1900 + n;
}

/** A time after the date: `10:30`, `10:30:15.250`, `8:26 PM`, `8:26 a.m.` (lower-cased before matching). */
const TIME = String.raw`(?:(?:t| )(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.\d+)?)?(?: ?([ap])\.?m\.?)?)?`;
/** Chinese times: `10:30`, `10时30分`, `10点30分15秒`, with or without a space after the date. */
const TIME_ZH = String.raw`(?:\s*(\d{1,2})[:时点](\d{1,2})分?(?::?(\d{1,2})秒?)?)?`;
/** A weekday before a named date, as exports write it: `Tue, 11 Feb 2013`, `Tuesday March 1, 2025`. */
const WEEKDAY = String.raw`(?:(?:mon|tues?|wed|thu|thurs?|fri|sat|sun)\.?,? |(?:mon|tues|wednes|thurs|fri|satur|sun)day,? )?`;
const YMD = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}$`);
const YMD_ZH = new RegExp(String.raw`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?${TIME_ZH}$`);
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const NUMERIC_DMY = new RegExp(String.raw`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})${TIME}$`);
/**
 * `Mar 1, 2025`, `March 1st 2025`, `Mar 1, 25`, `Mar-01-2025`: one separator throughout (a comma may come
 * before the year), so a range such as `Jun 10-12` is no date.
 */
const NAMED_MDY = new RegExp(
  String.raw`^${WEEKDAY}([a-z]{3,9})\.?(-| )(\d{1,2})(?:st|nd|rd|th)?(?:, ?|\2)(\d{4}|\d{2})${TIME}$`,
);
/** `1 March 2025`, `01-Mar-2025`, `11-Feb-13` (a spreadsheet's d-mmm-yy), `1st March, 2025`, as above. */
const NAMED_DMY = new RegExp(
  String.raw`^${WEEKDAY}(\d{1,2})(?:st|nd|rd|th)?(-| )([a-z]{3,9})\.?(?:, ?|\2)(\d{4}|\d{2})${TIME}$`,
);
/** `2025-Mar-01`, `2025 March 1`. */
const NAMED_YMD = new RegExp(String.raw`^(\d{4})(-| )([a-z]{3,9})\.?\2(\d{1,2})${TIME}$`);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** 1–12 for a month's English name or its abbreviation ("sept" too), 0 for any other word. */
function monthOf(name: string): number {
  const i = MONTHS.indexOf(name.slice(0, 3));
  if (i < 0) return 0;
  const full = MONTH_NAMES[i];
  return full.startsWith(name) || (i === 8 && name === "sept") ? i + 1 : 0;
}

/**
 * Reads a date the way people actually type or paste it:
 * - Date objects (read in `timeZone`) and Excel/Sheets serial numbers (1900 system, fraction = time of day;
 *   only serials for 1900–2199 are taken, so a stray amount is not a date);
 * - ISO and its variants `2025-03-01`, `2025/3/1`, `2025.3.1`, with optional `10:30[:15]`;
 *   ISO instants with `Z` or an offset (read in `timeZone`);
 * - Chinese `2025年3月1日` (or 号), with optional `10:30` or `10时30分`;
 * - compact `20250301` (as text or as the number 20250301);
 * - `01/03/2025` or `1-3-25`: day/month order by `locale` (see {@link DateOptions}); a first number over
 *   12 forces day-first, a second over 12 forces month-first; two-digit years are 1970–2069;
 * - English month names, full or abbreviated, with an optional weekday: `Mar 1, 2025`, `1 March 2025`,
 *   `11-Feb-13` (two-digit years as above), `Tue, 11 Feb 2013`, `2025-Mar-01`;
 * - after any of these but the Chinese and the compact forms, a time of day, on a 24- or a 12-hour clock
 *   (`8:26 PM`).
 * Impossible days (2025-02-29) fail with "impossible-date"; blanks with "empty".
 */
export function parseDate(value: unknown, options: DateOptions = {}): ParseResult<ParsedDate> {
  if (isBlank(value)) return fail("empty");
  if (isDateObject(value)) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) return fail("not-a-date");
    const zoned = dateInZone(ms, options.timeZone ?? "UTC");
    const t = zoned.time!;
    return t.hour === 0 && t.minute === 0 && t.second === 0
      ? ok({ year: zoned.year, month: zoned.month, day: zoned.day })
      : ok(zoned);
  }
  if (typeof value === "number") {
    if (Number.isInteger(value) && value >= 10000101 && value <= 99991231) {
      const m = COMPACT.exec(String(value))!;
      return withTime({ year: +m[1], month: +m[2], day: +m[3] });
    }
    return fromSerial(value);
  }
  if (typeof value !== "string" || value.length > MAX_DATE_TEXT) return fail("not-a-date");
  const text = foldWidth(value).toLowerCase().replace(/\s+/g, " ");
  let m: RegExpExecArray | null;
  if ((m = YMD.exec(text)) || (m = YMD_ZH.exec(text)))
    return withTime({ year: +m[1], month: +m[2], day: +m[3] }, m[4], m[5], m[6], m[7]);
  if ((m = COMPACT.exec(text))) return withTime({ year: +m[1], month: +m[2], day: +m[3] });
  if (INSTANT.test(text)) {
    const ms = Date.parse(text.toUpperCase());
    if (Number.isNaN(ms)) return fail("impossible-date");
    return ok(dateInZone(ms, options.timeZone ?? "UTC"));
  }
  if ((m = NUMERIC_DMY.exec(text))) {
    const a = +m[1];
    const b = +m[2];
    const year = fullYear(m[3]);
    if (options.refuse !== undefined && proofOf(a, b, year) === options.refuse) return fail("date-order");
    const dayFirst = a > 12 ? true : b > 12 ? false : (options.dayFirst ?? options.locale === "zh-CN");
    const date = dayFirst ? { year, month: b, day: a } : { year, month: a, day: b };
    return withTime(date, m[4], m[5], m[6], m[7]);
  }
  // Group 2 of the named forms is their separator.
  if ((m = NAMED_MDY.exec(text)) && monthOf(m[1]))
    return withTime({ year: fullYear(m[4]), month: monthOf(m[1]), day: +m[3] }, m[5], m[6], m[7], m[8]);
  if ((m = NAMED_DMY.exec(text)) && monthOf(m[3]))
    return withTime({ year: fullYear(m[4]), month: monthOf(m[3]), day: +m[1] }, m[5], m[6], m[7], m[8]);
  if ((m = NAMED_YMD.exec(text)) && monthOf(m[3]))
    return withTime({ year: +m[1], month: monthOf(m[3]), day: +m[4] }, m[5], m[6], m[7], m[8]);
  if (/^\d+(\.\d+)?$/.test(text)) return fromSerial(Number(text));
  return fail("not-a-date");
}

/** The day/month order a numeric date text proves by itself. */
export type DateOrderProof = "day-first" | "month-first";

/**
 * The order a text like `a/b/yyyy` (`/`, `.` or `-` between, as {@link parseDate} reads it) proves by
 * itself: a first number over 12 is a day ("day-first"), a second over 12 a day ("month-first"), when the
 * date so read is real. Undefined for every other value: ambiguous texts (`01/03/2025`), ISO and named
 * dates, Date objects and numbers.
 */
export function dateOrderProof(value: unknown): DateOrderProof | undefined {
  if (typeof value !== "string" || value.length > MAX_DATE_TEXT) return undefined;
  const m = NUMERIC_DMY.exec(foldWidth(value).toLowerCase().replace(/\s+/g, " "));
  if (!m) return undefined;
  return proofOf(+m[1], +m[2], fullYear(m[3]));
}

/** The order `a/b/year` proves: a first number over 12 that is a real day, or a second one. */
function proofOf(a: number, b: number, year: number): DateOrderProof | undefined {
  if (a > 12 && validDay(year, b, a)) return "day-first";
  if (b > 12 && validDay(year, a, b)) return "month-first";
  return undefined;
}
