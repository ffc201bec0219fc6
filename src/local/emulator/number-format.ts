import { isDateCell, type Stored } from "./cells";
import { zonedParts } from "./zone";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
/** Sheets' day 0 is 1899-12-30. */
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);

const pad = (n: number, w: number) => String(n).padStart(w, "0");

function isDatePattern(pattern: string): boolean {
  return /[yd]|h|s/i.test(pattern.replace(/"[^"]*"|\\./g, "")) && !/^[#0,.%]+$/.test(pattern);
}

/** Sheets date tokens: yyyy yy mmmm mmm mm m (minutes after h / before s) dddd ddd dd d hh h ss am/pm. */
function formatDatePattern(ms: number, tz: string, pattern: string): string {
  const p = zonedParts(ms, tz);
  const tokens =
    pattern.match(
      /"[^"]*"|\\.|yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am\/pm|a\/p|\.0+|[^ymdhsa"\\]+|./gi,
    ) ?? [];
  const hasAmPm = /am\/pm|a\/p/i.test(pattern);
  let lastWasHour = false;
  return tokens
    .map((tok, i) => {
      const low = tok.toLowerCase();
      const nextTimeIsSeconds = () =>
        tokens
          .slice(i + 1)
          .find((t) => /^[ymdhs]/i.test(t))
          ?.toLowerCase()
          .startsWith("s");
      let out: string;
      if (tok.startsWith('"')) out = tok.slice(1, -1);
      else if (tok.startsWith("\\")) out = tok.slice(1);
      else if (low === "yyyy") out = pad(p.year, 4);
      else if (low === "yy") out = pad(p.year % 100, 2);
      else if (low === "mmmm") out = MONTHS[p.month - 1];
      else if (low === "mmm") out = MONTHS[p.month - 1].slice(0, 3);
      else if (low === "mm" || low === "m") {
        const minutes = lastWasHour || nextTimeIsSeconds();
        out = minutes ? pad(p.minute, low.length) : pad(p.month, low.length);
      } else if (low === "dddd") out = DAYS[p.weekday];
      else if (low === "ddd") out = DAYS[p.weekday].slice(0, 3);
      else if (low === "dd" || low === "d") out = pad(p.day, low.length);
      else if (low === "hh" || low === "h") {
        const h = hasAmPm ? (p.hour % 12 === 0 ? 12 : p.hour % 12) : p.hour;
        out = pad(h, low.length);
      } else if (low === "ss" || low === "s") out = pad(p.second, low.length);
      else if (low === "am/pm") out = p.hour < 12 ? "AM" : "PM";
      else if (low === "a/p") out = p.hour < 12 ? "A" : "P";
      else if (/^\.0+$/.test(tok)) out = "." + pad(p.millisecond, 3).slice(0, tok.length - 1);
      else out = tok;
      if (/^h/i.test(tok)) lastWasHour = true;
      else if (/^[ymds]/i.test(tok)) lastWasHour = false;
      return out;
    })
    .join("");
}

function groupThousands(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Numeric patterns: literal prefix/suffix, "0"/"#" digits, "," grouping, ".00" decimals, "%". */
function formatNumberPattern(n: number, pattern: string): string {
  const sections = pattern.split(";");
  let section = sections[0];
  let value = n;
  if (n < 0 && sections.length > 1) {
    section = sections[1];
    value = -n;
  } else if (n === 0 && sections.length > 2) section = sections[2];
  const m = /^([^#0,.]*)([#0,]*\.?[#0]*)(%?)(.*)$/.exec(
    section.replace(/"([^"]*)"/g, "$1").replace(/\\(.)/g, "$1"),
  );
  if (!m || !/[#0]/.test(m[2])) return section;
  const [, prefix, digits, percent, suffix] = m;
  if (percent) value *= 100;
  const decimals = (digits.split(".")[1] ?? "").length;
  const fixed = Math.abs(value).toFixed(decimals);
  let [intPart, frac] = fixed.split(".");
  if (/,/.test(digits.split(".")[0])) intPart = groupThousands(intPart);
  const minInt = (digits.split(".")[0].match(/0/g) ?? []).length;
  if (intPart === "0" && minInt === 0) intPart = "";
  const sign = value < 0 ? "-" : "";
  return `${sign}${prefix}${intPart}${frac !== undefined ? "." + frac : ""}${percent}${suffix}`;
}

/** Sheets' "General" rendering of a number: up to ~10 significant decimals, no exponent for normal sizes. */
function generalNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(10)));
}

/** What getDisplayValues shows for a stored value under a number format, in the spreadsheet's zone. */
export function displayValue(v: Stored, format: string | undefined, tz: string, locale: string): string {
  const fmt = format && format !== "General" ? format : undefined;
  if (v === "") return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return v;
  if (fmt === "@")
    return isDateCell(v) ? formatDatePattern(v.date, tz, "yyyy-mm-dd hh:mm:ss") : generalNumber(v);
  if (isDateCell(v)) {
    if (fmt && isDatePattern(fmt)) return formatDatePattern(v.date, tz, fmt);
    if (fmt) {
      const p = zonedParts(v.date, tz);
      const serial =
        (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - SERIAL_EPOCH_MS) / 86_400_000;
      return formatNumberPattern(serial, fmt);
    }
    const p = zonedParts(v.date, tz);
    const midnight = p.hour === 0 && p.minute === 0 && p.second === 0;
    const datePart = /^zh/i.test(locale) ? "yyyy/m/d" : "m/d/yyyy";
    return formatDatePattern(v.date, tz, midnight ? datePart : `${datePart} h:mm:ss`);
  }
  if (fmt && isDatePattern(fmt)) return formatDatePattern(SERIAL_EPOCH_MS + v * 86_400_000, "UTC", fmt);
  return fmt ? formatNumberPattern(v, fmt) : generalNumber(v);
}
