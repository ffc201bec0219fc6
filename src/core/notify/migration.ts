import { ABSENT, migrationMatrix } from "../classify/migration";
import type { SegmentSnapshot } from "../book";
import type { DateKey } from "../calendar";
import { segmentKey, segmentOrder } from "./segments";

/** How customers moved between segments from one weekly snapshot to the next (segment keys). */
export interface WeeklyMigration {
  readonly fromWeek: DateKey;
  readonly toWeek: DateKey;
  /** Row keys (earlier week) and column keys (later week), best first; ABSENT ("") last for new/gone. */
  readonly from: readonly string[];
  readonly to: readonly string[];
  /** counts[i][j]: customers in from[i] in fromWeek and in to[j] in toWeek. */
  readonly counts: readonly (readonly number[])[];
  /** Customers who changed segment (new and departed customers excluded), by CustomerID. */
  readonly moves: readonly { readonly customerId: string; readonly from: string; readonly to: string }[];
}

export { ABSENT };

/** The latest two distinct snapshot weeks on or before `asOf`, oldest first; fewer when history is short. */
export function lastTwoWeeks(history: readonly SegmentSnapshot[], asOf: DateKey): DateKey[] {
  const weeks = [...new Set(history.map((h) => h.weekStart).filter((w) => w <= asOf))].sort();
  return weeks.slice(-2);
}

function reorder(keys: readonly string[]): string[] {
  const real = segmentOrder(keys.filter((k) => k !== ABSENT));
  return keys.includes(ABSENT) ? [...real, ABSENT] : real;
}

/**
 * The segment migration between two snapshot weeks, counted by the classification's migrationMatrix and
 * laid out best segment first. Labels in either language are folded to keys first, so a sheet whose
 * language changed between snapshots still matches. A customer listed twice in a week keeps the last row.
 */
export function weeklyMigration(
  history: readonly SegmentSnapshot[],
  fromWeek: DateKey,
  toWeek: DateKey,
): WeeklyMigration {
  const before = new Map<string, string>();
  const after = new Map<string, string>();
  for (const h of history) {
    if (h.weekStart === fromWeek) before.set(h.customerId, segmentKey(h.segment));
    if (h.weekStart === toWeek) after.set(h.customerId, segmentKey(h.segment));
  }
  const m = migrationMatrix(before, after);
  const from = reorder(m.from);
  const to = reorder(m.to);
  const counts = from.map((f) => to.map((t) => m.counts[m.from.indexOf(f)][m.to.indexOf(t)]));
  const moves = [...before]
    .filter(([id, seg]) => after.has(id) && after.get(id) !== seg)
    .map(([customerId, seg]) => ({ customerId, from: seg, to: after.get(customerId)! }))
    .sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
  return { fromWeek, toWeek, from, to, counts, moves };
}
