/**
 * Calendar-day arithmetic on "YYYY-MM-DD" keys. A key names a day in the spreadsheet's time zone; the shell
 * converts instants to keys, so no time zone (least of all the script's) is ever consulted here.
 */

import { epochDay, fromEpochDay, isoDate } from "../table/parse/date";

/** A calendar day, "YYYY-MM-DD". */
export type DateKey = string;

const KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 (proleptic Gregorian); negative before. */
export function toDayNumber(key: DateKey): number {
  const m = KEY.exec(key);
  if (!m) throw new Error(`not a date key: ${key}`);
  return epochDay({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
}

/** The key of a day number (inverse of toDayNumber). */
export function fromDayNumber(n: number): DateKey {
  return isoDate(fromEpochDay(n));
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: DateKey, to: DateKey): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function addDays(key: DateKey, days: number): DateKey {
  return fromDayNumber(toDayNumber(key) + days);
}

/** "YYYY-MM" of a key. */
export function monthOf(key: DateKey): string {
  return key.slice(0, 7);
}

/** The `count` months ending with the month of `key`, oldest first, as "YYYY-MM". */
export function monthsEnding(key: DateKey, count: number): string[] {
  let y = Number(key.slice(0, 4));
  let m = Number(key.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.unshift(`${y}-${String(m).padStart(2, "0")}`);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}

/** Whether `key` lies in the inclusive range [from, to]. Keys compare correctly as strings. */
export function inRange(key: DateKey | undefined, from: DateKey, to: DateKey): boolean {
  return key !== undefined && key >= from && key <= to;
}
