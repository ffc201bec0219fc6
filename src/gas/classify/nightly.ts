import { isScheduled, setScheduled } from "../platform/dispatcher";
import type { Cadence } from "../platform/schedule";

/** The nightly classification runs in the 2 o'clock hour of the spreadsheet's zone, from the dispatcher. */
export const NIGHTLY_CADENCE: Cadence = { kind: "daily", hour: 2 };

/** Turns the nightly classification on (a setting; the hourly dispatcher runs it). Idempotent. */
export function installNightly(): void {
  setScheduled("nightlyClassify", true);
}

export function removeNightly(): void {
  setScheduled("nightlyClassify", false);
}

export function nightlyInstalled(): boolean {
  return isScheduled("nightlyClassify");
}
