/**
 * Calendar days as integers: day 0 is 1970-01-01. The add-on counts recency and gaps in whole days of the
 * spreadsheet's time zone, so an order placed late in the evening never lands on the next day.
 */
export type DayNumber = number;

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;

/** The day number of a proleptic Gregorian date; NaN when the date does not exist (e.g. 2023-02-30). */
export function dayOfYmd(year: number, month: number, day: number): DayNumber {
  if (month < 1 || month > 12 || day < 1 || day > 31) return NaN;
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day)
    return NaN;
  return ms / MS_PER_DAY;
}

/** Parses "YYYY-MM-DD" (also with / or .) to a day number; NaN when malformed. */
export function dayOfIso(text: string): DayNumber {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text.trim());
  return m ? dayOfYmd(Number(m[1]), Number(m[2]), Number(m[3])) : NaN;
}

/** "YYYY-MM-DD" of a day number. */
export function isoOfDay(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * A function mapping an instant (ms since epoch) to its calendar day in `timeZone`. Offsets are looked up
 * once per UTC hour and cached, because a million order dates share only a few thousand distinct hours and
 * Intl formatting per row would dominate the run.
 */
export function zoneDayFunction(timeZone: string): (ms: number) => DayNumber {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
  });
  const offsets = new Map<number, number>();
  // Lines of one order share their date: the previous hour's offset is checked before the map.
  let lastHour = NaN;
  let lastOffset = 0;
  const offsetAt = (hour: number): number => {
    if (hour === lastHour) return lastOffset;
    let offset = offsets.get(hour);
    if (offset === undefined) {
      const ms = hour * MS_PER_HOUR;
      const parts: Record<string, number> = {};
      for (const p of format.formatToParts(new Date(ms))) parts[p.type] = Number(p.value);
      const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute);
      offset = local - ms;
      offsets.set(hour, offset);
    }
    lastHour = hour;
    lastOffset = offset;
    return offset;
  };
  return (ms: number) => Math.floor((ms + offsetAt(Math.floor(ms / MS_PER_HOUR))) / MS_PER_DAY);
}
