/**
 * Restore by difference: what to delete, insert and write so a sheet holding `current` ends up holding
 * `backup`, moving only what differs. Rows are matched first (by a key: the row's ID when the sheet has an
 * ID column, else its whole content), so a row inserted or deleted since the backup costs one row, not a
 * rewrite of everything below it.
 */
import { rowText, sameCell } from "./backups";

type Grid = readonly (readonly unknown[])[];

/** One block to write: top-left cell (1-based) and its rows. */
export interface WriteBlock {
  readonly row: number;
  readonly column: number;
  readonly values: unknown[][];
}

export interface RestorePlan {
  /** Current rows to delete as [first row, count], bottom-up: apply in this order, first. */
  readonly deletes: readonly (readonly [number, number])[];
  /** Blank rows to insert as [row, count] in the final layout, top-down: apply in this order, second. */
  readonly inserts: readonly (readonly [number, number])[];
  /** Blocks of backup cells to write, last (blanks where the backup is narrower than the sheet). */
  readonly writes: readonly WriteBlock[];
  /** Cells the writes cover. */
  readonly cells: number;
  /** Current rows kept (matched to a backup row): the sheet's rows after the deletes. */
  readonly kept: number;
}

/** Longest strictly increasing subsequence of `values` (indices into it), O(n log n). */
function increasingRun(values: readonly number[]): number[] {
  const tails: number[] = [];
  const prev = new Array<number>(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]] < values[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const out: number[] = [];
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = prev[i]) out.push(i);
  return out.reverse();
}

/**
 * Matched (backup row, current row) pairs, both ascending (0-based). Row 0 (the header) is always paired.
 * Anchors are the keys found exactly once on each side, kept where their order agrees (a patience diff);
 * between anchors, equal keys at either end pair up, then the rest pair by position.
 */
export function matchRows(backupKeys: readonly string[], currentKeys: readonly string[]): [number, number][] {
  if (!backupKeys.length || !currentKeys.length) return [];
  const count = (keys: readonly string[]) => {
    const m = new Map<string, number>();
    for (let i = 1; i < keys.length; i++) m.set(keys[i], (m.get(keys[i]) ?? 0) + 1);
    return m;
  };
  const inBackup = count(backupKeys);
  const inCurrent = count(currentKeys);
  const currentAt = new Map<string, number>();
  for (let j = 1; j < currentKeys.length; j++)
    if (inCurrent.get(currentKeys[j]) === 1) currentAt.set(currentKeys[j], j);
  const candidates: [number, number][] = [];
  for (let i = 1; i < backupKeys.length; i++) {
    const k = backupKeys[i];
    if (inBackup.get(k) === 1 && currentAt.has(k)) candidates.push([i, currentAt.get(k)!]);
  }
  const anchors = increasingRun(candidates.map(([, j]) => j)).map((n) => candidates[n]);
  const pairs: [number, number][] = [[0, 0]];
  let b = 1;
  let c = 1;
  const gap = (bEnd: number, cEnd: number) => {
    // The common tail is found from the end, so it is gathered backwards and appended in order (a loop:
    // a spread of a whole sheet's rows would overflow the call stack).
    const tail: [number, number][] = [];
    let be = bEnd;
    let ce = cEnd;
    while (b < be && c < ce && backupKeys[b] === currentKeys[c]) pairs.push([b++, c++]);
    while (b < be && c < ce && backupKeys[be - 1] === currentKeys[ce - 1]) tail.push([--be, --ce]);
    while (b < be && c < ce) pairs.push([b++, c++]);
    for (let t = tail.length - 1; t >= 0; t--) pairs.push(tail[t]);
  };
  for (const [i, j] of anchors) {
    gap(i, j);
    pairs.push([i, j]);
    b = i + 1;
    c = j + 1;
  }
  gap(backupKeys.length, currentKeys.length);
  return pairs;
}

/**
 * Groups positions (rows or columns, 1-based, in any order, repeats ignored) into [first, count] runs,
 * ascending: what one getRange, deleteRows or insertRows call can cover each.
 */
export function runsOf(positions: readonly number[]): [number, number][] {
  const sorted = [...new Set(positions)].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1] === p) last[1]++;
    else out.push([p, 1]);
  }
  return out;
}

/** [first, count] runs (1-based) of sorted 0-based indices. */
function runs(indices: readonly number[]): [number, number][] {
  return runsOf(indices.map((i) => i + 1));
}

/**
 * The plan's writes cut into blocks of at most `maxCells` cells (whole rows of a block, at least one row
 * each), in order, so a restore can write a few at a time and stop between two of them when its run is
 * short of time; the blocks cover exactly the cells of the plan's.
 */
export function writePieces(writes: readonly WriteBlock[], maxCells: number): WriteBlock[] {
  const out: WriteBlock[] = [];
  for (const block of writes) {
    const width = block.values[0]?.length ?? 0;
    const rows = Math.max(1, Math.floor(maxCells / Math.max(1, width)));
    for (let i = 0; i < block.values.length; i += rows)
      out.push({ row: block.row + i, column: block.column, values: block.values.slice(i, i + rows) });
  }
  return out;
}

/**
 * The plan that turns `current` into `backup` (both full grids from A1, cells as they are to be written).
 * `keyColumn` (0-based) is the ID column when the sheet has one: rows with a non-blank ID match by it,
 * others by their whole content.
 */
export function planRestore(backup: Grid, current: Grid, keyColumn: number | null = null): RestorePlan {
  const keyOf = (row: readonly unknown[]) => {
    const id = keyColumn === null ? "" : String(row[keyColumn] ?? "").trim();
    return id ? `id:${id}` : `row:${rowText(row)}`;
  };
  const pairs = matchRows(backup.map(keyOf), current.map(keyOf));
  const matchedCurrent = new Set(pairs.map(([, j]) => j));
  const matchedBackup = new Map(pairs.map(([i, j]) => [i, j]));
  const deleted = current.map((_, j) => j).filter((j) => !matchedCurrent.has(j));
  const inserted = backup.map((_, i) => i).filter((i) => !matchedBackup.has(i));

  const bWidth = backup.reduce((w, r) => Math.max(w, r.length), 0);
  const cWidth = current.reduce((w, r) => Math.max(w, r.length), 0);
  const width = Math.max(bWidth, cWidth);
  // Per final row: the columns to write (first, last, 0-based), or null when the row already matches.
  const spans: ([number, number] | null)[] = backup.map((row, i) => {
    const j = matchedBackup.get(i);
    if (j === undefined) {
      let last = row.length - 1;
      while (last >= 0 && (row[last] === "" || row[last] === null || row[last] === undefined)) last--;
      return last < 0 ? null : [0, last];
    }
    const now = current[j];
    let first = -1;
    let last = -1;
    for (let col = 0; col < width; col++) {
      if (!sameCell(row[col] ?? "", now[col] ?? "")) {
        if (first < 0) first = col;
        last = col;
      }
    }
    return first < 0 ? null : [first, last];
  });
  const writes: WriteBlock[] = [];
  let cells = 0;
  for (let i = 0; i < spans.length;) {
    if (!spans[i]) {
      i++;
      continue;
    }
    let first = spans[i]![0];
    let last = spans[i]![1];
    let end = i + 1;
    for (; end < spans.length && spans[end]; end++) {
      first = Math.min(first, spans[end]![0]);
      last = Math.max(last, spans[end]![1]);
    }
    const values = backup
      .slice(i, end)
      .map((row) => Array.from({ length: last - first + 1 }, (_, k) => row[first + k] ?? ""));
    writes.push({ row: i + 1, column: first + 1, values });
    cells += values.length * (last - first + 1);
    i = end;
  }
  return { deletes: runs(deleted).reverse(), inserts: runs(inserted), writes, cells, kept: pairs.length };
}
