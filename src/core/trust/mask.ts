/** The fixed run of stars in a mask: fixed so the mask does not reveal the value's length. */
const STARS = "********";

/**
 * How a sensitive value is shown in the sheet: the first 4 and last 4 characters around 8 stars
 * ("310101199001011234" → "3101********1234"). Values under 16 characters keep only their last 4
 * (under 8: nothing), so a mask never shows more than half of a value. Whitespace is trimmed first.
 */
export function maskSensitive(value: string): string {
  const v = value.trim();
  if (v.length >= 16) return v.slice(0, 4) + STARS + v.slice(-4);
  if (v.length >= 8) return STARS + v.slice(-4);
  return STARS;
}

/** Whether a cell already shows a mask (so the edit trigger leaves it alone instead of encrypting it). */
export function isMasked(value: unknown): boolean {
  return typeof value === "string" && /^[^*]{0,4}\*{8}[^*]{0,4}$/.test(value.trim());
}

/** What an audit entry may record of a value in a sensitive column: its mask, never the plaintext. */
export function redactValue(value: unknown, sensitive: boolean): unknown {
  if (!sensitive || value === "" || value === null || value === undefined) return value;
  return isMasked(value) ? value : maskSensitive(String(value));
}
