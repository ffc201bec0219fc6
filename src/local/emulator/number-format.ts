import { isDateCell, type Stored } from "./cells";
import { DAY_NAMES, MONTH_NAMES, zonedParts, zonedToEpoch, type ZonedParts } from "./zone";

/** Sheets' day 0 is 1899-12-30. */
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);

const pad = (n: number, w: number) => String(n).padStart(w, "0");

/** Whether a number format shows dates or times (so Sheets treats the cell's number as a date). */
export function isDatePattern(pattern: string): boolean {
  return /[yd]|h|s/i.test(pattern.replace(/"[^"]*"|\\./g, "")) && !/^[#0,.%]+$/.test(pattern);
}

type Part = (p: ZonedParts) => string;
const compiled = new Map<string, readonly Part[]>();

/**
 * Compiles Sheets date tokens once per pattern: yyyy yy mmmm mmm mm m (minutes right after an hour or
 * before seconds, else month) dddd ddd dd d hh h ss s am/pm a/p and .000 fractions.
 */
function compileDatePattern(pattern: string): readonly Part[] {
  const cached = compiled.get(pattern);
  if (cached) return cached;
  const tokens =
    pattern.match(
      /"[^"]*"|\\.|yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am\/pm|a\/p|\.0+|[^ymdhsa"\\]+|./gi,
    ) ?? [];
  const hasAmPm = /am\/pm|a\/p/i.test(pattern);
  let lastWasHour = false;
  const parts = tokens.map((tok, i): Part => {
    const low = tok.toLowerCase();
    const isHour = low.startsWith("h");
    const wasHour = lastWasHour;
    if (isHour) lastWasHour = true;
    else if (/^[ymds]/.test(low)) lastWasHour = false;
    if (tok.startsWith('"')) return () => tok.slice(1, -1);
    if (tok.startsWith("\\")) return () => tok.slice(1);
    switch (low) {
      case "yyyy":
        return (p) => pad(p.year, 4);
      case "yy":
        return (p) => pad(p.year % 100, 2);
      case "mmmm":
        return (p) => MONTH_NAMES[p.month - 1];
      case "mmm":
        return (p) => MONTH_NAMES[p.month - 1].slice(0, 3);
      case "mm":
      case "m": {
        const next = tokens.slice(i + 1).find((t) => /^[ymdhs]/i.test(t));
        const minutes = wasHour || Boolean(next && /^s/i.test(next));
        return minutes ? (p) => pad(p.minute, low.length) : (p) => pad(p.month, low.length);
      }
      case "dddd":
        return (p) => DAY_NAMES[p.weekday];
      case "ddd":
        return (p) => DAY_NAMES[p.weekday].slice(0, 3);
      case "dd":
      case "d":
        return (p) => pad(p.day, low.length);
      case "hh":
      case "h":
        return (p) => pad(hasAmPm ? (p.hour % 12 === 0 ? 12 : p.hour % 12) : p.hour, low.length);
      case "ss":
      case "s":
        return (p) => pad(p.second, low.length);
      case "am/pm":
        return (p) => (p.hour < 12 ? "AM" : "PM");
      case "a/p":
        return (p) => (p.hour < 12 ? "A" : "P");
      default:
        if (/^\.0+$/.test(tok)) return (p) => "." + pad(p.millisecond, 3).slice(0, tok.length - 1);
        return () => tok;
    }
  });
  compiled.set(pattern, parts);
  return parts;
}

function formatDatePattern(ms: number, tz: string, pattern: string): string {
  const p = zonedParts(ms, tz);
  let out = "";
  for (const part of compileDatePattern(pattern)) out += part(p);
  return out;
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

/** A date's serial number (days since 1899-12-30, fractional) read on the wall clock of `tz`. */
export function dateToSerial(ms: number, tz: string): number {
  const p = zonedParts(ms, tz);
  return (
    (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond) - SERIAL_EPOCH_MS) /
    86_400_000
  );
}

/** The instant a serial number stands for on the wall clock of `tz`. */
export function serialToDate(serial: number, tz: string): number {
  const wall = new Date(SERIAL_EPOCH_MS + Math.round(serial * 86_400_000));
  return zonedToEpoch(
    tz,
    wall.getUTCFullYear(),
    wall.getUTCMonth() + 1,
    wall.getUTCDate(),
    wall.getUTCHours(),
    wall.getUTCMinutes(),
    wall.getUTCSeconds(),
    wall.getUTCMilliseconds(),
  );
}

/**
 * What getValues gives for a stored value under a number format: as in Sheets, the format decides
 * the type — a number in a date-formatted cell reads as a date, a date under a numeric format as its
 * serial number. Returns epoch ms wrapped as a date cell, or the value itself.
 */
export function typedValue(v: Stored, format: string | undefined, tz: string): Stored {
  if (!format || format === "General" || format === "@") return v;
  if (typeof v === "number" && isDatePattern(format)) return { date: serialToDate(v, tz) };
  if (isDateCell(v) && !isDatePattern(format) && /[0#]/.test(format)) return dateToSerial(v.date, tz);
  return v;
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
      return formatNumberPattern(dateToSerial(v.date, tz), fmt);
    }
    const p = zonedParts(v.date, tz);
    const midnight = p.hour === 0 && p.minute === 0 && p.second === 0;
    const datePart = /^zh/i.test(locale) ? "yyyy/m/d" : "m/d/yyyy";
    return formatDatePattern(v.date, tz, midnight ? datePart : `${datePart} h:mm:ss`);
  }
  if (fmt && isDatePattern(fmt)) return formatDatePattern(SERIAL_EPOCH_MS + v * 86_400_000, "UTC", fmt);
  return fmt ? formatNumberPattern(v, fmt) : generalNumber(v);
}
