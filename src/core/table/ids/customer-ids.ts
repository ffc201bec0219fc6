import { isBlank } from "../parse";

/** New customer IDs look like C000124: "C" and at least six digits. */
const PREFIX = "C";
const DIGITS = 6;

/** The numeric suffix of an ID ("C000123" → 123, "CUST-42" → 42), or -1 when it has none. */
function numericSuffix(id: unknown): number {
  const m = /(\d+)\s*$/.exec(String(id));
  return m ? Number(m[1]) : -1;
}

/**
 * `count` new customer IDs continuing from the highest numeric suffix among `existing` (any prefix counts,
 * so a sheet of "CUST-0042" continues at C000043): C + zero-padded to 6 digits (longer when needed).
 * Blank existing cells are ignored; an empty sheet starts at C000001. IDs returned are distinct from each
 * other and from every existing ID (compared case-insensitively).
 */
export function nextCustomerIds(existing: Iterable<unknown>, count: number): string[] {
  let highest = 0;
  const taken = new Set<string>();
  for (const id of existing) {
    if (isBlank(id)) continue;
    taken.add(String(id).trim().toUpperCase());
    highest = Math.max(highest, numericSuffix(id));
  }
  const ids: string[] = [];
  for (let n = highest + 1; ids.length < count; n++) {
    const id = PREFIX + String(n).padStart(DIGITS, "0");
    if (!taken.has(id)) ids.push(id);
  }
  return ids;
}

/** Column positions the stamping needs (0-based; undefined when the sheet lacks the column). */
export interface StampColumns {
  readonly id?: number;
  readonly createdAt?: number;
  readonly updatedAt?: number;
}

/** New values for the stamp columns of the edited rows; each array is parallel to the edited rows. */
export interface StampPlan {
  readonly ids: readonly unknown[];
  readonly createdAt: readonly unknown[];
  readonly updatedAt: readonly unknown[];
  /** Rows that got a new ID. */
  readonly assigned: number;
}

/**
 * Stamps a block of edited Customers rows: rows with data but no CustomerID get the next free IDs (in row
 * order), CreatedAt is set once (kept when present), UpdatedAt is `now` for every row with data. Rows whose
 * every non-stamp cell is blank (a deleted row) keep their stamps as they were. `allIds` are the IDs of
 * the whole column (including the edited rows), so new IDs never collide with rows outside the block.
 */
export function planStamps(
  edited: readonly (readonly unknown[])[],
  columns: StampColumns,
  allIds: Iterable<unknown>,
  now: unknown,
): StampPlan {
  const stampIndexes = new Set([columns.id, columns.createdAt, columns.updatedAt]);
  const hasData = edited.map((row) => row.some((v, i) => !stampIndexes.has(i) && !isBlank(v)));
  const needing = edited.filter(
    (row, r) => hasData[r] && columns.id !== undefined && isBlank(row[columns.id]),
  );
  const fresh = nextCustomerIds(allIds, needing.length);
  let next = 0;
  const cell = (row: readonly unknown[], i: number | undefined) => (i === undefined ? "" : row[i]);
  const ids = edited.map((row, r) =>
    hasData[r] && isBlank(cell(row, columns.id)) && columns.id !== undefined
      ? fresh[next++]
      : cell(row, columns.id),
  );
  return {
    ids,
    createdAt: edited.map((row, r) =>
      hasData[r] && isBlank(cell(row, columns.createdAt)) ? now : cell(row, columns.createdAt),
    ),
    updatedAt: edited.map((row, r) => (hasData[r] ? now : cell(row, columns.updatedAt))),
    assigned: next,
  };
}
