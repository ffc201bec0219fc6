// The classify feature's server functions; src/gas/server-functions.ts binds them (permission and audit there).
import type { SummaryRow } from "../../core/classify";
import { getDocumentJson } from "../platform/properties";
import { installNightly, nightlyInstalled, removeNightly } from "./nightly";
import { SUMMARY_KEY } from "./run-classify";

/** The last run's counts, revenue and shares per segment, ABC class and lifecycle stage. */
export function segmentSummary(): readonly SummaryRow[] {
  return getDocumentJson<SummaryRow[]>(SUMMARY_KEY, []);
}

/** Turns the nightly classification (a setting the hourly dispatcher reads) on or off; idempotent. */
export function setNightly(on: boolean): boolean {
  if (on) installNightly();
  else removeNightly();
  return nightlyInstalled();
}
