/**
 * Calendar arithmetic on day numbers: whole days since 1970-01-01 of the civil (wall-clock) date in the
 * spreadsheet's zone. The shell turns cells into day numbers once, so core never needs a time zone and
 * month/quarter keys cost integer maths only (1,000,000 rows in milliseconds).
 */

/** Civil date of a day number (Hinnant's days→civil algorithm, proleptic Gregorian). */
export function civilFromDay(day: number): {
  readonly year: number;
  readonly month: number;
  readonly date: number;
} {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const date = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, date };
}

/** Day number of a civil date (month 1–12). */
export function dayFromCivil(year: number, month: number, date: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + date - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Month ordinal (year × 12 + month − 1): consecutive months differ by one. */
export function monthIndexOfDay(day: number): number {
  const { year, month } = civilFromDay(day);
  return year * 12 + month - 1;
}

/** "YYYY-MM" of a month ordinal. */
export function monthKey(monthIndex: number): string {
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  return `${year}-${month < 10 ? "0" : ""}${month}`;
}

/** "YYYY-Qn" of a quarter ordinal (year × 4 + quarter − 1). */
export function quarterKey(quarterIndex: number): string {
  const year = Math.floor(quarterIndex / 4);
  return `${year}-Q${quarterIndex - year * 4 + 1}`;
}

/** "YYYY-MM-DD" of a day number. */
export function isoDate(day: number): string {
  const { year, month, date } = civilFromDay(day);
  return `${year}-${String(month).padStart(2, "0")}-${String(date).padStart(2, "0")}`;
}

/** Day number of "YYYY-MM-DD" (also "YYYY/M/D" and "YYYYMMDD"); undefined when it is not a real date. */
export function parseIsoDay(text: string): number | undefined {
  const m = /^\s*(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})(?:[ T].*)?$/.exec(text);
  if (!m) return undefined;
  const [year, month, date] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || date < 1 || date > 31) return undefined;
  const day = dayFromCivil(year, month, date);
  return civilFromDay(day).date === date ? day : undefined;
}
