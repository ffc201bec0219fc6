import { fail, foldWidth, isBlank, ok, type ParseResult } from "./result";

/** Chinese and Western magnitude words; "w" is the pinyin shorthand for 万 many people type. */
const MULTIPLIERS: Readonly<Record<string, number>> = {
  千: 1e3,
  k: 1e3,
  万: 1e4,
  w: 1e4,
  百万: 1e6,
  m: 1e6,
  千万: 1e7,
  亿: 1e8,
  b: 1e9,
};

/** Currency marks before or after the number; the amount's unit is the column's, so they are dropped. */
const CURRENCY =
  /^(?:rmb|cny|usd|us\$|hk\$|hkd|eur|gbp|[¥$€£])|(?:rmb|cny|usd|hkd|eur|gbp|人民币|元整|元|圆|块钱|块|美元|欧元|英镑)$/;
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const PLAIN = /^(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * The longest cell read as an amount: `"人民币 1,234,567,890.12 元整"` is 25 characters. Longer cells are
 * "not-an-amount" before any pattern runs.
 */
export const MAX_AMOUNT_CHARS = 100;

/** Rounds away binary noise such as 1.2 × 10⁴ = 12000.000000000002, keeping up to 6 decimals. */
function tidy(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/**
 * Reads a money amount as a plain number in the column's currency unit:
 * `"¥50,000"` → 50000, `"50000元"` → 50000, `"1.2万"` → 12000, `"3亿"` → 300000000, `"$1,200.50"` →
 * 1200.5, `"(100)"` → -100 (accounting negative), `"-¥20"` / `"¥-20"` → -20, `"2.5k"` → 2500.
 * Numbers pass through when finite. Thousands separators must group by three (so "1,20" fails rather
 * than guessing); full-width digits and symbols are accepted. Currency marks are not converted: "$10"
 * is 10. Cells longer than {@link MAX_AMOUNT_CHARS} are refused at once. Blank → "empty"; anything else
 * → "not-an-amount".
 */
export function parseAmount(value: unknown): ParseResult<number> {
  if (isBlank(value)) return fail("empty");
  if (typeof value === "number") return Number.isFinite(value) ? ok(value) : fail("not-an-amount");
  if (typeof value !== "string" || value.trim().length > MAX_AMOUNT_CHARS) return fail("not-an-amount");
  let text = foldWidth(value).toLowerCase().replace(/\s+/g, "").replace(/[−–—]/g, "-");
  let sign = 1;
  if (/^\(.*\)$/.test(text)) {
    sign = -1;
    text = text.slice(1, -1);
  }
  for (let pass = 0; pass < 3; pass++) {
    if (text.startsWith("-")) {
      sign = -sign;
      text = text.slice(1);
    } else if (text.startsWith("+")) {
      text = text.slice(1);
    }
    text = text.replace(CURRENCY, "");
  }
  let multiplier = 1;
  const unit = /(百万|千万|千|万|亿|k|w|m|b)$/.exec(text);
  if (unit) {
    multiplier = MULTIPLIERS[unit[1]];
    text = text.slice(0, -unit[1].length);
  }
  text = text.replace(CURRENCY, "");
  if (GROUPED.test(text)) text = text.replace(/,/g, "");
  if (!PLAIN.test(text)) return fail("not-an-amount");
  const n = Number(text) * multiplier * sign;
  return Number.isFinite(n) ? ok(tidy(n) || 0) : fail("not-an-amount");
}
