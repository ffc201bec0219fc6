/**
 * Where two grids of the same shape differ, as rectangles worth one write each: consecutive rows with a
 * change form one block, spanning the columns from the first to the last changed cell of those rows. A
 * job then writes only what changed (cells moved ∝ the change), at one call per block.
 */

/** A rectangle of a grid, 0-based and inclusive of `first…` and exclusive of `…End`. */
export interface Block {
  readonly firstRow: number;
  readonly rowEnd: number;
  readonly firstColumn: number;
  readonly columnEnd: number;
}

/**
 * The blocks where `after` differs from `before` (compared with `same`, default ===). Rows missing from
 * `before` count as changed wherever `after` has a cell. Blocks come top to bottom; no two overlap; a
 * row of `after` whose cells all equal `before`'s is in no block.
 *
 * `maxBlocks` bounds the calls: when there are more changed runs than that, the closest runs (smallest
 * gap of unchanged rows between them) are merged until the bound holds — a few unchanged cells rewritten
 * with the value they already have cost less than a call each.
 */
export function changedBlocks<T>(
  before: readonly (readonly T[])[],
  after: readonly (readonly T[])[],
  options: { readonly same?: (a: T | undefined, b: T) => boolean; readonly maxBlocks?: number } = {},
): Block[] {
  const same = options.same ?? ((a: T | undefined, b: T) => a === b);
  const runs: { firstRow: number; rowEnd: number; firstColumn: number; columnEnd: number }[] = [];
  for (let r = 0; r < after.length; r++) {
    const row = after[r];
    const old = before[r];
    let lo = -1;
    let hi = -1;
    for (let c = 0; c < row.length; c++) {
      if (!same(old?.[c], row[c])) {
        if (lo < 0) lo = c;
        hi = c;
      }
    }
    if (lo < 0) continue;
    const last = runs[runs.length - 1];
    if (last && last.rowEnd === r) {
      last.rowEnd = r + 1;
      last.firstColumn = Math.min(last.firstColumn, lo);
      last.columnEnd = Math.max(last.columnEnd, hi + 1);
    } else runs.push({ firstRow: r, rowEnd: r + 1, firstColumn: lo, columnEnd: hi + 1 });
  }
  const max = Math.max(1, options.maxBlocks ?? Infinity);
  if (runs.length <= max) return runs;
  // Merge across the smallest gaps (ties: the upper gap first), one pass after choosing them.
  const gaps = runs.slice(1).map((run, i) => ({ i, gap: run.firstRow - runs[i].rowEnd }));
  gaps.sort((a, b) => a.gap - b.gap || a.i - b.i);
  const mergeAfter = new Set(gaps.slice(0, runs.length - max).map((g) => g.i));
  const merged = [runs[0]];
  for (let i = 1; i < runs.length; i++) {
    const last = merged[merged.length - 1];
    const run = runs[i];
    if (mergeAfter.has(i - 1)) {
      last.rowEnd = run.rowEnd;
      last.firstColumn = Math.min(last.firstColumn, run.firstColumn);
      last.columnEnd = Math.max(last.columnEnd, run.columnEnd);
    } else merged.push(run);
  }
  return merged;
}

/** The cells of `grid` inside `block`, as a new 2-D array (for one setValues/setNotes). */
export function blockValues<T>(grid: readonly (readonly T[])[], block: Block): T[][] {
  const out: T[][] = [];
  for (let r = block.firstRow; r < block.rowEnd; r++)
    out.push(grid[r].slice(block.firstColumn, block.columnEnd));
  return out;
}
