import { KEEP, writeRows, type TableSnapshot } from "../platform/sheet-table";

/** Writes the plan's changed rows (KEEP elsewhere) and appended rows in one writeRows. */
export function writePlan(
  snapshot: TableSnapshot,
  updates: ReadonlyMap<number, readonly unknown[]>,
  appended: readonly (readonly unknown[])[],
) {
  if (!updates.size && !appended.length) return;
  const width = snapshot.headers.length;
  let first = snapshot.rows.length;
  for (const row of updates.keys()) if (row < first) first = row;
  const rows: unknown[][] = [];
  for (let i = first; i < snapshot.rows.length; i++) {
    const next = updates.get(i);
    const old = snapshot.rows[i];
    rows.push(
      Array.from({ length: width }, (_, c) => (next && !sameValue(next[c], old[c]) ? next[c] : KEEP)),
    );
  }
  for (const r of appended) rows.push([...r]);
  writeRows(snapshot, first, rows);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}
