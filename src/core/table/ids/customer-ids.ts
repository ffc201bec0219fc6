import { isBlank } from "../parse";

/** New customer IDs look like C000124: "C" and at least six digits. */
const PREFIX = "C";
const DIGITS = 6;

/** Longest numeric suffix counted: 15 digits stay exact in a double (2^53 ≈ 9.007e15), so n + 1 ≠ n. */
const MAX_SUFFIX_DIGITS = 15;

/**
 * The numeric suffix of an ID ("C000123" → 123, "CUST-42" → 42), or -1 when it has none or one longer than
 * MAX_SUFFIX_DIGITS (a typed "C99999999999999999999" would otherwise stop the count: past 2^53, n + 1 is n,
 * and every new customer would get the same ID). One scan from the end: the pattern /(\d+)\s*$/ retried
 * every start in a long run of digits (quadratic).
 */
function numericSuffix(id: unknown): number {
  const text = String(id).trimEnd();
  let start = text.length;
  while (start > 0 && text[start - 1] >= "0" && text[start - 1] <= "9") start--;
  const digits = text.length - start;
  return digits > 0 && digits <= MAX_SUFFIX_DIGITS ? Number(text.slice(start)) : -1;
}

/** New IDs have at most this many characters ("C" and 15 digits): a longer existing ID cannot collide. */
const MAX_NEW_ID_LENGTH = PREFIX.length + MAX_SUFFIX_DIGITS + 1;

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
    const text = String(id).trim();
    if (text.length <= MAX_NEW_ID_LENGTH) taken.add(text.toUpperCase());
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
