import { literalCell } from "../../core/table/literal-text";

type Range = GoogleAppsScript.Spreadsheet.Range;

/** A formula the job means to write back as a formula (a kept cell), not as text. */
export class KeptFormula {
  constructor(readonly text: string) {}
}

/** A cell's formula when it has one, else its value: how jobs carry a cell they rewrite unchanged. */
export function keptCell(formula: string | undefined, value: unknown): unknown {
  return formula ? new KeptFormula(formula) : value;
}

/**
 * setValues that stores exactly the values given. Sheets parses strings written by a script as if typed
 * ("007" → 7, "1-2" → a date, "=…" → a formula); a leading apostrophe keeps text as text, except in cells
 * formatted as plain text ("@"), where the entry is stored as it is, apostrophe included. So the target's
 * number formats are read first (one call) and the apostrophe goes only where it is needed.
 * KeptFormula cells are written as formulas. https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object)
 */
export function writeValues(range: Range, rows: readonly (readonly unknown[])[]): void {
  const formats = range.getNumberFormats();
  range.setValues(
    rows.map((row, r) =>
      row.map((v, c) => (v instanceof KeptFormula ? v.text : formats[r][c] === "@" ? v : literalCell(v))),
    ),
  );
}
