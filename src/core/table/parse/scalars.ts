import { fail, foldWidth, isBlank, ok, type ParseResult } from "./result";

const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i;
const GROUPED = /^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/**
 * The longest cell read as a number, percentage or yes/no: a double has at most 17 significant digits, so
 * even a number written out in full with separators fits. Longer cells fail before any pattern runs.
 */
export const MAX_SCALAR_CHARS = 400;

/** Whether a text cell is too long to be a scalar (numbers, percentages and yes/no words are short). */
function tooLong(value: string): boolean {
  return value.trim().length > MAX_SCALAR_CHARS;
}

/**
 * Reads a plain number: numbers pass through when finite; text may use full-width digits, thousands
 * separators grouped by three, and exponent notation. Text beyond a double's range ("1e400") and cells
 * longer than {@link MAX_SCALAR_CHARS} fail. Blank → "empty", else "not-a-number".
 */
export function parseNumber(value: unknown): ParseResult<number> {
  if (isBlank(value)) return fail("empty");
  if (typeof value === "number") return Number.isFinite(value) ? ok(value) : fail("not-a-number");
  if (typeof value !== "string" || tooLong(value)) return fail("not-a-number");
  let text = foldWidth(value).replace(/\s+/g, "").replace(/[−–]/g, "-");
  if (GROUPED.test(text)) text = text.replace(/,/g, "");
  if (!NUMBER.test(text)) return fail("not-a-number");
  const n = Number(text);
  return Number.isFinite(n) ? ok(n) : fail("not-a-number");
}

/** Reads a whole number (see {@link parseNumber}); `12.0` is 12, `12.5` fails with "not-an-integer". */
export function parseInteger(value: unknown): ParseResult<number> {
  const n = parseNumber(value);
  if (!n.ok) return n;
  return Number.isInteger(n.value) ? n : fail("not-an-integer");
}

/**
 * Reads a percentage as a fraction: `"12%"` and `"12 ％"` → 0.12, the number 0.12 stays 0.12 (a cell
 * formatted as percent holds the fraction), and plain text numbers are taken as already fractions.
 * Blank → "empty", else "not-a-percent".
 */
export function parsePercent(value: unknown): ParseResult<number> {
  if (isBlank(value)) return fail("empty");
  if (typeof value === "number") return Number.isFinite(value) ? ok(value) : fail("not-a-percent");
  if (typeof value !== "string" || tooLong(value)) return fail("not-a-percent");
  const text = foldWidth(value).replace(/\s+/g, "");
  const hasSign = text.endsWith("%");
  const n = parseNumber(hasSign ? text.slice(0, -1) : text);
  if (!n.ok) return fail("not-a-percent");
  return ok(hasSign ? Math.round(n.value * 1e6) / 1e8 : n.value);
}

const TRUE_WORDS = ["true", "yes", "y", "1", "是", "对", "真", "已解决", "已完成", "✓", "✔", "√", "x"];
const FALSE_WORDS = ["false", "no", "n", "0", "否", "错", "假", "未解决", "未完成", "✗", "✘", "×"];

/**
 * Reads a yes/no cell: booleans pass through; 1/0; true/false, yes/no, y/n (any case); 是/否, 对/错;
 * 已解决/未解决; check marks ✓ ✔ √ and a ticked "x" are true, ✗ ✘ × false. Blank → "empty".
 */
export function parseBoolean(value: unknown): ParseResult<boolean> {
  if (isBlank(value)) return fail("empty");
  if (typeof value === "boolean") return ok(value);
  if (value === 1 || value === 0) return ok(value === 1);
  if (typeof value !== "string" || tooLong(value)) return fail("not-a-boolean");
  const text = foldWidth(value).toLowerCase();
  if (TRUE_WORDS.includes(text)) return ok(true);
  if (FALSE_WORDS.includes(text)) return ok(false);
  return fail("not-a-boolean");
}
