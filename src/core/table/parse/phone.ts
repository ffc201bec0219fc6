import { parsePhoneNumberFromString } from "libphonenumber-js";
import { fail, foldWidth, isBlank, ok, type ParseResult } from "./result";

/** Chinese mobiles: 11 digits, 13x–19x. libphonenumber's small metadata only checks lengths there. */
const CN_MOBILE = /^1[3-9]\d{9}$/;
/** Landlines: a 2–3 digit area code after the trunk 0 (10, 2x, 3xx–9xx) and a 7–8 digit number. */
const CN_LANDLINE = /^(?:10|2\d|[3-9]\d{2})[1-9]\d{6,7}$/;
/** Nationwide business numbers 400-xxx-xxxx and 800-xxx-xxxx, dialled without a trunk 0. */
const CN_SERVICE = /^[48]00\d{7}$/;

/**
 * The longest cell read as a phone number: `"Mobile: +86 (0755) 8765-4321 分机 12345"` is 38 characters.
 * Anything longer is "not-a-phone" before any pattern runs, so a 50,000-character cell costs nothing.
 */
export const MAX_PHONE_CHARS = 64;

/** Extension marks, lower case, longest first where one ends another. */
const EXTENSION_MARKS = ["分机", "转", "ext.", "ext", "x"];

function isAsciiDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}

function isSpace(c: string): boolean {
  return c.trim() === "";
}

/**
 * Drops a trailing extension ("转 123", "分机123", "ext. 5", "x 12"): what `/\s*(?:转|分机|ext\.?|x)\s*\d+$/i`
 * removes, found by one scan from the end (that pattern retried its `\s*` from every space of a long
 * run of spaces: quadratic).
 */
function dropExtension(text: string): string {
  let end = text.length;
  while (end > 0 && isAsciiDigit(text[end - 1])) end--;
  if (end === text.length) return text;
  while (end > 0 && isSpace(text[end - 1])) end--;
  const tail = text.slice(Math.max(0, end - 4), end).toLowerCase();
  const mark = EXTENSION_MARKS.find((m) => tail.endsWith(m));
  if (mark === undefined) return text;
  let start = end - mark.length;
  while (start > 0 && isSpace(text[start - 1])) start--;
  return text.slice(0, start);
}

/**
 * Reads a phone number and returns it in E.164 (`+8613812345678`). Without a country prefix it is taken
 * as Chinese: mobiles `138 1234 5678`, landlines with area code `010-12345678`, `(0755) 8765 4321`;
 * prefixes `+86`, `0086`, `86 ` and any other country's `+…` E.164 number are accepted. A number cell
 * (13812345678 stored as a number) is read as its digits. Extensions ("转 123", "ext. 5") are dropped.
 * Chinese numbers must be a mobile (1[3-9] + 9 digits), a landline with area code or a 400/800 business
 * number; other countries' numbers must be valid by libphonenumber's metadata. Cells longer than
 * {@link MAX_PHONE_CHARS} are refused at once. Linear in the cell's length. Blank → "empty"; otherwise
 * "not-a-phone".
 */
export function parsePhone(value: unknown): ParseResult<string> {
  if (isBlank(value)) return fail("empty");
  if (typeof value === "number") value = Number.isInteger(value) ? String(value) : "";
  if (typeof value !== "string") return fail("not-a-phone");
  if (value.trim().length > MAX_PHONE_CHARS) return fail("not-a-phone");
  let text = dropExtension(foldWidth(value).replace(/^(tel|phone|mobile|电话|手机)[:：]?/i, "")).trim();
  if (!/^[+\d\s()\-./]+$/.test(text)) return fail("not-a-phone");
  const plain = text.replace(/\D/g, "");
  if (CN_SERVICE.test(plain) && !text.startsWith("+")) return ok(`+86${plain}`);
  if (/^86(1[3-9]\d{9})$/.test(plain) && !text.startsWith("+") && !text.startsWith("0")) text = `+${plain}`;
  const parsed = parsePhoneNumberFromString(text, "CN");
  if (!parsed) return fail("not-a-phone");
  if (parsed.countryCallingCode === "86") {
    const national = String(parsed.nationalNumber);
    return CN_MOBILE.test(national) || CN_LANDLINE.test(national)
      ? ok(`+86${national}`)
      : fail("not-a-phone");
  }
  return parsed.isValid() ? ok(parsed.number) : fail("not-a-phone");
}
