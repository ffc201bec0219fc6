import type { Lang } from "../schema/types";
import { dateOrderProof, type DateOrderProof } from "./parse-date";

/**
 * Distinct texts whose proof is remembered while scanning a column; past it the memory starts again (the
 * counts stay), so a column of a million different texts costs a bounded map.
 */
const PROOF_CACHE_LIMIT = 65_536;
/** `1/2/25` is the shortest numeric date; 64 characters the longest text parseDate reads as a date. */
const SHORTEST = 6;
const LONGEST = 64;

/** The day/month order one column of dates is read in, decided from all its text cells. */
export interface ColumnDateOrder {
  /** Ambiguous texts (`01/03/2025`) read day first (true) or month first (false). */
  readonly dayFirst: boolean;
  /**
   * The order the column's minority of self-proving cells shows when its cells prove both orders: those
   * cells contradict the column's reading and are refused. Undefined when the column is consistent.
   */
  readonly conflicting?: DateOrderProof;
  /** How many cells prove each order (each occurrence counted). */
  readonly dayFirstCells: number;
  readonly monthFirstCells: number;
}

/**
 * Decides one reading for a column of typed dates, so `12/1/2010` means the same in every row: a text
 * `a/b/yyyy` with a > 12 proves day-first, with b > 12 month-first ({@link dateOrderProof}). If the cells
 * prove one order only, every ambiguous cell is read that way; if none prove either, `lang` decides ("en"
 * month first, "zh-CN" day first) as for a single cell; if both are proved, the order more cells prove
 * wins (a tie goes to `lang`) and the cells proving the other are {@link ColumnDateOrder.conflicting}.
 * Only text cells are looked at, each distinct text once: Date objects, serials and ISO texts prove
 * nothing and are read as they are.
 *
 * `rows[i][column]` are the column's cells (getValues rows); a negative `column` has none.
 */
export function columnDateOrder(
  rows: readonly (readonly unknown[])[],
  column: number,
  lang: Lang,
): ColumnDateOrder {
  let dayFirstCells = 0;
  let monthFirstCells = 0;
  if (column >= 0) {
    // 0 proves nothing, 1 day-first, 2 month-first.
    const proofs = new Map<string, number>();
    for (let i = 0; i < rows.length; i++) {
      const value = rows[i][column];
      if (typeof value !== "string" || value.length < SHORTEST || value.length > LONGEST) continue;
      let proof = proofs.get(value);
      if (proof === undefined) {
        const p = dateOrderProof(value);
        proof = p === "day-first" ? 1 : p === "month-first" ? 2 : 0;
        if (proofs.size >= PROOF_CACHE_LIMIT) proofs.clear();
        proofs.set(value, proof);
      }
      if (proof === 1) dayFirstCells++;
      else if (proof === 2) monthFirstCells++;
    }
  }
  const byLang = lang === "zh-CN";
  if (dayFirstCells === 0 || monthFirstCells === 0) {
    const dayFirst = dayFirstCells > 0 ? true : monthFirstCells > 0 ? false : byLang;
    return { dayFirst, dayFirstCells, monthFirstCells };
  }
  const dayFirst = dayFirstCells > monthFirstCells ? true : monthFirstCells > dayFirstCells ? false : byLang;
  return {
    dayFirst,
    conflicting: dayFirst ? "month-first" : "day-first",
    dayFirstCells,
    monthFirstCells,
  };
}
