import { civilFromDay, dayFromCivil, dayOfYmd, type DayNumber } from "./civil";

/**
 * A calendar day written "YYYY-MM-DD" (a date key): the form send logs, mails, reports and the sidebar use.
 * Keys of the same calendar compare correctly as strings.
 */
export type DateKey = string;

const pad2 = (n: number) => (n < 10 ? "0" : "") + n;

/** "YYYY-MM-DD" of a day number (four-digit years; years before 1000 are zero-padded). */
export function dateKeyOfDay(dayNumber: DayNumber): DateKey {
  const { year, month, day } = civilFromDay(dayNumber);
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;
}

const KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a strict "YYYY-MM-DD" key; throws on anything else (keys come from the add-on itself). */
export function dayOfDateKey(key: DateKey): DayNumber {
  const m = KEY.exec(key);
  const day = m ? dayOfYmd(Number(m[1]), Number(m[2]), Number(m[3])) : NaN;
  if (Number.isNaN(day)) throw new Error(`not a date key: ${key}`);
  return day;
}

/**
 * Day number of a date typed as "YYYY-MM-DD", "YYYY/M/D", "YYYY.M.D" or "YYYYMMDD", optionally followed by a
 * time (" 10:30", "T10:30Z", ignored); undefined when it is not a real date. For arguments (an analysis date,
 * a period) rather than cells: cells go through parseDate, which knows every form people type.
 */
export function parseDayText(text: string): DayNumber | undefined {
  const m = /^\s*(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})(?:[ T].*)?\s*$/.exec(text);
  if (!m) return undefined;
  const day = dayOfYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  return Number.isNaN(day) ? undefined : day;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: DateKey, to: DateKey): number {
  return dayOfDateKey(to) - dayOfDateKey(from);
}

/** The key `days` days after `key` (before, for negative days). */
export function addDays(key: DateKey, days: number): DateKey {
  return dateKeyOfDay(dayOfDateKey(key) + days);
}

/** Whether `key` lies in the inclusive range [from, to]; false for undefined. */
export function inRange(key: DateKey | undefined, from: DateKey, to: DateKey): boolean {
  return key !== undefined && key >= from && key <= to;
}

/** Monday of the ISO week containing `day` (day 0, 1970-01-01, was a Thursday). */
export function weekStart(dayNumber: DayNumber): DayNumber {
  return dayNumber - ((((dayNumber + 3) % 7) + 7) % 7);
}

/** Month ordinal (year × 12 + month − 1) of a day: consecutive months differ by one. */
export function monthIndexOfDay(dayNumber: DayNumber): number {
  const { year, month } = civilFromDay(dayNumber);
  return year * 12 + month - 1;
}

/** The first day of a month ordinal. */
export function firstDayOfMonthIndex(monthIndex: number): DayNumber {
  const year = Math.floor(monthIndex / 12);
  return dayFromCivil(year, monthIndex - year * 12 + 1, 1);
}

/** "YYYY-MM" of a month ordinal. */
export function monthKey(monthIndex: number): string {
  const year = Math.floor(monthIndex / 12);
  return `${year}-${pad2(monthIndex - year * 12 + 1)}`;
}

/** "YYYY-MM" of a date key. */
export function monthOfKey(key: DateKey): string {
  return key.slice(0, 7);
}

/** The `count` months ending with the month of `key`, oldest first, as "YYYY-MM". */
export function monthsEnding(key: DateKey, count: number): string[] {
  const last = monthIndexOfDay(dayOfDateKey(key));
  return Array.from({ length: count }, (_, i) => monthKey(last - count + 1 + i));
}

/** Quarter ordinal (year × 4 + quarter − 1) of a month ordinal. */
export function quarterIndexOfMonth(monthIndex: number): number {
  return Math.floor(monthIndex / 3);
}

/** "YYYY-Qn" of a quarter ordinal. */
export function quarterKey(quarterIndex: number): string {
  const year = Math.floor(quarterIndex / 4);
  return `${year}-Q${quarterIndex - year * 4 + 1}`;
}
