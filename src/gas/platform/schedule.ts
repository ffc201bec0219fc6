/**
 * When a scheduled job is due, as pure functions of wall-clock time in the spreadsheet's zone (no Apps
 * Script services here, so they are unit-tested directly). An Editor Add-on may run a time-driven trigger
 * at most once an hour and hold one per user per document
 * (https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions), so one hourly
 * dispatcher asks these functions which job's hour has come.
 *
 * A slot is one scheduled occurrence, written as its local "yyyy-MM-dd HH" (such keys sort as they occur).
 * A job is due when the latest slot at or before now is later than the slot it last ran for: a missed or
 * late hour still runs the job (once, however many slots were missed) and a second run in the same hour
 * finds nothing to do.
 */

/** Now, on the wall clock of the spreadsheet's zone. */
export interface LocalTime {
  /** yyyy-MM-dd */
  readonly date: string;
  /** 0–23 */
  readonly hour: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
}

export type Cadence =
  | { readonly kind: "daily"; readonly hour: number }
  /** `weekday` is ISO (1 = Monday … 7 = Sunday). */
  | { readonly kind: "weekly"; readonly weekday: number; readonly hour: number };

const pad = (n: number) => String(n).padStart(2, "0");

/** The calendar date `days` before `date` (yyyy-MM-dd), by calendar arithmetic (no zone involved). */
export function daysBefore(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1, d - days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** The slot key of `date` at `hour`. */
export function slotKey(date: string, hour: number): string {
  return `${date} ${pad(hour)}`;
}

/**
 * The latest slot of `cadence` at or before `now`. A slot whose hour is skipped by a daylight-saving change
 * still counts as passed once the clock is past it, so the job runs in the next hour that exists.
 */
export function latestSlot(cadence: Cadence, now: LocalTime): string {
  if (cadence.kind === "daily") {
    return slotKey(now.hour >= cadence.hour ? now.date : daysBefore(now.date, 1), cadence.hour);
  }
  let back = (now.weekday - cadence.weekday + 7) % 7;
  if (back === 0 && now.hour < cadence.hour) back = 7;
  return slotKey(daysBefore(now.date, back), cadence.hour);
}

/**
 * Whether a job on `cadence` is due now. `lastSlot` is the slot it last ran for; `since` the slot key of
 * the hour its feature was turned on (slots before that are not owed). Null for either means none.
 */
export function isDue(
  cadence: Cadence,
  now: LocalTime,
  lastSlot: string | null,
  since: string | null,
): boolean {
  const slot = latestSlot(cadence, now);
  return (lastSlot === null || slot > lastSlot) && (since === null || slot > since);
}
