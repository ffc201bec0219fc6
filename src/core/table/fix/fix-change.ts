import type { ColumnType } from "../../schema/types";
import { isBlank, isDateObject } from "../parse";
import type { ProblemRule } from "../validate/messages";
import { displayValue } from "../validate/read-cell";

/**
 * Which of the two actions a change belongs to: "problem" repairs a cell validation reported (Fix what
 * is safe); "tidy" rewrites a cell that is already valid into the one standard format (Tidy formats, an
 * opt-in of its own).
 */
export type FixKind = "problem" | "tidy";

/** The standard form a tidy change writes. */
export type TidyRule = "trim" | "date" | "phone" | "email" | "number" | "boolean" | "enum-label";

/**
 * What a problem fix did to the text, in the order applied: removed invisible characters (zero-width
 * spaces, BOM, soft hyphens, control characters), turned long dashes into "-", turned "。" into ".",
 * removed spaces around "@" and "." of an address, removed punctuation after a phone number, trimmed.
 */
export type RepairStep =
  "invisible" | "dashes" | "full-stop" | "email-spaces" | "trailing-punctuation" | "trim";

/** A change's rule: its tidy rule, or "repair" for a problem fix (its steps say how). */
export type FixRule = TidyRule | "repair";

/** What a cell holds, as the preview names it: a change of kind alone is still a change worth showing. */
export type CellKind = "blank" | "text" | "number" | "date" | "boolean";

/** The problem a problem fix repairs, as validation reported it. */
export interface FixedProblem {
  readonly rule: ProblemRule;
  readonly message: string;
}

/** One proposed cell change. `before` is the value read; `after` what would be written. */
export interface FixChange {
  readonly kind: FixKind;
  readonly sheet: string;
  readonly a1: string;
  /** 1-based sheet row and 0-based column index. */
  readonly row: number;
  readonly columnIndex: number;
  readonly key: string;
  /** The column's type: dates are written as dates, phones into cells kept as text. */
  readonly type: ColumnType;
  readonly before: unknown;
  /** Dates as ISO text (`2025-03-01`, `2025-03-01 10:30:00`): the writer turns them into sheet dates. */
  readonly after: unknown;
  readonly rule: FixRule;
  readonly beforeKind: CellKind;
  readonly afterKind: CellKind;
  /** Problem fixes only: the problem repaired and the steps that repaired it. */
  readonly problem?: FixedProblem;
  readonly steps?: readonly RepairStep[];
}

/** What a cell value is, as Sheets holds it. */
export function cellKind(value: unknown): CellKind {
  if (isBlank(value)) return "blank";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "boolean";
  if (isDateObject(value)) return "date";
  return "text";
}

/** What a value written into a column of `type` becomes: ISO text in a date column is written as a date. */
export function writtenKind(type: ColumnType, value: unknown): CellKind {
  if ((type === "date" || type === "datetime") && typeof value === "string" && !isBlank(value)) return "date";
  return cellKind(value);
}

/**
 * Whether a change would change nothing a user can see or use: the same text shown and the same kind of
 * value. Such changes are never proposed. ("32" text → 32 number shows the same but is a change: Sheets
 * sums only the number, so it is proposed and labelled by its kinds.)
 */
export function isNoOpChange(
  change: Pick<FixChange, "before" | "after" | "beforeKind" | "afterKind">,
): boolean {
  return change.beforeKind === change.afterKind && displayValue(change.before) === displayValue(change.after);
}

/** A change as a line of the preview: `Customers!D2: " 138 1234 5678" → "+8613812345678" (phone)`. */
export function describeFix(change: FixChange): string {
  const kinds = change.beforeKind !== change.afterKind ? `, ${change.beforeKind} → ${change.afterKind}` : "";
  return `${change.sheet}!${change.a1}: "${displayValue(change.before)}" → "${displayValue(change.after)}" (${change.rule}${kinds})`;
}

/**
 * A short fingerprint of a proposal: its kind, then 32-bit FNV-1a over each change's address and
 * before/after text, in hex. Preview hands it out; apply recomputes it from a fresh read and refuses to
 * write if it differs, so a change made by someone in between is never overwritten, and a token of one
 * kind never applies the other kind's changes.
 */
export function fixFingerprint(kind: FixKind, changes: readonly FixChange[]): string {
  let h = 0x811c9dc5;
  const feed = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  };
  for (const c of changes)
    feed(`${c.sheet}!${c.a1}\u0000${displayValue(c.before)}\u0000${displayValue(c.after)}\u0001`);
  return `${kind}:${changes.length}-${h.toString(16).padStart(8, "0")}`;
}

/** The kind a token was made for, or null when it is no token of ours. */
export function fingerprintKind(token: unknown): FixKind | null {
  if (typeof token !== "string") return null;
  const m = /^(problem|tidy):\d+-[0-9a-f]{8}$/.exec(token);
  return m ? (m[1] as FixKind) : null;
}
