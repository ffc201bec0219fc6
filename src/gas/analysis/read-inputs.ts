import type { Book } from "../../core/book";
import {
  analysisIssues,
  customerProfiles,
  feedbackEntries,
  type CellIssue,
} from "../../core/analysis/inputs";
import { orderTableOf, type OrderTable } from "../../core/analysis/order-table";
import type { CustomerProfile, FeedbackEntry } from "../../core/analysis/types";
import { visibleBookProblems } from "../../core/access/visible-rows";
import { zoneDayFunction } from "../../core/calendar";
import type { Lang } from "../../core/schema/types";
import { readBook } from "../book/read-book";
import { callerAccess } from "../platform/guard";
import type { TableSnapshot } from "../platform/sheet-table";

/** What one analysis run read: the book's orders encoded, profiles, feedback, the Customers snapshot, today. */
export interface AnalysisInputs {
  readonly table: OrderTable;
  readonly customers: readonly CustomerProfile[];
  readonly feedback: readonly FeedbackEntry[];
  /** Unreadable cells: the run stops on any. */
  readonly issues: readonly CellIssue[];
  /** For the CreditRisk write. */
  readonly customersSnapshot: TableSnapshot | null;
  /** Today in the spreadsheet's zone, as a day number. */
  readonly today: number;
}

/**
 * Reads the book (Orders, Customers, Feedback) once. `forCaller`: a caller who sees only some customers
 * (sales reps, scoped viewers) analyses those, with their orders, feedback and unreadable cells only.
 */
export function readInputs(lang: Lang, forCaller = false): AnalysisInputs {
  const { book, customers: customersSnapshot } = readBook(["customers", "orders", "feedback"], { lang });
  const profiles = customerProfiles(book, lang);
  const today = zoneDayFunction(book.timeZone)(new Date().getTime());
  const seen = forCaller ? visibleCustomers(book) : null;
  if (!seen) {
    const feedback = feedbackEntries(book);
    const issues = analysisIssues(book, lang);
    return { table: orderTableOf(book), customers: profiles, feedback, issues, customersSnapshot, today };
  }
  // The unreadable cells listed are the caller's customers' only: the list quotes each cell's value.
  const visible = { ...book, problems: visibleBookProblems(book, (c) => seen[c] === 1) };
  const issues = analysisIssues(visible, lang);
  return {
    table: orderTableOf(book, (c) => seen[c] === 1),
    customers: profiles.filter((_, c) => seen[c] === 1),
    feedback: feedbackEntries(book).filter((_, i) => seen[book.feedback.customer[i]] === 1),
    issues,
    customersSnapshot,
    today,
  };
}

/**
 * Which customers (book indexes) the caller may see, by Owner (core/access/scope.ts); null when they see
 * every customer (then customers named only in Orders or Feedback stay in too).
 */
function visibleCustomers(book: Book): Uint8Array | null {
  const access = callerAccess();
  if (access.wholeBook) return null;
  const c = book.customers;
  const seen = new Uint8Array(c.count);
  for (let i = 0; i < c.known; i++) if (access.sees(c.owner[i])) seen[i] = 1;
  return seen;
}

/** Raised when cells cannot be read; lists them so the user can fix them. Nothing was written. */
export class AnalysisInputError extends Error {
  constructor(readonly issues: readonly CellIssue[]) {
    const shown = issues
      .slice(0, 10)
      .map((i) => `${i.sheet}!${i.a1} "${i.value}": ${i.message}`)
      .join("\n");
    super(
      `The analysis stopped: ${issues.length} cell(s) cannot be read; nothing was changed.\n${shown}` +
        (issues.length > 10 ? `\n… and ${issues.length - 10} more.` : ""),
    );
    this.name = "AnalysisInputError";
  }
}
