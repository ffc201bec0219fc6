/** Key standing for "not in that snapshot" in a migration matrix (new or departed customers). */
export const ABSENT = "";

/** Customers moving between segments from one snapshot to the next. */
export interface MigrationMatrix {
  /** Segment keys of the rows (previous) and columns (current), sorted, with ABSENT last when present. */
  readonly from: readonly string[];
  readonly to: readonly string[];
  /** counts[i][j]: customers in from[i] before and to[j] now. */
  readonly counts: readonly (readonly number[])[];
}

function axis(keys: Iterable<string>): string[] {
  const list = [...new Set(keys)].filter((k) => k !== ABSENT).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return list;
}

/**
 * Cross-tabulates each customer's segment in `previous` against `current` (CustomerID → segment key).
 * Customers only in `current` count in the ABSENT row, customers only in `previous` in the ABSENT column;
 * ABSENT appears only when needed. Independent of map order.
 */
export function migrationMatrix(
  previous: ReadonlyMap<string, string>,
  current: ReadonlyMap<string, string>,
): MigrationMatrix {
  const from = axis(previous.values());
  const to = axis(current.values());
  const entered = [...current.keys()].some((id) => !previous.has(id));
  const left = [...previous.keys()].some((id) => !current.has(id));
  if (entered) from.push(ABSENT);
  if (left) to.push(ABSENT);
  const fi = new Map(from.map((k, i) => [k, i]));
  const ti = new Map(to.map((k, i) => [k, i]));
  const counts = from.map(() => new Array<number>(to.length).fill(0));
  for (const [id, seg] of previous) counts[fi.get(seg)!][ti.get(current.get(id) ?? ABSENT)!]++;
  for (const [id, seg] of current) if (!previous.has(id)) counts[fi.get(ABSENT)!][ti.get(seg)!]++;
  return { from, to, counts };
}
