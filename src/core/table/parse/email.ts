import { fail, foldWidth, isBlank, ok, type ParseResult } from "./result";

/** Pragmatic address shape: one @, no spaces, a dotted domain ending in a 2+ letter label. */
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;

/**
 * The longest cell read as an address: an address has at most 254 characters (RFC 5321's 256-octet path
 * less its angle brackets), plus room for `mailto:`, brackets and stray punctuation. Longer cells are
 * "not-an-email" before any pattern runs.
 */
export const MAX_EMAIL_CHARS = 320;

/** Punctuation people leave after an address ("write to a@b.com."). */
const TRAILING = new Set(["。", ".", ",", "，", ";", "；"]);

/** Drops trailing punctuation in one scan from the end (a `[…]+$` pattern is quadratic on long runs). */
function dropTrailingPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && TRAILING.has(text[end - 1])) end--;
  return text.slice(0, end);
}

/**
 * Reads an e-mail address: trims, folds full-width characters (＠, ．), drops a `mailto:` prefix, `<…>`
 * brackets and trailing punctuation, and lower-cases the whole address (mail providers treat the local
 * part case-insensitively in practice, and uniqueness checks need one spelling). Cells longer than
 * {@link MAX_EMAIL_CHARS} are refused at once. Blank → "empty"; anything not shaped like
 * name@domain.tld → "not-an-email".
 */
export function parseEmail(value: unknown): ParseResult<string> {
  if (isBlank(value)) return fail("empty");
  if (typeof value !== "string") return fail("not-an-email");
  if (value.trim().length > MAX_EMAIL_CHARS) return fail("not-an-email");
  const text = dropTrailingPunctuation(
    foldWidth(value)
      .replace(/^mailto:/i, "")
      .replace(/^<(.*)>$/, "$1"),
  )
    .trim()
    .toLowerCase();
  if (text.includes("..") || !EMAIL.test(text)) return fail("not-an-email");
  return ok(text);
}
