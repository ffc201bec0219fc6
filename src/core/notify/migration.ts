import type { SegmentSnapshot } from "./book";
import type { DateKey } from "./calendar";

/** How customers moved between segments from one weekly snapshot to the next. */
export interface MigrationMatrix {
  readonly fromWeek: DateKey;
  readonly toWeek: DateKey;
  /** Row and column labels (segments seen in either week), in {@link segmentOrder}. */
  readonly segments: readonly string[];
  /** counts[i][j]: customers in segments[i] in fromWeek and segments[j] in toWeek. */
  readonly counts: readonly (readonly number[])[];
  /** Customers who changed segment, as (customer, from, to). */
  readonly moves: readonly { readonly customerId: string; readonly from: string; readonly to: string }[];
  /** In toWeek but not fromWeek, and the reverse. */
  readonly entered: number;
  readonly left: number;
}

/** Best to worst, as the RFM ten-segment table lists them; unknown labels sort after, alphabetically. */
const ORDER = [
  "champions",
  "loyal customers",
  "potential loyalist",
  "new customers",
  "promising",
  "need attention",
  "about to sleep",
  "at risk",
  "can't lose them",
  "hibernating",
  "lost",
  "others",
];

/** Sorts segment labels best first (known RFM names), then the rest alphabetically. */
export function segmentOrder(labels: Iterable<string>): string[] {
  const rank = (s: string) => {
    const i = ORDER.indexOf(s.trim().toLowerCase());
    return i < 0 ? ORDER.length : i;
  };
  return [...new Set(labels)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** The latest two distinct snapshot weeks on or before `asOf`, oldest first; fewer when history is short. */
export function lastTwoWeeks(history: readonly SegmentSnapshot[], asOf: DateKey): DateKey[] {
  const weeks = [...new Set(history.map((h) => h.weekStart).filter((w) => w <= asOf))].sort();
  return weeks.slice(-2);
}

/**
 * The segment migration matrix between two snapshot weeks. Customers present in only one of the weeks are
 * counted as entered or left, not in the matrix. A customer listed twice in a week keeps the last row.
 */
export function migrationMatrix(
  history: readonly SegmentSnapshot[],
  fromWeek: DateKey,
  toWeek: DateKey,
): MigrationMatrix {
  const before = new Map<string, string>();
  const after = new Map<string, string>();
  for (const h of history) {
    if (h.weekStart === fromWeek) before.set(h.customerId, h.segment);
    if (h.weekStart === toWeek) after.set(h.customerId, h.segment);
  }
  const segments = segmentOrder([...before.values(), ...after.values()]);
  const index = new Map(segments.map((s, i) => [s, i]));
  const counts = segments.map(() => segments.map(() => 0));
  const moves: { customerId: string; from: string; to: string }[] = [];
  let left = 0;
  for (const [id, from] of before) {
    const to = after.get(id);
    if (to === undefined) {
      left++;
      continue;
    }
    counts[index.get(from)!][index.get(to)!]++;
    if (from !== to) moves.push({ customerId: id, from, to });
  }
  const entered = [...after.keys()].filter((id) => !before.has(id)).length;
  moves.sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
  return { fromWeek, toWeek, segments, counts, moves, entered, left };
}
