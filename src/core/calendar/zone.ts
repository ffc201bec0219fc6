import { dayFromCivil, type CalendarDate, type DayNumber } from "./civil";

/** Milliseconds in a day of UTC (no leap seconds, as in JavaScript dates). */
export const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;

/** A calendar date with an optional wall-clock time (for datetime columns). */
export interface ParsedDate extends CalendarDate {
  /** Hours, minutes, seconds on the wall clock of the sheet's zone; absent when the input had no time. */
  readonly time?: { readonly hour: number; readonly minute: number; readonly second: number };
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using one. */
function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let fmt = formats.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formats.set(timeZone, fmt);
  }
  return fmt;
}

/** The wall-clock date and time of an instant in a zone. */
export function dateInZone(epochMs: number, timeZone: string): ParsedDate {
  const parts: Record<string, number> = {};
  for (const p of zoneFormat(timeZone).formatToParts(epochMs)) parts[p.type] = Number(p.value);
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    time: { hour: parts.hour % 24, minute: parts.minute, second: parts.second },
  };
}

/** Wall-clock milliseconds of a date and time, as if the zone were UTC. */
function wallMs(date: ParsedDate): number {
  const t = date.time ?? { hour: 0, minute: 0, second: 0 };
  return (
    dayFromCivil(date.year, date.month, date.day) * MS_PER_DAY +
    ((t.hour * 60 + t.minute) * 60 + t.second) * 1000
  );
}

/**
 * The instant at which a wall-clock date (and time, midnight when absent) occurs in `timeZone`: the
 * inverse of {@link dateInZone}. In a DST gap the later offset is used; in an overlap, the earlier instant.
 */
export function epochMsInZone(date: ParsedDate, timeZone: string): number {
  const wall = wallMs(date);
  let guess = wall;
  for (let i = 0; i < 3; i++) {
    const seenWall = wallMs(dateInZone(guess, timeZone));
    if (seenWall === wall) return guess;
    guess += wall - seenWall;
  }
  return guess;
}

/**
 * A function mapping an instant (ms since epoch) to its calendar day in `timeZone`. Offsets are looked up
 * once per UTC hour and cached, because a million order dates share only a few thousand distinct hours and
 * Intl formatting per cell would dominate the run.
 */
export function zoneDayFunction(timeZone: string): (ms: number) => DayNumber {
  const format = zoneFormat(timeZone);
  // Offsets (ms) by UTC hour in a window of ±10 years around the first instant asked for, NaN until
  // looked up: a typed array read instead of a Map probe per cell. Hours outside it use the map.
  const span = 10 * 366 * 24;
  let base = NaN;
  let window: Float64Array | null = null;
  const far = new Map<number, number>();
  const lookUp = (hour: number): number => {
    const ms = hour * MS_PER_HOUR;
    const parts: Record<string, number> = {};
    for (const p of format.formatToParts(ms)) parts[p.type] = Number(p.value);
    return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute) - ms;
  };
  const offsetAt = (hour: number): number => {
    if (window === null) {
      base = hour - span;
      window = new Float64Array(2 * span).fill(NaN);
    }
    const at = hour - base;
    if (at >= 0 && at < window.length) {
      let offset = window[at];
      if (offset !== offset) window[at] = offset = lookUp(hour);
      return offset;
    }
    let offset = far.get(hour);
    if (offset === undefined) far.set(hour, (offset = lookUp(hour)));
    return offset;
  };
  return (ms: number) => Math.floor((ms + offsetAt(Math.floor(ms / MS_PER_HOUR))) / MS_PER_DAY);
}
