/**
 * The fault suite's checks, on plain value grids: after a faulted run every user cell is either as before
 * or as the clean run left it, and every add-on-owned column changed on all the rows the clean run
 * changed or on none.
 */

export type Grid = readonly (readonly unknown[])[];

/** A workbook as the checks see it: tab name → values (row 0 the header row). */
export type WorkbookValues = ReadonlyMap<string, Grid>;

export interface SheetColumns {
  /** 0-based positions of add-on-owned columns. */
  readonly owned: ReadonlySet<number>;
}

export interface Violations {
  readonly userCellsLost: number;
  readonly userCellsChanged: number;
  readonly partialWrites: number;
  /** Human-readable notes, the first few only. */
  readonly notes: readonly string[];
}

function cellKey(v: unknown): string {
  if (v instanceof Date || Object.prototype.toString.call(v) === "[object Date]")
    return `d:${(v as Date).getTime()}`;
  if (v === null || v === undefined || v === "") return "";
  return `${typeof v}:${String(v)}`;
}

function cell(grid: Grid | undefined, r: number, c: number): unknown {
  return grid?.[r]?.[c];
}

const MAX_NOTES = 5;

/**
 * Compares one sheet. A user cell that was non-blank before and is blank now (and not blank in the clean
 * result) is lost; any other unexpected difference is a change. An owned column is partially written
 * when the set of its data rows that differ from before is neither empty nor the clean run's set.
 */
export function checkSheet(
  name: string,
  before: Grid,
  expected: Grid,
  after: Grid,
  columns: SheetColumns,
): Violations {
  let lost = 0;
  let changed = 0;
  let partial = 0;
  const notes: string[] = [];
  const rows = Math.max(before.length, expected.length, after.length);
  const width = Math.max(...[before, expected, after].flatMap((g) => g.map((r) => r.length)), 0);
  for (let c = 0; c < width; c++) {
    if (columns.owned.has(c)) {
      const touched: number[] = [];
      const intended: number[] = [];
      for (let r = 1; r < rows; r++) {
        const b = cellKey(cell(before, r, c));
        if (cellKey(cell(after, r, c)) !== b) touched.push(r);
        if (cellKey(cell(expected, r, c)) !== b) intended.push(r);
      }
      if (touched.length > 0 && touched.join() !== intended.join()) {
        partial++;
        if (notes.length < MAX_NOTES)
          notes.push(
            `${name}: owned column ${c + 1} changed on ${touched.length} rows, clean run on ${intended.length}`,
          );
      }
      continue;
    }
    for (let r = 0; r < rows; r++) {
      const b = cellKey(cell(before, r, c));
      const a = cellKey(cell(after, r, c));
      if (a === b || a === cellKey(cell(expected, r, c))) continue;
      if (b !== "" && a === "") lost++;
      else changed++;
      if (notes.length < MAX_NOTES)
        notes.push(`${name}!R${r + 1}C${c + 1}: was ${b || "blank"}, now ${a || "blank"}`);
    }
  }
  return { userCellsLost: lost, userCellsChanged: changed, partialWrites: partial, notes };
}

/** Adds violation counts. */
export function addViolations(a: Violations, b: Violations): Violations {
  return {
    userCellsLost: a.userCellsLost + b.userCellsLost,
    userCellsChanged: a.userCellsChanged + b.userCellsChanged,
    partialWrites: a.partialWrites + b.partialWrites,
    notes: [...a.notes, ...b.notes].slice(0, MAX_NOTES),
  };
}

export const NO_VIOLATIONS: Violations = {
  userCellsLost: 0,
  userCellsChanged: 0,
  partialWrites: 0,
  notes: [],
};

/** One sent mail, as far as duplicates go. */
export interface MailKey {
  readonly to: string;
  readonly subject: string;
  readonly body: string;
}

/** How many mails repeat an earlier one to the same recipient with the same subject and body. */
export function duplicateMails(outbox: readonly MailKey[]): number {
  const seen = new Set<string>();
  let dups = 0;
  for (const m of outbox) {
    const k = `${m.to.toLowerCase()}\u0000${m.subject}\u0000${m.body}`;
    if (seen.has(k)) dups++;
    else seen.add(k);
  }
  return dups;
}
