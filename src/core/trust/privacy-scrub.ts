import type { HeaderMap } from "../schema/headers";

/**
 * What identifies one customer in cells beyond their CustomerID column: for a privacy export to find
 * everything held about them, and for an erasure to leave none of it. Matching is linear in the cell's
 * length (no backtracking pattern), so a long cell costs no more than reading it.
 */
export interface PersonMarks {
  /** Their CustomerID: a cell naming it as a whole word (C0001 in "re C0001:", not in C00012). */
  readonly id: string;
  /** Their name and contact name, case and spacing aside: a cell equal to one. */
  readonly names: readonly string[];
  /** Their e-mails, lower case: a cell containing one. */
  readonly emails: readonly string[];
  /** Their phone numbers as digits (country code 86 dropped, 7 digits at least): a cell whose digits hold one. */
  readonly phones: readonly string[];
}

function normalName(value: unknown): string {
  return String(value ?? "")
    .trim()
    .replace(/\s+/g, " ")
    .toLowerCase();
}

/** The digits of a phone number, without a leading 0086 / +86 country code; "" when under 7 digits. */
function phoneDigits(value: unknown): string {
  let digits = String(value ?? "").replace(/\D/g, "");
  if (digits.startsWith("0086")) digits = digits.slice(4);
  else if (digits.startsWith("86") && digits.length > 11) digits = digits.slice(2);
  return digits.length >= 7 ? digits : "";
}

/**
 * The marks of customer `id` from their Customers row (`fields` by column key: Name, ContactName, Email,
 * Phone; any may be missing). Names shorter than 2 characters are left out (they would match too much).
 */
export function personMarks(id: string, fields: Readonly<Record<string, unknown>>): PersonMarks {
  const names = [fields.Name, fields.ContactName].map(normalName).filter((n) => n.length >= 2);
  const emails = [fields.Email].map(normalName).filter((e) => e.includes("@"));
  const phones = [fields.Phone].map(phoneDigits).filter(Boolean);
  return {
    id: id.trim(),
    names: [...new Set(names)],
    emails: [...new Set(emails)],
    phones: [...new Set(phones)],
  };
}

const isWordChar = (c: string | undefined) => c !== undefined && /[0-9A-Za-z]/.test(c);

/** Whether `text` holds `word` with no letter or digit right before or after it (case-insensitive). */
function hasWord(text: string, word: string): boolean {
  if (!word) return false;
  const hay = text.toLowerCase();
  const needle = word.toLowerCase();
  for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
    if (!isWordChar(hay[at - 1]) && !isWordChar(hay[at + needle.length])) return true;
  }
  return false;
}

/** Whether a cell's value is about the customer `who` marks (see PersonMarks for each rule). */
export function mentions(value: unknown, who: PersonMarks): boolean {
  if (value === null || value === undefined || value === "") return false;
  if (typeof value !== "string" && typeof value !== "number") return false;
  const text = String(value);
  if (hasWord(text, who.id)) return true;
  if (who.names.length && who.names.includes(normalName(text))) return true;
  const lower = text.toLowerCase();
  if (who.emails.some((e) => lower.includes(e))) return true;
  if (who.phones.length) {
    const digits = text.replace(/\D/g, "");
    if (digits.length >= 7 && who.phones.some((p) => digits.includes(p))) return true;
  }
  return false;
}

/**
 * An order line of an erased customer as it is kept for the books: the CustomerID replaced by their
 * pseudonym; every column of the user's own (the schema does not say what they hold) emptied; any other
 * cell that names them emptied. Amounts, dates, products and payment state stay. `changed` lists the
 * 0-based columns whose value differs.
 */
export function pseudonymisedOrder(
  row: readonly unknown[],
  map: HeaderMap,
  pseudonym: string,
  who: PersonMarks,
): { readonly row: unknown[]; readonly changed: number[] } {
  const idAt = map.index.get("CustomerID");
  const own = new Set([...map.custom.map((c) => c.index), ...map.duplicates.map((d) => d.index)]);
  const out = row.map((v, c) => {
    if (c === idAt) return pseudonym;
    if (own.has(c)) return "";
    return mentions(v, who) ? "" : v;
  });
  const changed = out.flatMap((v, c) => (v !== row[c] ? [c] : []));
  return { row: out, changed };
}
