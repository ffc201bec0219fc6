/**
 * Stable line keys for the BigQuery export. A line's key is a whole number the add-on stamps in a column
 * of its own (LINE_KEY_HEADER) the first time the line is exported, from a counter kept in document
 * properties that only grows. The export sends the lines whose key is above its high-water mark, in key
 * order, so what reaches BigQuery does not depend on where a line sits: rows may be sorted, deleted,
 * inserted in the middle or trimmed away, and a line is still sent once. Positions cannot do that (a sort
 * or a deleted row shifts every line after it), and a content hash cannot either: two identical lines (the
 * same sale entered twice on purpose) would share it, and correcting an amount would make a new line.
 */

/** The header of the add-on's key column, at the right of the sheet's columns. */
export const LINE_KEY_HEADER = "BigQueryKey";

/** What stamping decides for one sheet. */
export interface KeyPlan {
  /** The key of each data row after stamping (0: none). */
  readonly keys: readonly number[];
  /** Data rows whose key cell must be written (stamped, or cleared). */
  readonly changed: readonly number[];
  /** The counter after stamping (unchanged when nothing was stamped). */
  readonly nextKey: number;
}

/**
 * Decides the key of every data row: a row keeps a key the add-on gave (a whole number below `nextKey`)
 * when no row above holds it; a readable line (`eligible`) without one gets the next number. A key held
 * twice is a copied row: the copy (the lower row) is a line of its own, so it gets a new key when readable
 * and loses the copied one otherwise (else trimming would take it for exported). Pure.
 */
export function planLineKeys(
  cells: readonly unknown[],
  eligible: (row: number) => boolean,
  nextKey: number,
): KeyPlan {
  const seen = new Set<number>();
  const keys: number[] = new Array(cells.length).fill(0);
  const changed: number[] = [];
  let next = Math.max(1, nextKey);
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    const held = typeof cell === "number" ? cell : cell === "" || cell == null ? NaN : Number(cell);
    const valid = Number.isSafeInteger(held) && held >= 1 && held < next && !seen.has(held);
    if (valid) {
      seen.add(held);
      keys[i] = held;
    } else if (eligible(i)) {
      keys[i] = next++;
      changed.push(i);
    } else if (cell !== "" && cell != null) changed.push(i);
  }
  return { keys, changed, nextKey: next };
}
