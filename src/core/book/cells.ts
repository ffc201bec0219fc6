import { enumOption, normalizeLabel } from "../schema/headers";
import type { ColumnSpec } from "../schema/types";
import type { ListValue } from "../table/validate/value-lists";
import { parseAmount } from "../table/parse/amount";
import { isDateObject } from "../table/parse/result";

/** A blank cell: empty text, null or undefined (a space is text someone typed). */
export function isBlankCell(value: unknown): boolean {
  return value === "" || value === null || value === undefined;
}

/** Whether every cell of a row is blank: a gap the user left, not a record. */
export function isBlankRow(row: readonly unknown[]): boolean {
  for (let i = 0; i < row.length; i++) if (!isBlankCell(row[i])) return false;
  return true;
}

/** The text of an ID or text cell, trimmed; numbers as written (1001, not 1001.0). "" when blank. */
export function textOfCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  return (typeof value === "string" ? value : String(value)).trim();
}

/**
 * The amount a cell holds: numbers as they are, text by parseAmount (currency marks, thousands separators,
 * 万/k multipliers, full-width digits, "-" or accounting parentheses for refunds). NaN when the cell holds
 * no amount (also for blank cells).
 */
export function amountOfCell(value: unknown): number {
  if (typeof value === "number") return Number.isFinite(value) ? value : NaN;
  const parsed = parseAmount(value);
  return parsed.ok ? parsed.value : NaN;
}

/** A cell as a problem shows it: Date cells as ISO instants, blanks as "". */
export function cellText(value: unknown): string {
  if (isDateObject(value)) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  return value === null || value === undefined ? "" : String(value);
}

/** Spellings of a refund in a PaymentStatus cell, folded as header labels are. */
const REFUND_WORDS = new Set(["refund", "refunded", "退款", "已退款", "退货", "已退货"].map(normalizeLabel));

/** Whether a status cell says the line is a refund. */
export function isRefundText(value: unknown): boolean {
  return typeof value === "string" && REFUND_WORDS.has(normalizeLabel(value));
}

const ENUM_CACHE_LIMIT = 4096;

/** What an enum cell says: its option key, and whether that key is one of the column's built-in options. */
export interface EnumRead {
  /** The built-in option key ("vip", "won"…); the trimmed text when it names none; "" when blank. */
  readonly key: string;
  /** Whether `key` is a built-in option (blank cells count as known). */
  readonly known: boolean;
  /** Whether the cell holds a value of the team's list (a value of the team's own has no built-in key). */
  readonly listed: boolean;
}

/**
 * A reader of an enum column: a cell → its option key, the trimmed text when it names no option ("" when
 * blank). With the team's `list` for the column (core/table/validate/value-lists.ts) a cell holding one of
 * its values reads as the built-in option that value means ("重点客户" meaning `vip` → "vip"); a value of the
 * team's own, without a meaning, names no option, as an unknown text does. Cells the list does not hold
 * still read by the built-in options (either language, every alias): validation flags them, yet reminders
 * and reports keep understanding older cells. Each distinct cell text is matched once (a million status
 * cells hold a handful of texts).
 */
export function enumReader(
  column: ColumnSpec | undefined,
  list?: readonly ListValue[],
): (value: unknown) => EnumRead {
  const cache = new Map<string, EnumRead>();
  const blank: EnumRead = { key: "", known: true, listed: false };
  // Matched as validation matches a listed column: case, width and spaces folded.
  const listed = new Map<string, ListValue>();
  for (const v of list ?? []) listed.set(normalizeLabel(v.value), v);
  return (value) => {
    if (isBlankCell(value)) return blank;
    const text = typeof value === "string" ? value : String(value);
    let hit = cache.get(text);
    if (!hit) {
      const team = listed.size > 0 ? listed.get(normalizeLabel(text)) : undefined;
      const option = team || !column ? undefined : enumOption(column, text);
      // A meaning must be one of the column's options (stored lists are checked so; a caller's may not be).
      const meant = team?.key !== undefined && (column?.options ?? []).some((o) => o.key === team.key);
      if (team) hit = { key: meant ? team.key! : text.trim(), known: meant, listed: true };
      else hit = { key: option ? option.key : text.trim(), known: option !== undefined, listed: false };
      if (cache.size >= ENUM_CACHE_LIMIT) cache.clear();
      cache.set(text, hit);
    }
    return hit;
  };
}
