import {
  expectedUnder,
  MAX_FIT_CUSTOMERS,
  pAliveUnder,
  repeatModels,
  type RepeatModelKind,
} from "../analysis/repeat-model";
import type { BgNbdParams, BtydCustomer } from "./bgnbd";
import { isQuietForRhythm, type LifecycleInput } from "./lifecycle";
import type { ChurnSettings, LifecycleSettings } from "./settings";

export { MAX_FIT_CUSTOMERS };

/** How churn was judged for the whole book. */
export type ChurnModel =
  | {
      readonly kind: "bgnbd";
      /**
       * The repeat model `params` belong to: BG/NBD or MBG/NBD, whichever fits the book better (absent:
       * BG/NBD). Under MBG/NBD one-time buyers get a P(alive) too.
       */
      readonly model?: RepeatModelKind;
      readonly params: BgNbdParams;
      readonly customers: number;
      readonly repeatBuyers: number;
      /** Customers the fit used (all, or the sample). */
      readonly fittedOn: number;
    }
  | {
      readonly kind: "rhythm";
      readonly reason: "few-customers" | "few-repeat-buyers" | "untrusted-fit";
      readonly customers: number;
      readonly repeatBuyers: number;
      /** The threshold that was not met (0 for an untrusted fit). */
      readonly need: number;
    };

export type ChurnRisk = "low" | "medium" | "high";

/**
 * Fits BG/NBD and MBG/NBD to the book (days as the time unit; src/core/analysis/repeat-model.ts) when it
 * can be trusted: at least minCustomers customers and minRepeatBuyers with a repeat purchase, and a
 * converged fit with every parameter in [1e−6, 1e6]; of the trusted fits, the one with the higher
 * likelihood is used. Otherwise the rhythm rule is used and the reason recorded for the "why". Above
 * MAX_FIT_CUSTOMERS the fits use the customers whose ID hash falls in a 1/k slice (k = ⌈n / MAX_FIT_CUSTOMERS⌉).
 */
export function churnModel(
  ids: readonly string[],
  btyd: readonly BtydCustomer[],
  s: ChurnSettings,
): ChurnModel {
  const m = repeatModels(ids, btyd, s);
  const { customers, repeatBuyers } = m;
  if (!m.chosen) {
    const reason = m.reason ?? "untrusted-fit";
    const need =
      reason === "few-customers" ? s.minCustomers : reason === "few-repeat-buyers" ? s.minRepeatBuyers : 0;
    return { kind: "rhythm", reason, customers, repeatBuyers, need };
  }
  const fit = m.chosen === "mbgnbd" ? m.mbgnbd! : m.bgnbd!;
  return {
    kind: "bgnbd",
    model: m.chosen,
    params: fit.params,
    customers,
    repeatBuyers,
    fittedOn: m.fittedOn,
  };
}

/**
 * One customer's churn figures: P(alive) (null under the rhythm rule, and for one-time buyers under BG/NBD),
 * expected purchases (null under the rhythm rule) and a level.
 */
export interface ChurnResult {
  readonly pAlive: number | null;
  readonly expected: number | null;
  readonly risk: ChurnRisk;
}

/**
 * Under BG/NBD or MBG/NBD: risk is low when P(alive) ≥ 0.7, medium from 0.4, else high; under BG/NBD,
 * customers without a repeat purchase get the rhythm rule's level and no P(alive): the model's value for
 * them is always 1, which would read as "certainly active" for a buyer gone for years. Under the rhythm rule: high
 * when the lifecycle rhythm rule says at risk (or lost), medium when quiet for longer than the usual gap
 * (one-time buyers: half of oneTimeAtRiskDays), else low.
 */
export function churnOf(
  model: ChurnModel,
  c: BtydCustomer,
  history: LifecycleInput,
  life: LifecycleSettings,
  horizonDays: number,
): ChurnResult {
  if (model.kind === "bgnbd") {
    const kind = model.model ?? "bgnbd";
    const expected = expectedOrNull(kind, model.params, c, horizonDays);
    // BG/NBD lets no one drop out before a first repeat (P(alive) = 1 at x = 0): judge them by the rhythm
    // rule. MBG/NBD does, so under it every customer has a P(alive).
    if (c.x === 0 && kind === "bgnbd") return { pAlive: null, expected, risk: rhythmRisk(history, life) };
    const alive = pAliveUnder(kind, model.params, c);
    return { pAlive: alive, expected, risk: alive >= 0.7 ? "low" : alive >= 0.4 ? "medium" : "high" };
  }
  return { pAlive: null, expected: null, risk: rhythmRisk(history, life) };
}

/** The ₂F₁ series can fail to converge for extreme histories; a blank cell beats a failed run. */
function expectedOrNull(
  kind: RepeatModelKind,
  p: BgNbdParams,
  c: BtydCustomer,
  horizonDays: number,
): number | null {
  try {
    const e = expectedUnder(kind, p, c, horizonDays);
    return Number.isFinite(e) ? e : null;
  } catch {
    return null;
  }
}

function rhythmRisk(history: LifecycleInput, life: LifecycleSettings): ChurnRisk {
  if (history.recency > life.lostDays || isQuietForRhythm(history, life)) return "high";
  const usual = Number.isNaN(history.medianGap) ? life.oneTimeAtRiskDays / 2 : history.medianGap;
  return history.recency > usual ? "medium" : "low";
}
