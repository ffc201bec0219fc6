import type { LifecycleSettings } from "./settings";

export type LifecycleStage = "prospect" | "new" | "repeat" | "loyal" | "at_risk" | "lost";

/** What the lifecycle rule looked at, for the "why" text. */
export interface LifecycleInput {
  readonly orders: number;
  readonly purchaseDays: number;
  /** Days since the last order. */
  readonly recency: number;
  /** Median days between purchase days; NaN with a single purchase day. */
  readonly medianGap: number;
}

/**
 * The customer's stage, first rule that applies:
 * 1. prospect — no orders;
 * 2. lost — quiet for more than lostDays;
 * 3. at risk — by the customer's own rhythm: with two or more purchase days, quiet for more than
 *    atRiskGapFactor × their median gap and at least atRiskMinDays; with one purchase day (no rhythm yet),
 *    quiet for more than oneTimeAtRiskDays;
 * 4. loyal — at least loyalMinOrders orders;
 * 5. repeat — two or more orders;
 * 6. new — a single order, still within the expected window.
 */
export function lifecycleStage(c: LifecycleInput, s: LifecycleSettings): LifecycleStage {
  if (c.orders === 0) return "prospect";
  if (c.recency > s.lostDays) return "lost";
  if (isQuietForRhythm(c, s)) return "at_risk";
  if (c.orders >= s.loyalMinOrders) return "loyal";
  return c.orders >= 2 ? "repeat" : "new";
}

/** The rhythm rule alone (step 3 above); also the churn fallback when the BG/NBD fit is not trusted. */
export function isQuietForRhythm(c: LifecycleInput, s: LifecycleSettings): boolean {
  if (c.purchaseDays >= 2 && !Number.isNaN(c.medianGap))
    return c.recency > s.atRiskGapFactor * c.medianGap && c.recency >= s.atRiskMinDays;
  return c.recency > s.oneTimeAtRiskDays;
}
