import type { Lang, Localized } from "../../schema/types";
import messages from "./problem-messages.json";

/** What a problem breaks. Type rules are named after the column type they check. */
export type ProblemRule =
  | "required"
  | "unique"
  | "unknown-customer"
  | "enum"
  | "range"
  | "formula"
  | "missing-column"
  | "duplicate-column"
  | "date"
  | "datetime"
  | "email"
  | "owner"
  | "unknown-owner"
  | "phone"
  | "integer"
  | "number"
  | "currency"
  | "percent"
  | "boolean";

/** Date problems with a message of their own, reported under the rule "date" (or "datetime"). */
export type DateMessage = "impossible-date" | "date-order";

/**
 * The messages, one per rule plus the impossible-date and date-order cases (a date-shaped text naming no real day); kept as
 * data (problem-messages.json) so translators edit one file. Typed here, so a rule without a message fails
 * to compile.
 */
const CATALOGUE: Readonly<Record<ProblemRule | DateMessage, Localized>> = messages;

/** Fills `{name}` slots of a rule's message in a language; unknown slots stay visible, so gaps show. */
export function problemMessage(
  rule: ProblemRule | DateMessage,
  lang: Lang,
  slots: Readonly<Record<string, string | number>>,
): string {
  return CATALOGUE[rule][lang].replace(/\{(\w+)\}/g, (m, k: string) => (k in slots ? String(slots[k]) : m));
}
