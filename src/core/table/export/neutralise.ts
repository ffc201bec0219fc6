/** First characters that make Excel or Sheets treat a cell as a formula (or DDE command). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Makes a cell safe to open in Excel or Sheets: text starting with = + - @ tab or CR gets a leading "'",
 * so it shows as typed and never runs. Numbers, booleans and blanks are returned unchanged (a negative
 * number is a number, not a formula).
 */
export function neutraliseCell(value: unknown): unknown {
  return typeof value === "string" && FORMULA_START.test(value) ? `'${value}` : value;
}
