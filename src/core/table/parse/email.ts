import { fail, foldWidth, isBlank, ok, type ParseResult } from "./result";

/** Pragmatic address shape: one @, no spaces, a dotted domain ending in a 2+ letter label. */
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;

/**
 * Reads an e-mail address: trims, folds full-width characters (＠, ．), drops a `mailto:` prefix, `<…>`
 * brackets and trailing punctuation, and lower-cases the whole address (mail providers treat the local
 * part case-insensitively in practice, and uniqueness checks need one spelling). Blank → "empty";
 * anything not shaped like name@domain.tld → "not-an-email".
 */
export function parseEmail(value: unknown): ParseResult<string> {
  if (isBlank(value)) return fail("empty");
  if (typeof value !== "string") return fail("not-an-email");
  const text = foldWidth(value)
    .replace(/^mailto:/i, "")
    .replace(/^<(.*)>$/, "$1")
    .replace(/[。.,，;；]+$/, "")
    .trim()
    .toLowerCase();
  if (text.includes("..") || !EMAIL.test(text)) return fail("not-an-email");
  return ok(text);
}
