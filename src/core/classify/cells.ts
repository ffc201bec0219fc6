import { dayOfYmd, type DayNumber } from "./days";

/** Days from the spreadsheet epoch 1899-12-30 to 1970-01-01: serial date numbers count from there. */
const SHEETS_EPOCH_OFFSET = 25_569;

/**
 * The calendar day a cell of an Orders date column stands for, as getValues returns it: a Date (read in the
 * spreadsheet's zone through `zoneDay`), a number (YYYYMMDD such as 20061231, else a spreadsheet serial
 * date), or text (YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYYMMDD, YYYY年M月D日, optionally followed by a time).
 * NaN when the cell holds no date.
 */
export function dayOfCell(value: unknown, zoneDay: (ms: number) => DayNumber): DayNumber {
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? NaN : zoneDay(ms);
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return NaN;
    if (Number.isInteger(value) && value >= 1_000_01_01 && value <= 9_999_12_31) {
      return dayOfYmd(Math.floor(value / 10_000), Math.floor(value / 100) % 100, value % 100);
    }
    return value > 0 && value < 2_958_466 ? Math.floor(value) - SHEETS_EPOCH_OFFSET : NaN;
  }
  if (typeof value !== "string") return NaN;
  const text = value.trim();
  const m =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(
      text,
    ) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  return m ? dayOfYmd(Number(m[1]), Number(m[2]), Number(m[3])) : NaN;
}

/**
 * The amount a cell holds: numbers as they are; text with currency signs (¥ ￥ $ € £ RMB CNY USD 元),
 * thousands separators, full-width digits, a leading minus or accounting parentheses for refunds.
 * NaN when the cell holds no amount (also for empty cells).
 */
export function amountOfCell(value: unknown): number {
  if (typeof value === "number") return Number.isFinite(value) ? value : NaN;
  if (typeof value !== "string") return NaN;
  let text = value.normalize("NFKC").trim().replace(/−/g, "-");
  let sign = 1;
  const paren = /^\((.*)\)$/.exec(text);
  if (paren) {
    sign = -1;
    text = paren[1];
  }
  text = text.replace(/[\s,¥$€£元]|RMB|CNY|USD/gi, "");
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text)) return NaN;
  return sign * Number(text);
}

/** The text of an ID cell, trimmed; numbers as written (1001, not 1001.0). Empty string when blank. */
export function idOfCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  return (typeof value === "string" ? value : String(value)).trim();
}
