import { expectedPurchases, fitBgNbd, pAlive, type BgNbdParams, type BtydCustomer } from "./bgnbd";
import { isQuietForRhythm, type LifecycleInput } from "./lifecycle";
import type { ChurnSettings, LifecycleSettings } from "./settings";

/** Most customers the fit uses; beyond that a deterministic sample keeps Apps Script inside its time limit. */
export const MAX_FIT_CUSTOMERS = 2_500;

/** How churn was judged for the whole book. */
export type ChurnModel =
  | {
      readonly kind: "bgnbd";
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

/** FNV-1a, so the fitting sample depends on the IDs only, never on row order. */
function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Fits BG/NBD to the book (days as the time unit) when it can be trusted: at least minCustomers customers
 * and minRepeatBuyers with a repeat purchase, and a converged fit with every parameter in [1e−6, 1e6].
 * Otherwise the rhythm rule is used and the reason recorded for the "why". Above MAX_FIT_CUSTOMERS the fit
 * uses the customers whose ID hash falls in a 1/k slice (k = ⌈n / MAX_FIT_CUSTOMERS⌉).
 */
export function churnModel(
  ids: readonly string[],
  btyd: readonly BtydCustomer[],
  s: ChurnSettings,
): ChurnModel {
  const customers = btyd.length;
  let repeatBuyers = 0;
  for (const c of btyd) if (c.x > 0) repeatBuyers++;
  if (customers < s.minCustomers)
    return { kind: "rhythm", reason: "few-customers", customers, repeatBuyers, need: s.minCustomers };
  if (repeatBuyers < s.minRepeatBuyers)
    return { kind: "rhythm", reason: "few-repeat-buyers", customers, repeatBuyers, need: s.minRepeatBuyers };
  let sample = btyd;
  if (customers > MAX_FIT_CUSTOMERS) {
    const k = Math.ceil(customers / MAX_FIT_CUSTOMERS);
    sample = btyd.filter((_, i) => hashId(ids[i]) % k === 0);
  }
  const fit = fitBgNbd(sample);
  const p = fit.params;
  const sane = [p.r, p.alpha, p.a, p.b].every((v) => Number.isFinite(v) && v >= 1e-6 && v <= 1e6);
  if (!fit.converged || !sane)
    return { kind: "rhythm", reason: "untrusted-fit", customers, repeatBuyers, need: 0 };
  return { kind: "bgnbd", params: p, customers, repeatBuyers, fittedOn: sample.length };
}

/**
 * One customer's churn figures: P(alive) (null under the rhythm rule and for one-time buyers), expected
 * purchases (null under the rhythm rule) and a level.
 */
export interface ChurnResult {
  readonly pAlive: number | null;
  readonly expected: number | null;
  readonly risk: ChurnRisk;
}

/**
 * Under BG/NBD: risk is low when P(alive) ≥ 0.7, medium from 0.4, else high; customers without a repeat
 * purchase get the rhythm rule's level and no P(alive): the model's value for them is always 1, which would
 * read as "certainly active" for a buyer gone for years. Under the rhythm rule: high
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
    const expected = expectedOrNull(model.params, c, horizonDays);
    // BG/NBD lets no one drop out before a first repeat (P(alive) = 1 at x = 0): judge them by the rhythm rule.
    if (c.x === 0) return { pAlive: null, expected, risk: rhythmRisk(history, life) };
    const alive = pAlive(model.params, c);
    return { pAlive: alive, expected, risk: alive >= 0.7 ? "low" : alive >= 0.4 ? "medium" : "high" };
  }
  return { pAlive: null, expected: null, risk: rhythmRisk(history, life) };
}

/** The ₂F₁ series can fail to converge for extreme histories; a blank cell beats a failed run. */
function expectedOrNull(p: BgNbdParams, c: BtydCustomer, horizonDays: number): number | null {
  try {
    const e = expectedPurchases(p, c, horizonDays);
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
