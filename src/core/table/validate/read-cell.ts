import { columnDateOrder, type DateOrderProof } from "../../calendar";
import { enumOption } from "../../schema/headers";
import type { ColumnSpec, ColumnType, EnumOption, Lang } from "../../schema/types";
import {
  fail,
  isBlank,
  isDateObject,
  isoDate,
  isoDateTime,
  ok,
  parseAmount,
  parseBoolean,
  parseDate,
  parseEmail,
  parseInteger,
  parseNumber,
  parsePercent,
  parsePhone,
  type ParseResult,
} from "../parse";

/** How cells are read: the user's language decides d/m order; the sheet's zone reads Date objects. */
export interface ReadOptions {
  readonly lang: Lang;
  readonly timeZone?: string;
  /**
   * For a date column: the day/month order its texts prove (see columnDateOrder), which reads its
   * ambiguous `01/03/2025` whatever `lang` says; and the order it refuses, that of its minority of
   * self-proving cells when they prove both. Set by {@link dateColumnOptions}.
   */
  readonly dayFirst?: boolean;
  readonly refuse?: DateOrderProof;
}

/**
 * `options` for the cells of date column `column` of `rows`: one day/month order for the whole column,
 * as the book reads it (a column of UK dates reads `01/03/2025` as 1 March even in English), so that
 * validation, Tidy formats and Fix read its dates as the analyses do.
 */
export function dateColumnOptions(
  options: ReadOptions,
  rows: readonly (readonly unknown[])[],
  column: number,
): ReadOptions {
  const order = columnDateOrder(rows, column, options.lang);
  return { ...options, dayFirst: order.dayFirst, refuse: order.conflicting };
}

/** Whether cells of `type` are dates (read in one order per column). */
export function isDateType(type: ColumnType): boolean {
  return type === "date" || type === "datetime";
}

/** A non-blank cell read as its column type: the canonical value to store, or why it cannot be read. */
export type CellReading = ParseResult<unknown>;

/** The parser of each column type read by one parse function (dates need options; id, text, enum read). */
const TYPE_PARSERS: Partial<Record<ColumnType, (value: unknown) => CellReading>> = {
  email: parseEmail,
  phone: parsePhone,
  integer: parseInteger,
  number: parseNumber,
  currency: parseAmount,
  percent: parsePercent,
  boolean: parseBoolean,
};

/**
 * Reads one non-blank cell as `type` and returns its canonical stored form: numbers for numeric types,
 * E.164 for phones, lower-case e-mails, ISO text for dates typed as text (Date objects stay as they are,
 * being already canonical), true/false for booleans, trimmed text otherwise. Enums are checked by
 * {@link readEnum}; "id" and "text" always read.
 */
export function readCell(type: ColumnType, value: unknown, options: ReadOptions): CellReading {
  if (type === "date" || type === "datetime") {
    if (isDateObject(value)) return Number.isNaN(value.getTime()) ? fail("not-a-date") : ok(value);
    const d = parseDate(value, {
      locale: options.lang,
      timeZone: options.timeZone,
      dayFirst: options.dayFirst,
      refuse: options.refuse,
    });
    if (!d.ok) return d;
    return ok(type === "date" ? isoDate(d.value) : isoDateTime(d.value));
  }
  if (type === "owner") return readOwner(value);
  const parse = TYPE_PARSERS[type];
  return parse ? parse(value) : ok(typeof value === "string" ? value.trim() : value);
}

/**
 * An Owner cell: an e-mail address (stored lower case) or a team member's display name (trimmed; whether
 * anyone has that name is validation's question, a warning). Text with an "@" is meant as an address and
 * must be one.
 */
function readOwner(value: unknown): CellReading {
  const text = String(value).replace(/\s+/g, " ").trim();
  if (text.includes("@")) return parseEmail(text);
  return text.length > 100 ? fail("not-an-email") : ok(text);
}

/** The option an enum cell names (either language, any alias), or undefined. */
export function readEnum(column: ColumnSpec, value: unknown): EnumOption | undefined {
  return isBlank(value) ? undefined : enumOption(column, typeof value === "string" ? value.trim() : value);
}

/** Whether a value's canonical form compares equal to it (so a fix would change nothing). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (isDateObject(a) && isDateObject(b)) return a.getTime() === b.getTime();
  return a === b;
}

/** A cell shown in a report: Date objects as ISO, everything else as its text. */
export function displayValue(value: unknown): string {
  if (isDateObject(value)) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  if (value === null || value === undefined) return "";
  return String(value);
}

/**
 * Key under which two cells of a unique column count as the same: e-mails and phones by their normalised
 * form, IDs and text trimmed and case-folded (C001 and c001 collide: users read them as one customer).
 */
export function uniqueKey(type: ColumnType, value: unknown): string {
  if (type === "email") {
    const e = parseEmail(value);
    if (e.ok) return e.value;
  }
  if (type === "phone") {
    const p = parsePhone(value);
    if (p.ok) return p.value;
  }
  return String(value).normalize("NFKC").trim().toLowerCase();
}
