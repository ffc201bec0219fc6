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
 */
export function abcClasses(
  ids: readonly string[],
  spend: ArrayLike<number>,
  settings: AbcSettings,
): AbcClass[] {
  const n = ids.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (p, q) => spend[q] - spend[p] || (ids[p] < ids[q] ? -1 : ids[p] > ids[q] ? 1 : 0),
  );
  const result = new Array<AbcClass>(n);
  if (settings.mode === "count") {
    const aCut = Math.ceil(settings.a * n);
    const bCut = Math.ceil(settings.b * n);
    order.forEach((c, rank) => (result[c] = rank < aCut ? "A" : rank < bCut ? "B" : "C"));
    return result;
  }
  let total = 0;
  for (let i = 0; i < n; i++) if (spend[i] > 0) total += spend[i];
  let before = 0;
  for (const c of order) {
    const share = total > 0 ? before / total : 1;
    result[c] = spend[c] <= 0 || total <= 0 ? "C" : share < settings.a ? "A" : share < settings.b ? "B" : "C";
    if (spend[c] > 0) before += spend[c];
  }
  return result;
}
