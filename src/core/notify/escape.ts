/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/**
 * Makes text safe for a mail header (subject, display name): CR, LF and every other control character
 * become a space, so "Bob\r\nBcc: evil@x.com" can never start a header of its own. Runs of spaces are
 * folded and the result is trimmed and cut to `maxLength` characters.
 */
export function headerSafe(text: unknown, maxLength = 200): string {
  return (
    String(text ?? "")
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, maxLength)
  );
}

/** Whether `s` is one plain e-mail address (no display name, no list, no header tricks). */
export function isEmail(s: unknown): s is string {
  return (
    typeof s === "string" &&
    /^[^\s@<>(),;:"\\[\]]+@[^\s@<>(),;:"\\[\]]+\.[^\s@<>(),;:"\\[\]]+$/.test(s.trim())
  );
}

/** The address lower-cased and trimmed, or "" when it is not one valid address. */
export function normalizeEmail(s: unknown): string {
  return isEmail(s) ? s.trim().toLowerCase() : "";
}
