// The classify feature's server functions; src/gas/server-functions.ts binds them (permission and audit there).
import type { SummaryRow } from "../../core/classify";
import { requireWholeBook } from "../platform/guard";
import { getDocumentJson } from "../platform/properties";
import { installNightly, nightlyInstalled, removeNightly } from "./nightly";
import { SUMMARY_KEY } from "./run-classify";

/**
 * The last run's counts, revenue and shares per segment, ABC class and lifecycle stage, as stored: the
 * whole book's figures (the caller's scope is the reader's business).
 */
export function storedSegmentSummary(): readonly SummaryRow[] {
  return getDocumentJson<SummaryRow[]>(SUMMARY_KEY, []);
}

/**
 * The segment summary for the caller (server function getSegmentSummary): book-wide revenue, so only for
 * callers who see every customer; a sales rep or scoped viewer is refused (their own slice is on the
 * dashboard).
 */
export function segmentSummary(): readonly SummaryRow[] {
  requireWholeBook("The segment summary");
  return storedSegmentSummary();
}

/** Turns the nightly classification (a setting the hourly dispatcher reads) on or off; idempotent. */
export function setNightly(on: boolean): boolean {
  if (on) installNightly();
  else removeNightly();
  return nightlyInstalled();
}
