/**
 * Strings a script writes with Range.setValue/setValues (and Sheet.appendRow) are taken as if a user typed
 * them, in the spreadsheet's locale: numbers ("00123" → 123, "1,234.5" → 1234.5 in en), percentages
 * ("12%" → 0.12, shown as 12%), booleans ("TRUE"), dates and times ("2025-03-01", "3/1/2025", "1-2",
 * "9:30"), formulas ("=..."). A leading apostrophe keeps the rest as text (the apostrophe is not part of the
 * value), and so does a cell formatted as plain text ("@").
 * https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object)
 * https://support.google.com/docs/answer/3094038 (plain text format)
 */
import { toStored, type Cell, type Stored } from "./cells";
import { zonedParts, zonedToEpoch } from "./zone";

/** How the spreadsheet's locale writes numbers and short dates. */
interface LocaleRules {
  readonly group: string;
  readonly decimal: string;
  /** Order of a three-part date without a leading 4-digit year. */
  readonly dateOrder: "MDY" | "DMY";
}

/** Locales whose decimal separator is a comma. */
const COMMA_DECIMAL = /^(de|fr|es|it|pt|nl|ru|tr|pl|id|da|sv|nb|fi|cs|el|hu|ro|uk|vi)/i;

function rulesOf(locale: string): LocaleRules {
  const comma = COMMA_DECIMAL.test(locale);
  const dmy = comma || /^en_(GB|AU|IN|IE|NZ|ZA)/i.test(locale);
  return { group: comma ? "." : ",", decimal: comma ? "," : ".", dateOrder: dmy ? "DMY" : "MDY" };
}

/** A parsed entry: the stored value, and the number format Sheets gives the cell when it had none. */
export interface Entered {
  readonly value: Stored;
  readonly formula?: string;
  readonly format?: string;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function parseNumber(text: string, r: LocaleRules): number | null {
  const g = esc(r.group);
  const d = esc(r.decimal);
  const plain = new RegExp(`^[+-]?(\\d+|\\d{1,3}(${g}\\d{3})+)(${d}\\d*)?$|^[+-]?${d}\\d+$`);
  const sci = new RegExp(`^[+-]?\\d+(${d}\\d+)?[eE][+-]?\\d+$`);
  if (!plain.test(text) && !sci.test(text)) return null;
  const n = Number(text.split(r.group).join("").replace(r.decimal, "."));
  return Number.isFinite(n) ? n : null;
}

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?`;

function timeParts(h: string, mi: string, se: string | undefined, ampm: string | undefined) {
  let hour = Number(h);
  const minute = Number(mi);
  const second = se === undefined ? 0 : Number(se);
  if (ampm) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (/p/i.test(ampm) ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  return { hour, minute, second };
}

/** Dates ("2025-03-01", "2025/3/1", "3/1/2025", "1-2", with an optional time) and times ("9:30"). */
function parseDate(text: string, r: LocaleRules, tz: string, now: number): Entered | null {
  const time = new RegExp(`^${TIME}$`).exec(text);
  if (time) {
    const t = timeParts(time[1], time[2], time[3], time[4]);
    if (!t) return null;
    // A time alone is a time of day on day 0 (1899-12-30), as in Sheets.
    return {
      value: { date: zonedToEpoch(tz, 1899, 12, 30, t.hour, t.minute, t.second) },
      format: time[3] === undefined ? "h:mm" : "h:mm:ss",
    };
  }
  const m = new RegExp(`^(\\d{1,4})([-/.])(\\d{1,2})(?:\\2(\\d{1,4}))?(?:\\s+${TIME})?$`).exec(text);
  if (!m) return null;
  const [, a, sep, b, c, h, mi, se, ampm] = m;
  if (sep === "." && r.decimal === ".") return null;
  let y: number;
  let mo: number;
  let d: number;
  if (a.length === 4) {
    if (c === undefined) return null;
    [y, mo, d] = [Number(a), Number(b), Number(c)];
  } else if (c === undefined) {
    // Two parts: month and day (day and month in day-first locales) of the current year.
    y = zonedParts(now, tz).year;
    [mo, d] = r.dateOrder === "MDY" ? [Number(a), Number(b)] : [Number(b), Number(a)];
  } else {
    if (c.length === 3) return null;
    y = c.length <= 2 ? 2000 + Number(c) - (Number(c) >= 30 ? 100 : 0) : Number(c);
    [mo, d] = r.dateOrder === "MDY" ? [Number(a), Number(b)] : [Number(b), Number(a)];
  }
  if (!validDay(y, mo, d)) return null;
  const t = h === undefined ? { hour: 0, minute: 0, second: 0 } : timeParts(h, mi, se, ampm);
  if (!t) return null;
  const iso = a.length === 4 && sep === "-";
  return {
    value: { date: zonedToEpoch(tz, y, mo, d, t.hour, t.minute, t.second) },
    ...(iso ? { format: h === undefined ? "yyyy-mm-dd" : "yyyy-mm-dd h:mm:ss" } : {}),
  };
}

/** What a typed string becomes in a cell of the given locale and zone. */
export function parseEntered(text: string, locale: string, tz: string, now: number): Entered {
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.length > 1 && text.startsWith("=")) return { value: "", formula: text };
  const t = text.trim();
  if (t === "") return { value: text };
  if (/^true$/i.test(t)) return { value: true };
  if (/^false$/i.test(t)) return { value: false };
  const r = rulesOf(locale);
  const pct = /^(.*\S)\s*%$/.exec(t);
  if (pct) {
    const n = parseNumber(pct[1], r);
    if (n !== null) {
      const decimals = (pct[1].split(r.decimal)[1] ?? "").length;
      return { value: n / 100, format: decimals > 0 ? `0.${"0".repeat(decimals)}%` : "0%" };
    }
  }
  const n = parseNumber(t, r);
  if (n !== null) return { value: n };
  return parseDate(t, r, tz, now) ?? { value: text };
}

/** Where a written value lands: the workbook's locale and zone, and "now" for dates without a year. */
export interface EntryContext {
  readonly locale: string;
  readonly timeZone: string;
  readonly now: number;
}

/**
 * A script's write of `value` into `c`: strings are parsed as user entries (unless the cell is plain text,
 * "@"), anything else is stored as it is. A format Sheets would give the entry is set only when the cell has
 * none.
 */
export function setEnteredValue(c: Cell, value: unknown, at: EntryContext): void {
  if (typeof value !== "string" || c.format === "@") {
    c.v = toStored(value);
    delete c.formula;
    return;
  }
  const e = parseEntered(value, at.locale, at.timeZone, at.now);
  c.v = e.value;
  if (e.formula === undefined) delete c.formula;
  else c.formula = e.formula;
  if (e.format !== undefined && c.format === undefined) c.format = e.format;
}
