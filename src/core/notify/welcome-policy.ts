import type { DateKey } from "../calendar";
import type { SendLogEntry } from "./send-log";

/**
 * Welcome mails sent (or pending) per calendar day in the spreadsheet's zone, at most. Whoever can add rows
 * can make welcomes happen, so their number is bounded whatever is typed or pasted; the rest waits for the
 * next days. Counted in the send log, so the edit trigger and the daily run share one count.
 */
export const WELCOME_DAILY_CAP = 50;

/**
 * Recipients of the day's mail quota welcomes never use: room for the team's own mails (reminder digests,
 * the weekly report, retries) however many welcomes are waiting. A consumer account may mail 100
 * recipients a day (https://developers.google.com/apps-script/guides/services/quotas).
 */
export const QUOTA_KEPT_FOR_TEAM = 20;

/** What held a welcome back: the day's cap, the mail quota, or the edit trigger's per-edit limit. */
export type WelcomeHold = "daily-cap" | "quota" | "per-run";

/** How many welcomes may go out now, and what binds when that is fewer than are waiting. */
export interface WelcomeAllowance {
  readonly count: number;
  readonly heldBy: WelcomeHold;
}

/** Welcomes already sent or pending on `today`, per the log. */
export function welcomesSentOn(log: readonly SendLogEntry[], today: DateKey): number {
  let n = 0;
  for (const e of log)
    if (e.rule === "welcome" && e.date === today && (e.status === "sent" || e.status === "pending")) n++;
  return n;
}

/**
 * The welcomes a run may send: what is left of {@link WELCOME_DAILY_CAP} today, of `quota` (the recipients
 * the day's quota has left after the run's other mails) minus {@link QUOTA_KEPT_FOR_TEAM}, and of `perRun`;
 * `heldBy` names the smallest of the three.
 */
export function welcomeAllowance(
  log: readonly SendLogEntry[],
  today: DateKey,
  quota: number,
  perRun = Infinity,
): WelcomeAllowance {
  const bounds: [number, WelcomeHold][] = [
    [WELCOME_DAILY_CAP - welcomesSentOn(log, today), "daily-cap"],
    [Math.floor(quota) - QUOTA_KEPT_FOR_TEAM, "quota"],
    [perRun, "per-run"],
  ];
  const [count, heldBy] = bounds.reduce((min, b) => (b[0] < min[0] ? b : min));
  return { count: Math.max(0, count), heldBy };
}
