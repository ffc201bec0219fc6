/**
 * Calendar-day arithmetic on "YYYY-MM-DD" keys. A key names a day in the spreadsheet's time zone; the shell
 * converts instants to keys, so no time zone (least of all the script's) is ever consulted here.
 */

/** A calendar day, "YYYY-MM-DD". */
export type DateKey = string;

const KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 (proleptic Gregorian); negative before. Howard Hinnant's days_from_civil. */
export function toDayNumber(key: DateKey): number {
  const m = KEY.exec(key);
  if (!m) throw new Error(`not a date key: ${key}`);
  let y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  y -= mo <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The key of a day number (inverse of toDayNumber). */
export function fromDayNumber(n: number): DateKey {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
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
