/**
 * Strings a script writes with Range.setValue/setValues are taken by Sheets as if a user had typed them:
 * "00123" becomes the number 123, "1-2" a date, "TRUE" a boolean, "=A1" a formula, an 18-digit ID number
 * a float that has lost its last digits. A leading apostrophe makes Sheets keep the rest as text (the
 * apostrophe is not part of the value). https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object)
 * https://support.google.com/docs/answer/3094038
 *
 * So every path that writes a user's text into a cell goes through `literalCell`: text that Sheets could
 * read as anything but itself gets the apostrophe; plain words are written as they are (fewer bytes, and
 * the cell looks the same in the formula bar).
 */

/** First characters that make Sheets (or Excel) read an entry as a formula, or drop a leading "'". */
const SPECIAL_START = /^[=+\-@'\t\r\n\s]|\s$/;
/** Text Sheets may read as a number, date, time, percentage, currency or duration: it holds a digit. */
const DIGIT = /\d/;
/** Words Sheets reads as booleans or errors in any case. */
const KEYWORD = /^(true|false|#n\/a|#ref!|#value!|#div\/0!|#num!|#name\?|#null!|#error!)$/i;

/**
 * Whether `text`, entered into a cell, is certain to stay exactly this text. Conservative: anything with a
 * digit, a leading sign, "=", "@", "'" or white space at either end, or a boolean/error keyword, is not
 * (Sheets' parsing of dates such as "Mar 1" or "1.2.3" depends on the locale).
 */
export function staysText(text: string): boolean {
  return text === "" || !(SPECIAL_START.test(text) || DIGIT.test(text) || KEYWORD.test(text));
}

/**
 * The value to hand to setValue/setValues so the cell ends up holding `value` itself: strings that Sheets
 * could reinterpret get a leading apostrophe; numbers, booleans, Dates and blanks pass unchanged. Not for
 * cells formatted as plain text ("@"), where Sheets keeps the entry as typed, apostrophe included.
 */
export function literalCell<T>(value: T): T | string {
  return typeof value === "string" && !staysText(value) ? `'${value}` : value;
}

/** literalCell over a block of rows (a new array; the input is not changed). */
export function literalRows(rows: readonly (readonly unknown[])[]): unknown[][] {
  return rows.map((row) => row.map(literalCell));
}

/** The value a cell holds after `literalCell(v)` was written: the inverse of literalCell. */
export function valueOfLiteral(written: unknown): unknown {
  return typeof written === "string" && written.startsWith("'") ? written.slice(1) : written;
}
