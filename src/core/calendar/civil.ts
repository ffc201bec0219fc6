/**
 * Calendar days as integers. A day number counts whole days since 1970-01-01 of the civil (wall-clock)
 * date, proleptic Gregorian, negative before 1970. Every feature counts recency, gaps, weeks and months on
 * day numbers of the spreadsheet's time zone: two dates' distance in days is the difference of their day
 * numbers, with no time-zone or DST effect, and month or quarter keys cost integer maths only.
 */
export type DayNumber = number;

/** A day on the calendar, with no time zone: what a date cell means to the person who typed it. */
export interface CalendarDate {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  /** 1–31. */
  readonly day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month of a year (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
}

/** Day number of a civil date (month 1–12), Howard Hinnant's days_from_civil. No validation. */
export function dayFromCivil(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date of a day number (Hinnant's civil_from_days; inverse of {@link dayFromCivil}). */
export function civilFromDay(dayNumber: DayNumber): CalendarDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Day number of a calendar date (the table feature's name for {@link dayFromCivil}). */
export function epochDay(date: CalendarDate): DayNumber {
  return dayFromCivil(date.year, date.month, date.day);
}

/** The calendar date of a day number (the table feature's name for {@link civilFromDay}). */
export function fromEpochDay(dayNumber: DayNumber): CalendarDate {
  return civilFromDay(dayNumber);
}

/** Whether year-month-day is a real date (any integer year; 2023-02-30 is not). */
export function isRealDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** The day number of a real date; NaN when the date does not exist (e.g. 2023-02-30). */
export function dayOfYmd(year: number, month: number, day: number): DayNumber {
  return isRealDate(year, month, day) ? dayFromCivil(year, month, day) : NaN;
}
