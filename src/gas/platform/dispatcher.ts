/**
 * The one hourly time-driven trigger of the add-on (handleDispatch) and what it decides. An Editor Add-on
 * may hold one trigger of each event type per user per document and its time-driven triggers run at most
 * hourly (https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions), so the
 * nightly classification, the reminders, the weekly report, the weekly backup, the re-classification after
 * Orders edits and the continuation of paused jobs all run from this one trigger, each when it is due.
 *
 * Features are turned on and off by a document setting, never by adding or removing triggers; the trigger
 * is there while any feature is on or work is pending. Everything the dispatcher knows lives in document
 * properties (per document, unlike script properties, which every installation of an add-on shares:
 * https://developers.google.com/apps-script/guides/properties), since every run is a fresh execution.
 *
 * Jobs run here must not call SpreadsheetApp.getUi(): a time-driven trigger has no editor UI and getUi()
 * throws there (https://developers.google.com/apps-script/guides/dialogs).
 */
import { hasPendingWork } from "./pending-work";
import { isDue, latestSlot, slotKey, type Cadence, type LocalTime } from "./schedule";
import { spreadsheetTimeZone } from "./locale";
import { syncDispatchTrigger } from "./triggers";

/** The features the dispatcher runs on a schedule, each on or off by a document setting. */
export const SCHEDULED_FEATURES = ["nightlyClassify", "notifications", "weeklyBackup"] as const;
export type ScheduledFeature = (typeof SCHEDULED_FEATURES)[number];

/** Document property: each feature that is on → the slot key of the hour it was turned on. */
const SCHEDULE_KEY = "schedule";
/** Document property prefix of each job's run marker. */
const MARKER_PREFIX = "dispatch:";

/** A job due at the hours of a cadence while its feature is on. */
export interface ClockJob {
  readonly name: string;
  readonly feature: ScheduledFeature;
  /** Read each run, so a changed hour or weekday applies from the next run. */
  readonly cadence: () => Cadence;
  readonly run: () => void;
  /**
   * For a job with a switch of its own inside its feature (the daily mails and the weekly report share
   * "notifications"): the slot key of the hour it was turned on ("" when on since its feature was), or
   * null while it is off. Slots before it are not owed, so turning it back on sends nothing stale.
   */
  readonly switchedOn?: () => string | null;
}

/** Work due at the next run whenever `pending` says so (it must stop saying so once done). */
export interface PendingJob {
  readonly name: string;
  readonly pending: () => boolean;
  readonly run: () => void;
}

export type ScheduledJob = ClockJob | PendingJob;

/** What one dispatcher run did with one job. */
export interface DispatchOutcome {
  readonly job: string;
  readonly ok: boolean;
  readonly error?: string;
}

/**
 * A job's run marker: the slot it last completed (or gave up on), and the attempt in progress or failed.
 * A claimed attempt younger than RUN_LIMIT_MS is another execution still running it.
 */
interface Marker {
  readonly done: string | null;
  readonly attempt: {
    readonly slot: string;
    readonly tries: number;
    readonly at: number;
    readonly running: boolean;
  } | null;
}

/** Apps Script ends an execution after 6 minutes; an older "running" claim was cut short. */
const RUN_LIMIT_MS = 7 * 60_000;
/** A failing job is retried at the next runs this many times per slot, then waits for the next slot. */
const MAX_TRIES = 3;
/** Pending work that failed MAX_TRIES times in a row is retried once a day. */
const PENDING_BACKOFF_MS = 24 * 3_600_000;
const LOCK_WAIT_MS = 10_000;

function props(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getDocumentProperties();
}

function readJson<T>(key: string, fallback: T): T {
  const raw = props().getProperty(key);
  if (!raw) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

/** Now on the wall clock of the spreadsheet's zone. */
export function localNow(now: Date = new Date()): LocalTime {
  const [date, hour, weekday] = Utilities.formatDate(now, spreadsheetTimeZone(), "yyyy-MM-dd HH u").split(
    " ",
  );
  return { date, hour: Number(hour), weekday: Number(weekday) };
}

export function currentHourKey(now: LocalTime): string {
  return slotKey(now.date, now.hour);
}

type ScheduleState = Partial<Record<ScheduledFeature, string>>;

function scheduleState(): ScheduleState {
  return readJson<ScheduleState>(SCHEDULE_KEY, {});
}

/** Whether a scheduled feature is turned on in this document. */
export function isScheduled(feature: ScheduledFeature): boolean {
  return typeof scheduleState()[feature] === "string";
}

/** Older versions installed a trigger per feature; their handlers say which feature was on. */
const LEGACY_FEATURE: Readonly<Record<string, ScheduledFeature>> = {
  handleNightlyClassify: "nightlyClassify",
  handleDailyReminders: "notifications",
  handleWeeklyReport: "notifications",
  handleWeeklyBackup: "weeklyBackup",
};

function writeSchedule(change: (s: Record<string, string>) => void): ScheduleState {
  const state = { ...scheduleState() } as Record<string, string>;
  change(state);
  props().setProperty(SCHEDULE_KEY, JSON.stringify(state));
  return state;
}

/**
 * Makes this user's time-driven triggers here match the settings: the hourly dispatcher while a feature
 * is on or work is pending, none otherwise. A trigger of an older version is replaced by the dispatcher;
 * its feature stays on, as a setting.
 */
export function syncDispatcher(): void {
  syncDispatchTrigger((retired) => {
    const adopted = retired.flatMap((h) => (LEGACY_FEATURE[h] ? [LEGACY_FEATURE[h]] : []));
    let state = scheduleState();
    if (adopted.some((f) => typeof state[f] !== "string")) {
      const since = currentHourKey(localNow());
      state = writeSchedule((s) => adopted.forEach((f) => (s[f] ??= since)));
    }
    const anyOn = SCHEDULED_FEATURES.some((f) => typeof state[f] === "string");
    return anyOn || hasPendingWork(props().getKeys());
  });
}

/**
 * Turns a scheduled feature on or off for this document and installs or removes the dispatcher to match.
 * Turning on again what is on changes nothing (slots already owed stay owed).
 */
export function setScheduled(feature: ScheduledFeature, on: boolean): void {
  const state = scheduleState();
  if (on !== (typeof state[feature] === "string")) {
    const since = currentHourKey(localNow());
    writeSchedule((s) => {
      if (on) s[feature] = since;
      else delete s[feature];
    });
  }
  syncDispatcher();
}

function readMarker(name: string): Marker {
  return readJson<Marker>(MARKER_PREFIX + name, { done: null, attempt: null });
}

function writeMarker(name: string, marker: Marker): void {
  props().setProperty(MARKER_PREFIX + name, JSON.stringify(marker));
}

/** The slot `job` would run for now (with the marker read), or null when it is not due. */
function dueSlot(
  job: ScheduledJob,
  now: LocalTime,
  nowMs: number,
  state: ScheduleState,
): { slot: string; marker: Marker } | null {
  const marker = readMarker(job.name);
  const attempt = marker.attempt;
  // Another execution claimed it and may still be running; a claim older than an execution can last was cut.
  if (attempt?.running && nowMs - attempt.at < RUN_LIMIT_MS) return null;
  const exhausted = attempt !== null && attempt.tries >= MAX_TRIES;
  if ("pending" in job) {
    if (!job.pending()) return null;
    if (exhausted && nowMs - attempt.at < PENDING_BACKOFF_MS) return null;
    return { slot: currentHourKey(now), marker };
  }
  const featureSince = state[job.feature];
  if (typeof featureSince !== "string") return null;
  const own = job.switchedOn ? job.switchedOn() : "";
  if (own === null) return null;
  const since = own > featureSince ? own : featureSince;
  const cadence = job.cadence();
  if (!isDue(cadence, now, marker.done, since)) return null;
  const slot = latestSlot(cadence, now);
  if (exhausted && attempt.slot === slot) {
    // Given up on this slot (the failures are in the audit log); the next slot tries again.
    writeMarker(job.name, { done: slot, attempt: null });
    return null;
  }
  return { slot, marker };
}

/**
 * Claims `job` if it is due, under the document lock, so two dispatchers (each user who turned a feature
 * on holds one) never run the same job for the same slot. The lock is released before the job runs (the
 * job takes it again for its writes).
 */
function claim(job: ScheduledJob, now: LocalTime, nowMs: number, state: ScheduleState): string | null {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) return null; // a job is writing: the next run catches up.
  try {
    const due = dueSlot(job, now, nowMs, state);
    if (!due) return null;
    const { slot, marker } = due;
    // Failures count per slot for clock jobs, in a row for pending work.
    const again = marker.attempt !== null && ("pending" in job || marker.attempt.slot === slot);
    const tries = again ? marker.attempt!.tries + 1 : 1;
    writeMarker(job.name, { done: marker.done, attempt: { slot, tries, at: nowMs, running: true } });
    return slot;
  } finally {
    lock.releaseLock();
  }
}

function finish(job: ScheduledJob, slot: string, ok: boolean, startedMs: number): void {
  const marker = readMarker(job.name);
  if (ok) writeMarker(job.name, { done: slot, attempt: null });
  else
    writeMarker(job.name, {
      done: marker.done,
      attempt: { slot, tries: marker.attempt?.tries ?? 1, at: startedMs, running: false },
    });
}

/** Runs one job for its claimed slot and records the outcome. The job's own errors are its audit entry's. */
function runClaimed(job: ScheduledJob, slot: string, startedMs: number): DispatchOutcome {
  try {
    job.run();
  } catch (e) {
    finish(job, slot, false, startedMs);
    return { job: job.name, ok: false, error: (e as Error).message };
  }
  finish(job, slot, true, startedMs);
  return { job: job.name, ok: true };
}

/**
 * One dispatcher run: each job in table order that is due runs once. A failing job does not stop the
 * others; the run still fails at the end (so the execution shows as failed), naming them. When no feature
 * is on and nothing is pending, the run removes its own trigger.
 */
export function dispatch(jobs: readonly ScheduledJob[]): DispatchOutcome[] {
  const nowMs = Date.now();
  const now = localNow(new Date(nowMs));
  const state = scheduleState();
  const outcomes: DispatchOutcome[] = [];
  for (const job of jobs) {
    const slot = claim(job, now, nowMs, state);
    if (slot !== null) outcomes.push(runClaimed(job, slot, nowMs));
  }
  syncDispatcher();
  const failed = outcomes.filter((o) => !o.ok);
  if (failed.length) throw new Error(failed.map((o) => `${o.job}: ${o.error}`).join("; "));
  return outcomes;
}

/**
 * A trigger of an older version fired: runs its job as it always did (a clock job unconditionally, pending
 * work when pending), records the run so the dispatcher does not repeat it this slot, then replaces this
 * user's old triggers here with the dispatcher.
 */
export function runLegacy(job: ScheduledJob): void {
  const nowMs = Date.now();
  const now = localNow(new Date(nowMs));
  try {
    if ("pending" in job) {
      if (job.pending()) job.run();
    } else {
      job.run();
      finish(job, latestSlot(job.cadence(), now), true, nowMs);
    }
  } finally {
    syncDispatcher();
  }
}
