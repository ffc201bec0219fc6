/**
 * Why a cell could not be read as its column's type. Stable codes: the message catalogue turns them into
 * zh-CN or en sentences, so callers never match on prose.
 */
export type ParseFailure =
  | "empty"
  | "not-a-date"
  | "impossible-date"
  | "date-order"
  | "not-a-number"
  | "not-an-integer"
  | "not-an-amount"
  | "not-a-percent"
  | "not-a-boolean"
  | "not-a-phone"
  | "not-an-email";

/** A parse outcome: the normalised value, or the reason it failed. */
export type ParseResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: ParseFailure };

export function ok<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(reason: ParseFailure): ParseResult<T> {
  return { ok: false, reason };
}

/** Whether a cell counts as blank: null, undefined, or a string of only white space. */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/**
 * Dates cross vm and iframe realms (a sheet value made by one realm, tested in another), where
 * `instanceof Date` is false; the tag test works everywhere.
 */
export function isDateObject(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === "[object Date]";
}

/** Full-width digits, letters and punctuation (common in Chinese input) folded to ASCII; trimmed. */
export function foldWidth(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\u3000/g, " ")
    .trim();
}
