/**
 * An Apps Script enum whose values are their own names (SpreadsheetApp.BorderStyle.DOTTED === "DOTTED"),
 * frozen like the real ones.
 */
export function nameEnum<const K extends string>(names: readonly K[]): Readonly<{ [P in K]: P }> {
  return Object.freeze(Object.fromEntries(names.map((k) => [k, k]))) as { [P in K]: P };
}
