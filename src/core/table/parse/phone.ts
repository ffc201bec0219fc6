import { parsePhoneNumberFromString } from "libphonenumber-js";
import { fail, foldWidth, isBlank, ok, type ParseResult } from "./result";

/** Chinese mobiles: 11 digits, 13x–19x. libphonenumber's small metadata only checks lengths there. */
const CN_MOBILE = /^1[3-9]\d{9}$/;
/** Landlines: a 2–3 digit area code after the trunk 0 (10, 2x, 3xx–9xx) and a 7–8 digit number. */
const CN_LANDLINE = /^(?:10|2\d|[3-9]\d{2})[1-9]\d{6,7}$/;
/** Nationwide business numbers 400-xxx-xxxx and 800-xxx-xxxx, dialled without a trunk 0. */
const CN_SERVICE = /^[48]00\d{7}$/;

/**
 * Reads a phone number and returns it in E.164 (`+8613812345678`). Without a country prefix it is taken
 * as Chinese: mobiles `138 1234 5678`, landlines with area code `010-12345678`, `(0755) 8765 4321`;
 * prefixes `+86`, `0086`, `86 ` and any other country's `+…` E.164 number are accepted. A number cell
 * (13812345678 stored as a number) is read as its digits. Extensions ("转 123", "ext. 5") are dropped.
 * Chinese numbers must be a mobile (1[3-9] + 9 digits), a landline with area code or a 400/800 business
 * number; other countries'
 * numbers must be valid by libphonenumber's metadata. Blank → "empty"; otherwise "not-a-phone".
 */
export function parsePhone(value: unknown): ParseResult<string> {
  if (isBlank(value)) return fail("empty");
  if (typeof value === "number") value = Number.isInteger(value) ? String(value) : "";
  if (typeof value !== "string") return fail("not-a-phone");
  let text = foldWidth(value)
    .replace(/^(tel|phone|mobile|电话|手机)[:：]?/i, "")
    .replace(/\s*(?:转|分机|ext\.?|x)\s*\d+$/i, "")
    .trim();
  if (!/^[+\d\s()\-./]+$/.test(text)) return fail("not-a-phone");
  const plain = text.replace(/\D/g, "");
  if (CN_SERVICE.test(plain) && !text.startsWith("+")) return ok(`+86${plain}`);
  const digits = text.replace(/\D/g, "");
  if (/^86(1[3-9]\d{9})$/.test(digits) && !text.startsWith("+") && !text.startsWith("0")) text = `+${digits}`;
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
