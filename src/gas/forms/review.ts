// The review list: submissions the table's rules (or an ambiguous match) kept out of the book, with the
// reason and the answers; the intake tab holds them with every other submission.
import type { FormReviewItem } from "../../shared/forms";
import { requirePermission } from "../platform/guard";
import { findIntakeTab, readIntake } from "./intake-tab";

/** The submissions waiting for review, newest first (managers: the answers hold personal data). */
export function formReviewItems(): FormReviewItem[] {
  requirePermission("run-jobs");
  const tab = findIntakeTab();
  return readIntake(tab)
    .filter((e) => e.outcome === "review")
    .map((e) => ({
      receivedAt: e.receivedAt instanceof Date ? e.receivedAt.toISOString() : String(e.receivedAt),
      form: e.form,
      reason: e.reason,
      answers: e.answers,
      response: e.response,
    }))
    .reverse();
}
