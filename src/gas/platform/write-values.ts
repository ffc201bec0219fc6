import { SHEETS_MAX_CELL_CHARS } from "../../core/table/import/caps";
import { a1 } from "../../core/table/a1";
import { literalCell } from "../../core/table/literal-text";
import { isDateObject } from "../../core/table/parse/result";

type Range = GoogleAppsScript.Spreadsheet.Range;

/**
 * A formula the job means to write back as a formula (a kept cell), not as text. Only made from what
 * getFormulas read in this book or in one of its registered backups: never from text that came from
 * outside (a file, a sidebar call, a mail), so no outside text can become a formula.
 */
export class KeptFormula {
  constructor(readonly text: string) {}
}

/** A cell's formula when it has one, else its value: how jobs carry a cell they rewrite unchanged. */
export function keptCell(formula: string | undefined, value: unknown): unknown {
  return formula ? new KeptFormula(formula) : value;
}

/**
 * The entry for one cell: strings, and anything that is not a number, boolean, date or blank (an array or
 * object would be turned into text by Sheets, "=…" included), as text Sheets keeps as text.
 */
function entry(v: unknown, format: string): unknown {
  if (v instanceof KeptFormula) return v.text;
  if (v === null || v === undefined || typeof v === "number" || typeof v === "boolean" || isDateObject(v))
    return v;
  const text = String(v);
  return format === "@" ? text : literalCell(text);
}

/**
 * setValues that stores exactly the values given: the one door through which the add-on writes values into
 * a sheet, so no text that came from outside (an import, a batch edit, a sidebar call) becomes a formula.
 * Sheets parses strings written by a script as if typed ("007" → 7, "1-2" → a date, "=…" → a formula); a
 * leading apostrophe keeps text as text, except in cells formatted as plain text ("@"), where the entry is
 * kept as text as it is, apostrophe included. So the target's number formats are read first (one call)
 * and the apostrophe goes only where it is needed. KeptFormula cells are written as formulas.
 * https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object)
 *
 * A text longer than a cell holds (50,000 characters, https://support.google.com/drive/answer/37603) is
 * refused before anything is written, with the cell named: Sheets would refuse the whole write anyway.
 */
export function writeValues(range: Range, rows: readonly (readonly unknown[])[]): void {
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (typeof v === "string" && v.length > SHEETS_MAX_CELL_CHARS)
        throw new Error(
          `Cell ${range.getSheet().getName()}!${a1(range.getRow() + r, range.getColumn() - 1 + c)} would hold ` +
            `${v.length} characters; a Google Sheets cell holds at most ${SHEETS_MAX_CELL_CHARS}. Nothing was written.`,
        );
    }),
  );
  const formats = range.getNumberFormats();
  range.setValues(rows.map((row, r) => row.map((v, c) => entry(v, formats[r][c]))));
}
