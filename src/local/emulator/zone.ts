import { dateInZone } from "../../core/calendar/zone";

/** Wall-clock parts of an instant in a time zone (month 1-12, weekday 0 = Sunday). */
export interface ZonedParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  readonly weekday: number;
}

/** English month names, January first: what Sheets and Java print for MMMM/mmmm (en locale). */
export const MONTH_NAMES: readonly string[] = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** English day names, indexed by {@link ZonedParts.weekday} (0 = Sunday). */
export const DAY_NAMES: readonly string[] = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
];

/** "GMT+8", "UTC-05:30", "GMT" — zones Apps Script accepts that Intl may not. */
function fixedOffsetMinutes(tz: string): number | null {
  const m = /^(?:GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/i.exec(tz.trim());
  if (!m) return null;
  if (!m[1]) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === "-" ? -minutes : minutes;
}

/** Throws Apps Script-like text for a zone neither Intl nor the GMT±h form knows. */
export function checkZone(tz: string): void {
  if (fixedOffsetMinutes(tz) !== null) return;
  try {
    dateInZone(0, tz);
  } catch {
    throw new Error(`Invalid argument: timeZone (${tz})`);
  }
}

const QUARTER_HOUR = 15 * 60_000;
const WEEK = 7 * 24 * 3_600_000;
/** Per zone and UTC year: where each constant-offset stretch starts, and its offset in minutes. */
const yearSegments = new Map<string, { start: number; offset: number }[]>();

/** The offset Intl reports (slow: used once per zone and quarter hour, see segmentsOf). */
function intlOffset(ms: number, tz: string): number {
  const p = dateInZone(ms, tz);
  const t = p.time!;
  return Math.round((Date.UTC(p.year, p.month - 1, p.day, t.hour, t.minute, t.second) - ms) / 60_000);
}

/**
 * A year's offset changes, found by sampling weekly and bisecting each change down to the quarter hour
 * (zones change at most once a week and only on quarter-hour boundaries): ~80 Intl calls per zone-year
 * instead of one per date, so reading 10,000 distinct dates stays fast.
 */
function segmentsOf(tz: string, year: number): { start: number; offset: number }[] {
  const key = `${tz}|${year}`;
  let segs = yearSegments.get(key);
  if (segs) return segs;
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  segs = [{ start, offset: intlOffset(start, tz) }];
  for (let t = start; t < end; t += WEEK) {
    const next = Math.min(t + WEEK, end);
    const offset = intlOffset(next, tz);
    if (offset === segs[segs.length - 1].offset) continue;
    let lo = t;
    let hi = next;
    while (hi - lo > QUARTER_HOUR) {
      const mid = lo + Math.floor((hi - lo) / 2 / QUARTER_HOUR) * QUARTER_HOUR;
      if (intlOffset(mid, tz) === offset) hi = mid;
      else lo = mid;
    }
    segs.push({ start: hi, offset });
  }
  yearSegments.set(key, segs);
  return segs;
}

/** Minutes `tz` is ahead of UTC at instant `ms`. */
export function offsetMinutes(ms: number, tz: string): number {
  const fixed = fixedOffsetMinutes(tz);
  if (fixed !== null) return fixed;
  const segs = segmentsOf(tz, new Date(ms).getUTCFullYear());
  let offset = segs[0].offset;
  for (const s of segs) {
    if (s.start > ms) break;
    offset = s.offset;
  }
  return offset;
}

/** The wall-clock reading of `ms` in `tz`. */
export function zonedParts(ms: number, tz: string): ZonedParts {
  const d = new Date(ms + offsetMinutes(ms, tz) * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
  };
}

/**
 * The instant whose wall clock in `tz` reads the given parts (month 1-12). In a DST gap the later
 * offset wins, in an overlap the earlier instant.
 */
export function zonedToEpoch(
  tz: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  let guess = wall - offsetMinutes(wall, tz) * 60_000;
  guess = wall - offsetMinutes(guess, tz) * 60_000;
  return guess;
}

/** Java's short names for zones Intl's en-US data only knows as "GMT+8" (standard, daylight). */
const JAVA_SHORT_NAMES: Record<string, readonly [string, string]> = {
  "Asia/Shanghai": ["CST", "CDT"],
  "Asia/Taipei": ["CST", "CDT"],
  "Asia/Hong_Kong": ["HKT", "HKST"],
  "Asia/Tokyo": ["JST", "JDT"],
  "Asia/Singapore": ["SGT", "SGT"],
  "Asia/Kolkata": ["IST", "IST"],
  "Europe/London": ["GMT", "BST"],
  "Europe/Paris": ["CET", "CEST"],
  "Europe/Berlin": ["CET", "CEST"],
  "Australia/Sydney": ["AEST", "AEDT"],
};

/** Short zone name for "z" patterns, as Java prints it ("CST" for Asia/Shanghai, "EDT" for New York in summer). */
export function zoneLabel(ms: number, tz: string): string {
  if (/^(UTC|Etc\/UTC)$/i.test(tz)) return "UTC";
  if (/^GMT$/i.test(tz)) return "GMT";
  const known = JAVA_SHORT_NAMES[tz];
  if (known) {
    const january = offsetMinutes(Date.UTC(new Date(ms).getUTCFullYear(), 0, 1), tz);
    const july = offsetMinutes(Date.UTC(new Date(ms).getUTCFullYear(), 6, 1), tz);
    const daylight = offsetMinutes(ms, tz) !== Math.min(january, july);
    return known[daylight ? 1 : 0];
  }
  const off = offsetMinutes(ms, tz);
  const sign = off < 0 ? "-" : "+";
  const a = Math.abs(off);
  const fallback = `GMT${sign}${String(Math.floor(a / 60)).padStart(2, "0")}:${String(a % 60).padStart(2, "0")}`;
  if (fixedOffsetMinutes(tz) !== null) return fallback;
  const name = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "short" })
    .formatToParts(new Date(ms))
    .find((p) => p.type === "timeZoneName")?.value;
  return name && !/^GMT[+-]/.test(name) ? name : fallback;
}
