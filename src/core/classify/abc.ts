import type { AbcSettings } from "./settings";

export type AbcClass = "A" | "B" | "C";

/**
 * ABC classes of customers by net spend. Customers are ranked by spend, highest first, ties by CustomerID
 * (code-unit order), so the result never depends on row order.
 * - "count": the first ⌈a·n⌉ ranked customers are A, up to ⌈b·n⌉ B, the rest C (seed 004: 20% / 50% / 30%
 *   with a = 0.2, b = 0.7). One customer is A.
 * - "revenue": a customer is A while the revenue of those ranked before them is below a of the total (so the
 *   customer crossing the line is still A), B below b, else C. Customers with net ≤ 0 are C, and everyone is
 *   C when the total is not positive.
 * A NaN spend (never a net amount) ranks as the lowest.
 */
export function abcClasses(
  ids: readonly string[],
  spend: ArrayLike<number>,
  settings: AbcSettings,
): AbcClass[] {
  const n = ids.length;
  const value = (i: number) => (Number.isNaN(spend[i]) ? -Infinity : spend[i]);
  // The spends highest first by a typed-array sort: far cheaper than sorting 50,000 indexes by a comparator.
  const ranked = new Float64Array(n);
  for (let i = 0; i < n; i++) ranked[i] = value(i);
  ranked.sort().reverse();
  const classAt = rankClasses(ranked, spend, settings);
  // Classes only step up along the ranks (A, then B, then C), so a customer's class follows from their
  // spend against the spends either side of each step. Equal spends take consecutive ranks in ID order,
  // which matters only for a tie across a step: just those customers are sorted by ID.
  const steps: number[] = [];
  for (let rank = 1; rank < n; rank++) if (classAt[rank] !== classAt[rank - 1]) steps.push(rank);
  const result = new Array<AbcClass>(n);
  const straddling = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const v = value(i);
    let c = classAt[0];
    let tied = false;
    for (const step of steps) {
      if (v > ranked[step]) break;
      if (v < ranked[step - 1]) c = classAt[step];
      else {
        tied = true;
        break;
      }
    }
    if (!tied) {
      result[i] = c;
      continue;
    }
    const first = ranksAbove(ranked, v);
    const tie = straddling.get(first);
    if (tie) tie.push(i);
    else straddling.set(first, [i]);
  }
  for (const [first, tie] of straddling) {
    tie.sort((p, q) => (ids[p] < ids[q] ? -1 : ids[p] > ids[q] ? 1 : 0));
    tie.forEach((c, j) => (result[c] = classAt[first + j]));
  }
  return result;
}

/** The class at each rank of `ranked` (spends, highest first). */
function rankClasses(ranked: Float64Array, spend: ArrayLike<number>, settings: AbcSettings): AbcClass[] {
  const n = ranked.length;
  const classes = new Array<AbcClass>(n);
  if (settings.mode === "count") {
    const aCut = Math.ceil(settings.a * n);
    const bCut = Math.ceil(settings.b * n);
    for (let rank = 0; rank < n; rank++) classes[rank] = rank < aCut ? "A" : rank < bCut ? "B" : "C";
    return classes;
  }
  // Summed in the customers' own order (a floating-point sum depends on the order); the running sum below
  // adds equal values for tied ranks, so it does not depend on how ties are ordered.
  let total = 0;
  for (let i = 0; i < n; i++) if (spend[i] > 0) total += spend[i];
  let before = 0;
  for (let rank = 0; rank < n; rank++) {
    const v = ranked[rank];
    const share = total > 0 ? before / total : 1;
    classes[rank] = v <= 0 || total <= 0 ? "C" : share < settings.a ? "A" : share < settings.b ? "B" : "C";
    if (v > 0) before += v;
  }
  return classes;
}

/** How many of `ranked` (highest first) are above v: a binary search. */
function ranksAbove(ranked: Float64Array, v: number): number {
  let lo = 0;
  let hi = ranked.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranked[mid] > v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
