import { PROBLEM_REASON_TEXT, type Book, type BookProblem } from "../book";
import { enumOption } from "../schema/headers";
import { CUSTOMERS, FEEDBACK, ORDERS } from "../schema/sheets";
import type { Lang, SheetSpec } from "../schema/types";
import { a1 } from "../table/a1";
import { problemMessage, type ProblemRule } from "../table/validate/messages";
import type { CustomerProfile, FeedbackEntry } from "./types";

/** A cell the analysis cannot read; the run stops and names it. */
export interface CellIssue {
  readonly sheet: string;
  readonly a1: string;
  readonly value: string;
  readonly rule: ProblemRule;
  readonly message: string;
}

/** The book's problems analysis stops on: Orders, then Customers, then Feedback (Interactions are not read). */
const SHEETS: readonly { part: "orders" | "customers" | "feedback"; spec: SheetSpec }[] = [
  { part: "orders", spec: ORDERS },
  { part: "customers", spec: CUSTOMERS },
  { part: "feedback", spec: FEEDBACK },
];

/** The analysis' name for each problem the book reports (amounts are checked as currency cells). */
const RULE: Readonly<Record<BookProblem["why"], ProblemRule>> = {
  "missing-column": "missing-column",
  required: "required",
  date: "date",
  amount: "currency",
  number: "number",
  range: "range",
  enum: "enum",
};

/** Ranges analysis reports, by column key. */
const RANGES: Readonly<Record<string, { min: number; max: number }>> = {
  Age: { min: 0, max: 130 },
  Rating: { min: 1, max: 5 },
};

/**
 * Every unreadable cell of Orders, Customers and Feedback, with its A1 address and a message in `lang`:
 * a blank required ID, a date or amount that does not parse, a quantity that is not a number, an age or
 * rating out of range, a payment status that names no option, a missing required column.
 */
export function analysisIssues(book: Book, lang: Lang): CellIssue[] {
  const out: CellIssue[] = [];
  for (const { part, spec } of SHEETS) {
    const sheet = book.sheets[part];
    if (sheet === null) continue;
    for (const p of book.problems) {
      if (p.sheet !== sheet) continue;
      const column = spec.columns.find((c) => c.key === p.key);
      if (!column) continue;
      const rule = RULE[p.why];
      const extra: Record<string, string | number> =
        rule === "enum"
          ? { options: (column.options ?? []).map((o) => o.label[lang]).join(", ") }
          : rule === "range"
            ? (RANGES[p.key] ?? {})
            : {};
      out.push({
        sheet,
        a1: p.column < 0 ? "1:1" : a1(p.row, p.column),
        value: p.value,
        rule,
        message:
          problemMessage(rule, lang, { column: column.header[lang], ...extra }) +
          (p.reason ? ` ${PROBLEM_REASON_TEXT[p.reason][lang]}` : ""),
      });
    }
  }
  return out;
}

/** An enum cell's option label in `lang`, the text as written when it names none. */
function enumLabel(spec: SheetSpec, key: string, value: string, lang: Lang): string {
  if (!value) return "";
  const column = spec.columns.find((c) => c.key === key);
  const option = column && enumOption(column, value);
  return option ? option.label[lang] : value;
}

/**
 * The profile of each customer on the Customers sheet, in sheet order (a repeated ID once): what the
 * statistics group by, enums in `lang`, a blank name shown as the ID.
 */
export function customerProfiles(book: Book, lang: Lang): CustomerProfile[] {
  const c = book.customers;
  return Array.from({ length: c.known }, (_, i) => ({
    id: c.ids[i],
    name: c.name[i] || c.ids[i],
    segment: c.segment[i],
    abc: c.abc[i],
    lifecycle: c.lifecycle[i],
    region: c.region[i],
    customerType: enumLabel(CUSTOMERS, "CustomerType", c.customerType[i], lang),
    owner: c.owner[i],
    gender: enumLabel(CUSTOMERS, "Gender", c.gender[i], lang),
    age: Number.isNaN(c.age[i]) ? null : c.age[i],
    industry: c.industry[i],
  }));
}

/** The Feedback rows as the feedback chapter reads them (a blank rating is null). */
export function feedbackEntries(book: Book): FeedbackEntry[] {
  const f = book.feedback;
  const ids = book.customers.ids;
  return Array.from({ length: f.length }, (_, i) => ({
    day: f.day[i],
    customerId: f.customer[i] < 0 ? "" : ids[f.customer[i]],
    rating: Number.isNaN(f.rating[i]) ? null : f.rating[i],
    category: f.category[i],
    comment: f.comment[i],
  }));
}
